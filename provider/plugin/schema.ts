/**
 * The provider plugin's Pulumi package schema, generated from the one field table: types from the
 * API's member tables, descriptions from `FIELD_DOCS` (the API's own documentation), secret flags from
 * the one list of sensitive fields. `pulumi package get-schema` returns it, and the SDKs for every
 * language are generated from it (`npm run gen:sdks`).
 */
import { FIELD_DOCS } from "../wickr/field-docs";
import { OPENID_CONNECT_INFO_FIELDS, TOKEN_INFO_FIELDS, TOKEN_REQUEST_FIELDS } from "../wickr/api-types";
import { SECRET_OUTPUT_FIELDS, SENSITIVE_REQUEST_FIELDS } from "../wickr/sensitive-fields";

/** The package name: the plugin is `pulumi-resource-wickr-oidc`. */
export const PACKAGE = "wickr-oidc";
/** The resource's type token. */
export const RESOURCE_TOKEN = `${PACKAGE}:index:WickrOidcInfo`;
/** The function's token. */
export const FUNCTION_TOKEN = `${PACKAGE}:index:getOidcInfo`;
/** The token-request object type. */
export const TOKEN_REQUEST_TOKEN = `${PACKAGE}:index:TokenRequest`;

/** The connection settings a provider is configured with (scalar ones; retry and throttling keep their defaults). */
export const PROVIDER_CONFIG_FIELDS = [
  "region",
  "endpoint",
  "profile",
  "roleArn",
  "externalId",
  "stsEndpoint",
  "useFipsEndpoint",
  "useDualstackEndpoint",
  "timeoutMs",
] as const;

/** The type of each configuration variable. */
export const CONFIG_TYPES: Readonly<
  Record<(typeof PROVIDER_CONFIG_FIELDS)[number], "string" | "boolean" | "integer">
> = {
  region: "string",
  endpoint: "string",
  profile: "string",
  roleArn: "string",
  externalId: "string",
  stsEndpoint: "string",
  useFipsEndpoint: "boolean",
  useDualstackEndpoint: "boolean",
  timeoutMs: "integer",
};

/** A property of the schema. */
interface Property {
  type?: string;
  $ref?: string;
  items?: Omit<Property, "description">;
  description: string;
  secret?: boolean;
}

const isSecretOutput = (field: string): boolean =>
  (SECRET_OUTPUT_FIELDS as readonly string[]).includes(field);
const isSecretRequest = (field: string): boolean =>
  (SENSITIVE_REQUEST_FIELDS as readonly string[]).includes(field);

function scalar(type: "string" | "integer" | "boolean", description: string, secret: boolean): Property {
  return { type, description, ...(secret ? { secret: true } : {}) };
}

/** Every output field, flat, with the API's names: the settings, the tokens, the network and region. */
function outputProperties(extra: Record<string, Property> = {}): Record<string, Property> {
  const properties: Record<string, Property> = {};
  for (const [field, type] of Object.entries(OPENID_CONNECT_INFO_FIELDS))
    properties[field] = scalar(
      type,
      FIELD_DOCS.openidConnectInfo[field as keyof typeof OPENID_CONNECT_INFO_FIELDS],
      isSecretOutput(field),
    );
  for (const [field, type] of Object.entries(TOKEN_INFO_FIELDS))
    properties[field] = scalar(
      type,
      FIELD_DOCS.tokenInfo[field as keyof typeof TOKEN_INFO_FIELDS],
      isSecretOutput(field),
    );
  properties["networkId"] = scalar("string", FIELD_DOCS.resource.networkId, false);
  properties["region"] = scalar("string", FIELD_DOCS.resource.region, false);
  return { ...properties, ...extra };
}

function configProperties(): Record<string, Property> {
  return Object.fromEntries(
    PROVIDER_CONFIG_FIELDS.map((field) => [
      field,
      scalar(CONFIG_TYPES[field], FIELD_DOCS.connection[field], false),
    ]),
  );
}

/**
 * The schema (a plain JSON object), for `version`. Deterministic: the same table gives the same
 * bytes, so the generated SDKs can be checked in and compared in CI.
 */
