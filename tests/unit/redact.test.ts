import assert from "node:assert/strict";
import { describeFailure } from "../../provider/wickr/describe-error";
import { ForbiddenError, WickrServiceError } from "../../provider/wickr/errors";
import { redactFields, scrubSecrets, urlWithoutQuery } from "../../provider/wickr/redact";
import {
  SECRET_OUTPUT_FIELDS,
  SENSITIVE_FIELDS,
  SENSITIVE_REQUEST_FIELDS,
  isSensitiveField,
} from "../../provider/wickr/sensitive-fields";

// The sensitive names, written out: dropping one from the implementation's lists must fail here, not
// shrink a loop over those lists.
/** Outputs stored as Pulumi secrets (README "Outputs"; the model marks the first two sensitive). */
const EXPECTED_SECRET_OUTPUTS = [
  "clientSecret",
  "secret",
  "accessToken",
  "idToken",
  "refreshToken",
  "codeVerifier",
];
/** GetOidcInfo query members never shown (they travel in the URL). */
const EXPECTED_SENSITIVE_REQUEST_MEMBERS = ["clientSecret", "code", "codeVerifier"];
/** Every name redacted wherever it appears: the two above, and the AWS credentials and signing headers. */
const EXPECTED_SENSITIVE_FIELDS = [
  "clientSecret",
  "secret",
  "accessToken",
  "idToken",
  "refreshToken",
  "codeVerifier",
  "code",
  "secretAccessKey",
  "sessionToken",
  "SecretAccessKey",
  "SessionToken",
  "authorization",
  "x-amz-security-token",
];

describe("redaction", () => {
  it("the lists of sensitive names hold exactly the expected names", () => {
    assert.deepEqual([...SECRET_OUTPUT_FIELDS], EXPECTED_SECRET_OUTPUTS);
    assert.deepEqual([...SENSITIVE_REQUEST_FIELDS], EXPECTED_SENSITIVE_REQUEST_MEMBERS);
    assert.deepEqual([...SENSITIVE_FIELDS], EXPECTED_SENSITIVE_FIELDS);
  });
  it("isSensitiveField knows every sensitive name, in any case, and nothing else", () => {
    for (const f of EXPECTED_SENSITIVE_FIELDS) {
      assert.ok(isSensitiveField(f), f);
      assert.ok(isSensitiveField(f.toUpperCase()), f.toUpperCase());
      assert.ok(isSensitiveField(f.toLowerCase()), f.toLowerCase());
    }
    assert.ok(isSensitiveField("X-Amz-Security-Token"));
    assert.ok(isSensitiveField("Authorization"));
    for (const f of [
      "issuer",
      "clientId",
      "companyId",
      "scopes",
      "redirectUri",
      "accessKeyId",
      "codes",
      "",
    ]) {
      assert.ok(!isSensitiveField(f), f);
    }
  });
  it("redactFields hides sensitive values and keeps the rest", () => {
    assert.deepEqual(redactFields({ clientId: "c", clientSecret: "s3", code: "abc", url: "https://idp" }), {
      clientId: "c",
      clientSecret: "[REDACTED]",
      code: "[REDACTED]",
      url: "https://idp",
    });
  });
  it("scrubSecrets removes raw and URL-encoded values, longest first", () => {
    const text = "echo canary-secret/+= and canary-secret%2F%2B%3D and canary-secret-longer";
    const out = scrubSecrets(text, ["canary-secret/+=", "canary-secret-longer", undefined, "ab"]);
    assert.ok(!out.includes("canary-secret"), out);
    assert.equal(out, "echo [REDACTED] and [REDACTED] and [REDACTED]");
  });
  it("urlWithoutQuery cuts the query and fragment", () => {
    assert.equal(urlWithoutQuery("https://h/networks/1/oidc?clientSecret=x#f"), "https://h/networks/1/oidc");
  });
  it("describeFailure scrubs a secret the service echoed, from message, stack and cause", () => {
    const cause = new Error("upstream said canary-code-123");
    const error = new WickrServiceError("WeirdError", "bad code canary-code-123", { statusCode: 400, cause });
    describeFailure(error, {
      operation: "GetOidcInfo",
      networkId: "12345678",
      attempts: 1,
      elapsedMs: 5,
      secrets: ["canary-code-123"],
    });
    assert.ok(!error.message.includes("canary-code-123"));
    assert.ok(!(error.stack ?? "").includes("canary-code-123"));
    assert.ok(!cause.message.includes("canary-code-123"));
    assert.match(error.message, /GetOidcInfo for Wickr network 12345678 failed: WeirdError \(HTTP 400\)/);
  });
  it("describeFailure names the principal and the permission for a 403", () => {
    const error = new ForbiddenError("not allowed", { statusCode: 403, requestId: "r-9" });
    describeFailure(error, {
      operation: "GetOidcInfo",
      networkId: "12345678",
      attempts: 1,
      elapsedMs: 10,
      caller: "arn:aws:iam::123456789012:user/alice",
      secrets: [],
    });
    assert.match(error.message, /arn:aws:iam::123456789012:user\/alice/);
    assert.match(error.message, /wickr:GetOidcInfo/);
    assert.match(error.message, /request id r-9/);
    assert.match(error.message, /1 attempt over 0\.0 s/);
  });
});
