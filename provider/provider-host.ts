/**
 * The published `pulumi-wickr-oidc/provider-host` subpath: what the serialized provider in every
 * existing stack's state loads by name. Its path and exports are kept forever; the implementation
 * lives in `pulumi/provider-host.ts`.
 */
export { check, diff, create, update, read, remove } from "./pulumi/provider-host";
