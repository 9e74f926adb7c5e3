/**
 * Test-side SigV4: sign with `@smithy/signature-v4` directly and send with `fetch`, independently of
 * the project's client, so that the emulator is checked against the SDK's signer and nothing else.
 */
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { DEMO_ACCESS_KEY_ID, DEMO_REGION, DEMO_SECRET_ACCESS_KEY } from "..";

const Sha256 = Hash.bind(null, "sha256");

/** Credentials to sign with. */
export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A request to sign and send. */
export interface TestRequest {
  method?: string;
  /** Raw path, e.g. `/networks/12345678/oidc`. */
  path: string;
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
  /** Default: the demo user. */
  credentials?: TestCredentials;
  region?: string;
  /** Default `wickr`. */
  service?: string;
  /** Default now. */
  signingDate?: Date;
  /** Skip signing entirely (to test missing authentication). */
  unsigned?: boolean;
}

/** The answer, read once. */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (throws when the body is not JSON). */
  json: Record<string, unknown>;
}

/** The demo user's credentials. */
export const DEMO_CREDENTIALS: TestCredentials = {
  accessKeyId: DEMO_ACCESS_KEY_ID,
  secretAccessKey: DEMO_SECRET_ACCESS_KEY,
};

/** RFC 3986 encoding, as the SDK puts query members on the wire. */
export function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Sign `request` for `baseUrl` and return the headers to send (without `host`, which fetch sets). */
export async function signHeaders(baseUrl: string, request: TestRequest): Promise<Record<string, string>> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { host: url.host, ...request.headers };
  if (request.body !== undefined && headers["content-type"] === undefined)
    headers["content-type"] = "application/json";
  if (request.unsigned) return headers;
  const signer = new SignatureV4({
    credentials: request.credentials ?? DEMO_CREDENTIALS,
    region: request.region ?? DEMO_REGION,
    service: request.service ?? "wickr",
    sha256: Sha256,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method ?? "GET",
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: request.path,
      query: request.query ?? {},
      headers,
      body: request.body,
    }),
    { signingDate: request.signingDate ?? new Date() },
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k, String(v)]));
}

/** The URL of `request` with its query encoded the way the SDK encodes it. */
export function requestUrl(baseUrl: string, request: TestRequest): string {
  const query = Object.entries(request.query ?? {})
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join("&");
  return `${baseUrl}${request.path}${query ? `?${query}` : ""}`;
}

/** Sign and send `request`. */
export async function signedFetch(baseUrl: string, request: TestRequest): Promise<TestResponse> {
  const headers = await signHeaders(baseUrl, request);
  delete headers.host; // fetch sets it (to the same value) and refuses one given explicitly.
  const response = await fetch(requestUrl(baseUrl, request), {
    method: request.method ?? "GET",
    headers,
    body: request.body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    get json() {
      return JSON.parse(text) as Record<string, unknown>;
    },
  };
}

/** GetOidcInfo for a network, with optional query members. */
export function getOidcInfo(
  baseUrl: string,
  networkId: string,
  extra: Omit<TestRequest, "path"> = {},
): Promise<TestResponse> {
  return signedFetch(baseUrl, { ...extra, path: `/networks/${encode(networkId)}/oidc` });
}
