import assert from "node:assert/strict";
import { cleanErrorName, decodeServiceError } from "../../provider/wickr/decode-error";
import { isWickrError, ValidationError } from "../../provider/wickr/errors";

const response = (statusCode: number, body: string, headers: Record<string, string> = {}) => ({
  statusCode,
  body,
  headers,
});

describe("cleanErrorName", () => {
  const cases: [string, string][] = [
    ["RateLimitError", "RateLimitError"],
    ["RateLimitError:http://internal.amazon.com/coral/com.amazonaws.wickr/", "RateLimitError"],
    ["com.amazonaws.wickr#RateLimitError", "RateLimitError"],
    [
      "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
      "FooError",
    ],
    ["FooError,BarError", "FooError"],
    ["  ForbiddenError  ", "ForbiddenError"],
  ];
  for (const [raw, clean] of cases)
    it(`${JSON.stringify(raw)} → ${clean}`, () => assert.equal(cleanErrorName(raw), clean));
});

describe("decodeServiceError", () => {
  const modelled: [string, number, "client" | "server"][] = [
    ["BadRequestError", 400, "client"],
    ["UnauthorizedError", 401, "client"],
    ["ForbiddenError", 403, "client"],
    ["ResourceNotFoundError", 404, "client"],
    ["ValidationError", 422, "client"],
    ["RateLimitError", 429, "client"],
    ["InternalServerError", 500, "server"],
  ];
  for (const [name, status, fault] of modelled) {
    it(`${name} from the header with the coral suffix`, () => {
      const e = decodeServiceError(
        response(status, JSON.stringify({ message: "boom" }), {
          "x-amzn-errortype": `${name}:http://internal.amazon.com/coral/com.amazonaws.wickr/`,
          "x-amzn-requestid": "req-1",
        }),
      );
      assert.equal(e.name, name);
      assert.equal(e.code, name);
      assert.equal(e.statusCode, status);
      assert.equal(e.requestId, "req-1");
      assert.equal(e.message, "boom");
      assert.equal(e.fault, fault);
      assert.ok(isWickrError(e));
      assert.equal(
        (e as unknown as Record<string, unknown>)["id"],
        undefined,
        "errors must never carry `id`",
      );
    });
  }

  it("reads the name from the body's code when there is no header", () => {
    assert.equal(
      decodeServiceError(response(403, '{"code":"ForbiddenError","message":"no"}')).name,
      "ForbiddenError",
    );
  });
  it("reads a namespaced __type", () => {
    const e = decodeServiceError(
      response(404, '{"__type":"com.amazonaws.wickr#ResourceNotFoundError","Message":"gone"}'),
    );
    assert.equal(e.name, "ResourceNotFoundError");
    assert.equal(e.message, "gone", "Message (capital M) is read too");
  });
  it("prefers the header over code over __type, case-insensitively", () => {
    const e = decodeServiceError(
      response(400, '{"code":"ForbiddenError","__type":"X#ResourceNotFoundError"}', {
        "X-Amzn-ErrorType": "BadRequestError",
      }),
    );
    assert.equal(e.name, "BadRequestError");
  });
  it("keeps an unmodelled name and its status", () => {
    const e = decodeServiceError(
      response(403, '{"message":"The request signature we calculated does not match"}', {
        "x-amzn-errortype":
          "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/",
      }),
    );
    assert.equal(e.name, "InvalidSignatureException");
    assert.equal(e.code, "InvalidSignatureException");
    assert.equal(e.statusCode, 403);
    assert.equal(e.constructor.name, "WickrServiceError");
  });
  it("decodes ValidationError reasons", () => {
    const e = decodeServiceError(
      response(
        422,
        JSON.stringify({
          message: "bad",
          reasons: [{ field: "issuer", reason: "required" }, { reason: "x" }],
        }),
        {
          "x-amzn-errortype": "ValidationError",
        },
      ),
    );
    assert.ok(e instanceof ValidationError);
    assert.deepEqual(e.reasons, [{ field: "issuer", reason: "required" }, { reason: "x" }]);
  });
  it("handles an empty body", () => {
    const e = decodeServiceError(response(429, ""));
    assert.equal(e.name, "RateLimitError");
    assert.equal(e.message, "Too many requests sent");
  });
  it("handles a non-JSON body", () => {
    const e = decodeServiceError(response(502, "<html>Bad Gateway</html>"));
    assert.equal(e.name, "UnknownServerError");
    assert.equal(e.statusCode, 502);
    assert.equal(e.fault, "server");
  });
  it("names a bare 4xx after its status", () => {
    assert.equal(decodeServiceError(response(418, "[]")).name, "Http418Error");
  });
});
