import { partition } from "@aws-sdk/util-endpoints";
import { isValidHostLabel } from "@smithy/core/endpoints";
import { ConfigurationError } from "./errors";
import { CLIENT_SETTING_HINTS, type SettingHints } from "./setting-hints";
import { MAX_ENDPOINT_LENGTH } from "./limits";

const CONFIG = "Invalid Configuration";
const CONFLICT_FIX = (flag: string) =>
  `turn off ${flag} (or AWS_${flag === "useFipsEndpoint" ? "USE_FIPS" : "USE_DUALSTACK"}_ENDPOINT), or remove the custom endpoint`;

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

/** A reason the endpoint settings cannot work, with the setting to change. */
export interface EndpointProblem {
  field: "region" | "endpoint" | "useFipsEndpoint" | "useDualstackEndpoint";
  message: string;
}

/**
 * Resolves the Wickr Admin API endpoint the way the service's Smithy endpoint rules do.
 *
 * Partition data (DNS suffixes, FIPS and dual-stack support) comes from `@aws-sdk/util-endpoints`,
 * which AWS keeps current; an unknown region falls back to the `aws` partition there.
 *
 * @throws {@link ConfigurationError} for a missing or malformed region, a custom endpoint that
 *   {@link endpointUrlProblem} refuses, a custom endpoint combined with FIPS or dual-stack, or a
 *   partition without FIPS / dual-stack.
 */
export function resolveEndpoint(
  settings: EndpointSettings,
  hints: SettingHints = CLIENT_SETTING_HINTS,
): ResolvedEndpoint {
  const problem = endpointProblems(settings)[0];
  if (problem) throw new ConfigurationError(problem.message);
  const { region, endpoint, useFipsEndpoint = false, useDualstackEndpoint = false } = settings;
  if (region === undefined || region === "") {
    throw new ConfigurationError(`Missing Region: set ${hints.region}`);
  }
  if (endpoint !== undefined) return { url: checkEndpointUrl(endpoint), signingRegion: region };
  const p = partition(region);
  const host = useFipsEndpoint ? "admin.wickr-fips" : "admin.wickr";
  const suffix = useDualstackEndpoint ? p.dualStackDnsSuffix : p.dnsSuffix;
  return { url: `https://${host}.${region}.${suffix}`, signingRegion: region };
}

/**
 * Every reason these settings cannot give an endpoint, each naming the setting to change; `[]` when they
 * can. A missing region is not one: it may still come from the environment or the profile. A malformed
 * region is shown only when `showRegion` is true (it is not when the region came from a secret).
 */
export function endpointProblems(settings: EndpointSettings, showRegion = true): EndpointProblem[] {
  const { region, endpoint, useFipsEndpoint = false, useDualstackEndpoint = false } = settings;
  const problems: EndpointProblem[] = [];
  const add = (field: EndpointProblem["field"], message: string | undefined) => {
    if (message !== undefined) problems.push({ field, message });
  };
  if (endpoint !== undefined) {
    // Same order and wording as the model's rule set: FIPS first, then dual-stack.
    if (useFipsEndpoint) {
      add(
        "endpoint",
        `${CONFIG}: FIPS and custom endpoint are not supported; ${CONFLICT_FIX("useFipsEndpoint")}`,
      );
    }
    if (useDualstackEndpoint) {
      add(
        "endpoint",
        `${CONFIG}: Dualstack and custom endpoint are not supported; ${CONFLICT_FIX("useDualstackEndpoint")}`,
      );
    }
    add("endpoint", endpointUrlProblem(endpoint, "endpoint"));
  }
  if (region === undefined || region === "") return problems;
  const regionMessage = regionProblem(region, showRegion);
  add("region", regionMessage);
  if (regionMessage === undefined && endpoint === undefined) {
    const p = partition(region);
    if (useFipsEndpoint && !p.supportsFIPS) {
      add(
        "useFipsEndpoint",
        `FIPS is enabled but partition ${p.name} does not support FIPS; turn off useFipsEndpoint`,
      );
    }
    if (useDualstackEndpoint && !p.supportsDualStack) {
      add(
        "useDualstackEndpoint",
        `DualStack is enabled but partition ${p.name} does not support DualStack; turn off useDualstackEndpoint`,
      );
    }
  }
  return problems;
}

/**
 * Why `region` is not a region name, or undefined when it is one (a valid DNS host label, as the
 * Smithy endpoint rules require). Shows the value only when `show` is true and it is short.
 */
function regionProblem(region: string, show = true): string | undefined {
  if (isValidHostLabel(region)) return undefined;
  const shown = show && region.length <= 40 ? `"${region}"` : `(a string of ${region.length} characters)`;
  return `${CONFIG}: region ${shown} is not a valid region name; use a name such as "us-east-1" (letters, digits and hyphens)`;
}

/**
 * Why `value` cannot be used as the custom endpoint setting `field` (`endpoint`, `stsEndpoint`), or
 * undefined when it can. Never shows the value: a query string or user info could carry a secret.
 *
 * The rules: at most {@link MAX_ENDPOINT_LENGTH} characters; an absolute `https:` URL, or `http:` to a
 * loopback host only (see {@link isLoopbackHost}) — plain http elsewhere would send signed requests,
 * and with STS the temporary credentials it returns, in clear text; no user info, query string or
 * fragment.
 */
export function endpointUrlProblem(value: string, field: string): string | undefined {
  if (value.length > MAX_ENDPOINT_LENGTH) {
    return `${CONFIG}: ${field} is ${value.length} characters long; the limit is ${MAX_ENDPOINT_LENGTH} (give only scheme, host, port and path)`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${CONFIG}: ${field} is not a URL; expected e.g. https://host:port`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `${CONFIG}: ${field} must be an https:// URL (http:// only for a loopback host); expected e.g. https://host:port`;
  }
  // The URL parser drops an empty user info ("https://@host"), so look at the text as written too.
  if (url.username !== "" || url.password !== "" || /^[a-z][a-z0-9+.-]*:\/*[^/?#]*@/i.test(value)) {
    return `${CONFIG}: ${field} must not contain user info (user:password@); AWS credentials come from the credential chain, never from the URL`;
  }
  if (/[?#]/.test(value)) {
    return `${CONFIG}: ${field} must not contain a query string or fragment; give only scheme, host, port and path`;
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return `${CONFIG}: ${field} uses plain http:// to a non-loopback host; use https:// (plain http is allowed only for localhost/127.0.0.1/[::1], e.g. a local emulator)`;
  }
  return undefined;
}

/**
 * Checks a custom endpoint URL with {@link endpointUrlProblem} and returns its base: origin and path,
 * without a trailing slash.
 *
 * @throws {@link ConfigurationError} naming `field` when the URL is refused.
 * @example checkEndpointUrl("http://127.0.0.1:4566/", "stsEndpoint") // "http://127.0.0.1:4566"
 */
export function checkEndpointUrl(value: string, field = "endpoint"): string {
  const problem = endpointUrlProblem(value, field);
  if (problem !== undefined) throw new ConfigurationError(problem);
  const url = new URL(value);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * True for a hostname (as `URL` normalises it) that always means this machine: `localhost`, an address
 * in 127.0.0.0/8, or `[::1]`. Subdomains of `localhost` are not included: Node resolves names through
 * the system resolver (`getaddrinfo`), which sends `*.localhost` to DNS unless the host is configured
 * otherwise (RFC 6761 asks resolvers to answer loopback, but does not make them). IPv4-mapped forms
 * such as `[::ffff:127.0.0.1]` are not included either.
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
