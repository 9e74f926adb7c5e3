import type { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

/** The SigV4 signing name of the Wickr Admin API. */
const SIGNING_SERVICE = "wickr";

/** Signs a request at the given time. */
export type RequestSigner = (request: HttpRequest, signingDate: Date) => Promise<HttpRequest>;

/**
 * A SigV4 signer (the AWS SDK's `@smithy/signature-v4`) for the Wickr Admin API. The session token,
 * when the credentials have one, is added as `x-amz-security-token` by the signer itself; the query is
 * canonicalised by the signer and serialised by `NodeHttpHandler` with the same URI escaping.
 */
export function createSigner(credentials: AwsCredentialIdentityProvider, region: string): RequestSigner {
  const { SignatureV4 } = require("@smithy/signature-v4") as typeof import("@smithy/signature-v4");
  const { Hash } = require("@smithy/hash-node") as typeof import("@smithy/hash-node");
  const signer = new SignatureV4({
    credentials,
    region,
    service: SIGNING_SERVICE,
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: true,
    applyChecksum: true,
  });
  return async (request, signingDate) => (await signer.sign(request, { signingDate })) as HttpRequest;
}
