import { partition } from "@aws-sdk/util-endpoints";
import { isValidHostLabel } from "@smithy/core/endpoints";
import { ConfigurationError } from "./errors";

/** What decides the endpoint of a request. */
export interface EndpointSettings {
  region?: string;
  /** A custom endpoint URL, used as given (for VPC endpoints, proxies, or the local emulator). */
  endpoint?: string;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
}

/** The resolved endpoint: base URL (no trailing slash) and the region to sign for. */
export interface ResolvedEndpoint {
  url: string;
  signingRegion: string;
}

/**
 * Resolves the Wickr Admin API endpoint the way the service's Smithy endpoint rules do.
 *
 * Partition data (DNS suffixes, FIPS and dual-stack support) comes from `@aws-sdk/util-endpoints`,
 * which AWS keeps current; an unknown region falls back to the `aws` partition there.
 *
 * @throws {@link ConfigurationError} for a missing or malformed region, a malformed custom endpoint,
 *   a custom endpoint combined with FIPS or dual-stack, or a partition without FIPS / dual-stack.
 */
export function resolveEndpoint(settings: EndpointSettings): ResolvedEndpoint {
  const { region, endpoint, useFipsEndpoint = false, useDualstackEndpoint = false } = settings;
  if (endpoint !== undefined) {
    // Same order and wording as the model's rule set: FIPS first, then dual-stack.
    if (useFipsEndpoint) {
      throw new ConfigurationError("Invalid Configuration: FIPS and custom endpoint are not supported");
    }
    if (useDualstackEndpoint) {
      throw new ConfigurationError("Invalid Configuration: Dualstack and custom endpoint are not supported");
    }
    return { url: parseCustomEndpoint(endpoint), signingRegion: requireRegion(region) };
  }
  const signingRegion = requireRegion(region);
  const p = partition(signingRegion);
  if (useFipsEndpoint && !p.supportsFIPS) {
    throw new ConfigurationError(`FIPS is enabled but partition ${p.name} does not support FIPS`);
  }
  if (useDualstackEndpoint && !p.supportsDualStack) {
    throw new ConfigurationError(`DualStack is enabled but partition ${p.name} does not support DualStack`);
  }
  const host = useFipsEndpoint ? "admin.wickr-fips" : "admin.wickr";
  const suffix = useDualstackEndpoint ? p.dualStackDnsSuffix : p.dnsSuffix;
  return { url: `https://${host}.${signingRegion}.${suffix}`, signingRegion };
}

function requireRegion(region: string | undefined): string {
  if (region === undefined || region === "") {
    throw new ConfigurationError(
      "Missing Region: set `region` (or stack config `wickr:region` / `aws:region`, or AWS_REGION)",
    );
  }
  if (!isValidHostLabel(region)) {
    throw new ConfigurationError(`Invalid Configuration: region "${region}" is not a valid region name`);
  }
  return region;
}

function parseCustomEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigurationError(
      `Invalid Configuration: endpoint is not a URL; expected e.g. https://host:port`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(
      `Invalid Configuration: endpoint must use http or https, got ${url.protocol}`,
    );
  }
  if (url.search !== "" || url.username !== "" || url.password !== "") {
    // Never echo the value: a query string or user info could carry a secret.
    throw new ConfigurationError(
      "Invalid Configuration: endpoint must not contain a query string or credentials",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