export function buildSchema(version: string): Record<string, unknown> {
  const tokenRequestProperties = Object.fromEntries(
    TOKEN_REQUEST_FIELDS.map((field) => [
      field,
      scalar("string", FIELD_DOCS.request[field], isSecretRequest(field)),
    ]),
  );
  const config = configProperties();
  return {
    name: PACKAGE,
    displayName: "Wickr OIDC",
    version,
    description:
      "Read an AWS Wickr network's OpenID Connect (SSO) configuration into a Pulumi stack: typed outputs, encrypted secrets, drift detection.",
    keywords: ["pulumi", "aws", "wickr", "oidc", "sso", "category/utility", "kind/native"],
    license: "Apache-2.0",
    config: { variables: config },
    provider: {
      description:
        "The Wickr OIDC provider. Connection settings left unset fall back to the AWS environment of the plugin process (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_WICKR, …); credentials come from the AWS default chain and are never stored.",
      inputProperties: config,
      properties: config,
    },
    types: {
      [TOKEN_REQUEST_TOKEN]: {
        type: "object",
        description:
          "A token exchange made when the resource is created and whenever this value changes, never again with the same code.",
        properties: tokenRequestProperties,
      },
    },
    resources: {
      [RESOURCE_TOKEN]: {
        description:
          "A Wickr network's OpenID Connect (SSO) settings, read with the Wickr Admin API `GetOidcInfo`. It behaves as a data source: nothing is created in AWS. Every `pulumi up` and `pulumi preview` reads the settings once and reports a change when they differ from the stack's outputs (drift); `pulumi refresh` updates the outputs; `pulumi destroy` makes no call. Import an existing network with `pulumi import " +
          `${RESOURCE_TOKEN} <name> <networkId>\`.`,
        inputProperties: {
          networkId: scalar("string", FIELD_DOCS.request.networkId, false),
          tokenRequest: {
            $ref: `#/types/${TOKEN_REQUEST_TOKEN}`,
            description:
              "Optional token exchange, done when the resource is created and whenever this value changes — never again with the same code. Stored encrypted as a whole.",
            secret: true,
          },
        },
        requiredInputs: ["networkId"],
        properties: outputProperties({
          driftedFields: {
            type: "array",
            items: { type: "string" },
            description: FIELD_DOCS.resource.driftedFields,
          },
          tokenRequest: {
            $ref: `#/types/${TOKEN_REQUEST_TOKEN}`,
            description:
              "The token request that produced the stored tokens, stored encrypted so a change can be detected.",
            secret: true,
          },
        }),
        required: ["networkId", "region", "driftedFields"],
      },
    },
    functions: {
      [FUNCTION_TOKEN]: {
        description:
          "Reads a Wickr network's OpenID Connect settings (`GetOidcInfo`) as a real invoke; with token members it also performs the token exchange. The sensitive fields are secret, the rest plain. Not stored: no drift detection (use the resource for that).",
        inputs: {
          properties: {
            networkId: scalar("string", FIELD_DOCS.request.networkId, false),
            ...tokenRequestProperties,
          },
          required: ["networkId"],
        },
        outputs: { properties: outputProperties(), required: ["networkId", "region"] },
      },
    },
    language: {
      csharp: { rootNamespace: "Pulumi", namespaces: { [PACKAGE]: "WickrOidc" }, respectSchemaVersion: true },
      go: {
        importBasePath: "github.com/pulumi-wickr-oidc/pulumi-wickr-oidc/sdk/go/wickroidc",
        generateResourceContainerTypes: false,
        respectSchemaVersion: true,
      },
      nodejs: { packageName: "@pulumi-wickr-oidc/wickr-oidc", respectSchemaVersion: true },
      // pyproject.toml, as Pulumi's current Python codegen emits it (instead of setup.py).
      python: { packageName: "pulumi_wickr_oidc", respectSchemaVersion: true, pyproject: { enabled: true } },
      // Sources only; scripts/gen-sdks/java adds a Maven pom.xml with these dependencies. The Java SDK
      // version is the pulumi-java release of the generator and the language host (scripts/gen-sdks/java/go.mod).
      java: { buildFiles: "none", dependencies: { "com.pulumi:pulumi": "1.16.0" } },
    },
  };
}
