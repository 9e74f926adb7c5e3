import { readFileSync } from "node:fs";
import { platform, release } from "node:os";
import { dirname, join } from "node:path";

/**
 * The `User-Agent` every request of the client carries, in the AWS SDKs' vocabulary
 * (`@aws-sdk/core`'s `createDefaultUserAgentProvider` and `escapeUserAgent`), with this package where
 * the SDK names itself (`aws-sdk-js/3.x`):
 *
 *     pulumi-wickr-oidc/0.1.0 ua/2.1 os/linux#6.8.0-1015-aws lang/js md/nodejs#20.20.2
 *
 * Like the SDKs, the header is not signed (`@smithy/signature-v4` never signs `user-agent`), so a proxy
 * that rewrites it cannot break a signature. No `x-amz-user-agent`: on Node.js the SDKs send it only
 * for their own `aws-sdk-*` section and an app's custom suffix, neither of which this client has.
 */

/** The package this file belongs to: the `name` of its package.json. */
export const PACKAGE_NAME = "pulumi-wickr-oidc";

/** The version of the AWS SDKs' user-agent format (`ua/2.1`). */
const UA_FORMAT_VERSION = "2.1";

/** Characters the SDKs replace (with `-`) in a section's name, and in its value. */
const NAME_ESCAPE = /[^!$%&'*+\-.^_`|~\w]/g;
const VALUE_ESCAPE = /[^!$%&'*+\-.^_`|~\w#]/g;

/**
 * One section as the SDKs write it: `name/value` for a plain name (`ua/2.1`), `prefix/name#value` for a
 * name with a prefix (`md/nodejs#20.20.2`), the name alone without a value (`lang/js`). Characters a
 * header value or the format cannot carry become `-`.
 */
export function userAgentSection(name: string, value?: string): string {
  const escapedName = name
    .split("/")
    .map((part) => part.replace(NAME_ESCAPE, "-"))
    .join("/");
  if (value === undefined || value === "") return escapedName;
  const escapedValue = value.replace(VALUE_ESCAPE, "-");
  return `${escapedName}${escapedName.includes("/") ? "#" : "/"}${escapedValue}`;
}

/**
 * The `version` of the nearest package.json named {@link PACKAGE_NAME} in `directory` or above it:
 * `provider/wickr/` in the repository, `dist/provider/wickr/` when built or installed. Package files of
 * other names on the way (an app that bundled this code) are passed over. `"unknown"` when there is
 * none or it cannot be read; never throws.
 */
export function packageVersionFrom(directory: string): string {
  for (let dir = directory; ;) {
    const version = versionIn(join(dir, "package.json"));
    if (version !== undefined) return version;
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

/** The version in `file` when it is this package's package.json with a version. */
function versionIn(file: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
    return manifest.name === PACKAGE_NAME && typeof manifest.version === "string" && manifest.version !== ""
      ? manifest.version
      : undefined;
  } catch {
    return undefined; // absent, unreadable or not JSON: keep looking
  }
}

/** What the user agent says, besides the constant parts. */
export interface UserAgentFacts {
  /** This package's version. */
  version: string;
  /** `os.platform()`, e.g. `linux`. */
  platform: string;
  /** `os.release()`, e.g. `6.8.0-1015-aws`. */
  release: string;
  /** `process.versions`: the runtime and its version, as the SDKs pick them. */
  versions: Readonly<Record<string, string | undefined>>;
}

/** The runtime section: Deno, Bun or LLRT when the process is one (they also report a `node`), else Node.js. */
function runtimeSection(versions: UserAgentFacts["versions"]): string {
  for (const runtime of ["deno", "bun", "llrt"]) {
    const version = versions[runtime];
    if (version) return userAgentSection(`md/${runtime}`, version);
  }
  return userAgentSection("md/nodejs", versions["node"] ?? "unknown");
}

/** The user agent for `facts` (pure). */
export function formatUserAgent(facts: UserAgentFacts): string {
  return [
    userAgentSection(PACKAGE_NAME, facts.version),
    userAgentSection("ua", UA_FORMAT_VERSION),
    userAgentSection(`os/${facts.platform}`, facts.release),
    userAgentSection("lang/js"),
    runtimeSection(facts.versions),
  ].join(" ");
}

let cached: string | undefined;

/** This process's user agent: worked out on first use, then the same string. Never throws. */
export function userAgent(): string {
  if (cached === undefined) {
    try {
      cached = formatUserAgent({
        version: packageVersionFrom(__dirname),
        platform: platform(),
        release: release(),
        versions: process.versions,
      });
    } catch {
      cached = userAgentSection(PACKAGE_NAME, "unknown");
    }
  }
  return cached;
}
