/**
 * The error classes users catch: each one's `name` is its class name, and `instanceof` works across
 * copies of the module (the Pulumi provider host, a second install and a bundle each load their own),
 * without matching another class or a plain `Error`.
 */
import assert from "node:assert/strict";
import * as errors from "../../provider/wickr/errors";
import * as api from "../../provider";

type Module = typeof errors;
type AnyClass = abstract new (...args: never[]) => Error;

/** Every exported error class of `module`, by export name: functions whose prototype is an `Error`. */
function errorClassesOf(module: Module): Map<string, AnyClass> {
  const classes = new Map<string, AnyClass>();
  for (const [exported, value] of Object.entries(module)) {
    if (typeof value === "function" && Object.prototype.isPrototypeOf.call(Error.prototype, value.prototype))
      classes.set(exported, value as unknown as AnyClass);
  }
  return classes;
}

/** An instance of the class exported as `exported` from `module`, with the arguments its constructor takes. */
function create(module: Module, exported: string): Error {
  const Class = errorClassesOf(module).get(exported) as unknown as new (...args: unknown[]) => Error;
  if (exported === "InvalidInputError") return new Class("networkId", "must be 8 digits");
  if (exported === "WickrServiceError")
    return new Class("ExpiredTokenException", "expired", { statusCode: 403 });
  return new Class("message", { statusCode: 400 });
}

/**
 * A second, distinct instance of the module: its source file required again after dropping it from the
 * require cache (the cache entry is put back, so the rest of the run keeps the first instance).
 */
function secondCopy(): Module {
  const file = require.resolve("../../provider/wickr/errors");
  const first = require.cache[file];
  delete require.cache[file];
  try {
    return require(file) as Module;
  } finally {
    if (first) require.cache[file] = first;
  }
}

/** Written out, so that dropping or renaming a class fails here (the exports list alone would follow). */
const EXPECTED_CLASSES = [
  "WickrError",
  "WickrServiceError",
  "BadRequestError",
  "UnauthorizedError",
  "ForbiddenError",
  "ResourceNotFoundError",
  "ValidationError",
  "RateLimitError",
  "InternalServerError",
  "InvalidInputError",
  "ConfigurationError",
  "CredentialsError",
  "RequestTimeoutError",
  "NetworkError",
  "MalformedResponseError",
  "BudgetExceededError",
  "RequestAbortedError",
  "CodeMayBeUsedError",
];

describe("error classes", () => {
  const classes = errorClassesOf(errors);
  const other = secondCopy();

  it("the module exports exactly these classes, and the package exports each of them", () => {
    assert.deepEqual([...classes.keys()].sort(), [...EXPECTED_CLASSES].sort());
    const exported = api as unknown as Record<string, unknown>;
    for (const name of classes.keys()) assert.equal(exported[name], classes.get(name), `${name} is exported`);
  });

  it("each instance's name is its class name (WickrServiceError's is the service's error name)", () => {
    for (const exported of classes.keys()) {
      const error = create(errors, exported);
      if (exported === "WickrServiceError") {
        assert.equal(error.name, "ExpiredTokenException", "the raw name from the wire, as documented");
        assert.equal((error as errors.WickrServiceError).code, "ExpiredTokenException");
      } else assert.equal(error.name, exported);
      assert.ok(errors.isWickrError(error), exported);
    }
    // The names retry decisions and messages compare with (never the platform's AbortError / TimeoutError).
    assert.equal(new errors.RequestTimeoutError("x").name, "RequestTimeoutError");
    assert.equal(new errors.RequestAbortedError("x").name, "RequestAbortedError");
  });

  it("the second copy is a distinct module instance with distinct classes", () => {
    assert.notEqual(other, errors);
    for (const name of classes.keys()) {
      const mine = classes.get(name);
      const theirs = errorClassesOf(other).get(name);
      assert.ok(theirs && mine && theirs !== mine, name);
      // Without Symbol.hasInstance, these would be false.
      assert.equal(Function.prototype[Symbol.hasInstance].call(mine, create(other, name)), false, name);
    }
  });

  it("instanceof: each class of either copy matches its own and its subclasses' instances of both copies", () => {
    for (const [source, target] of [
      [errors, other],
      [other, errors],
      [errors, errors],
    ] as const) {
      const targets = errorClassesOf(target);
      for (const made of classes.keys()) {
        const error = create(source, made);
        for (const [name, Class] of targets) {
          const isSubclass =
            name === made ||
            Object.prototype.isPrototypeOf.call(
              errorClassesOf(errors).get(name)?.prototype,
              errorClassesOf(errors).get(made)?.prototype,
            );
          assert.equal(error instanceof Class, isSubclass, `${made} instanceof ${name}`);
        }
      }
    }
  });

  it("instanceof: named cases, and isWickrError agrees with instanceof WickrError", () => {
    const theirRateLimit = new other.RateLimitError("slow", { statusCode: 429 });
    const theirBadRequest = new other.BadRequestError("bad", { statusCode: 400 });
    const theirTimeout = new other.RequestTimeoutError("slow");
    assert.ok(theirRateLimit instanceof errors.RateLimitError);
    assert.ok(theirRateLimit instanceof errors.WickrServiceError);
    assert.ok(theirRateLimit instanceof errors.WickrError);
    assert.ok(theirRateLimit instanceof Error);
    assert.ok(!(theirBadRequest instanceof errors.RateLimitError));
    assert.ok(!(theirTimeout instanceof errors.WickrServiceError));
    assert.ok(!(theirTimeout instanceof errors.NetworkError));
    assert.ok(
      new other.WickrServiceError("RateLimitError", "x", { statusCode: 429 }) instanceof
        errors.WickrServiceError,
    );
    assert.ok(
      !(
        new other.WickrServiceError("RateLimitError", "x", { statusCode: 429 }) instanceof
        errors.RateLimitError
      ),
      "a name is not a class: an unmodelled service error named like a class is not that class",
    );
    for (const value of [theirRateLimit, theirTimeout, new errors.ConfigurationError("x")])
      assert.equal(value instanceof errors.WickrError, errors.isWickrError(value));
    // Narrowing still works with the static Symbol.hasInstance.
    const unknownError: unknown = new other.ValidationError("bad", {
      statusCode: 422,
      reasons: [{ field: "f" }],
    });
    if (!(unknownError instanceof errors.ValidationError)) assert.fail("not a ValidationError");
    assert.deepEqual(unknownError.reasons, [{ field: "f" }]);
  });

  it("instanceof: plain errors, look-alikes and the platform's AbortError / TimeoutError never match", () => {
    const lookAlike = Object.assign(new Error("slow"), {
      name: "RateLimitError",
      fault: "client",
      statusCode: 429,
    });
    const values: unknown[] = [
      new Error("x"),
      lookAlike,
      new DOMException("This operation was aborted", "AbortError"),
      new DOMException("The operation timed out", "TimeoutError"),
      Object.create(errors.RateLimitError.prototype as object) as unknown, // no constructor ran: no brand
      { name: "RateLimitError" },
      "RateLimitError",
      null,
      undefined,
      42,
    ];
    for (const value of values) {
      for (const [name, Class] of classes) {
        const matches = value instanceof (Class as unknown as new () => unknown);
        assert.equal(matches, false, `${String(value)} instanceof ${name}`);
      }
      assert.equal(errors.isWickrError(value), false, String(value));
    }
  });

  it("a caller's own subclass: its instances are ours, ours are not its", () => {
    class MyThrottle extends errors.RateLimitError {}
    const mine = new MyThrottle("slow", { statusCode: 429 });
    assert.equal(mine.name, "RateLimitError");
    assert.ok(mine instanceof MyThrottle);
    assert.ok(mine instanceof errors.RateLimitError);
    assert.ok(mine instanceof other.RateLimitError, "and the other copy's");
    assert.ok(mine instanceof other.WickrError);
    assert.ok(!(new errors.RateLimitError("slow", { statusCode: 429 }) instanceof MyThrottle));
    assert.ok(!(new other.RateLimitError("slow", { statusCode: 429 }) instanceof MyThrottle));
  });

  it("an error from a copy that predates class names is recognised by its brand and constructor name", () => {
    const brand = Symbol.for("pulumi-wickr-oidc/WickrError");
    class WickrError extends Error {
      constructor(message: string) {
        super(message);
        Object.defineProperty(this, brand, { value: true });
      }
    }
    class WickrServiceError extends WickrError {}
    class RateLimitError extends WickrServiceError {}
    const old = new RateLimitError("slow");
    assert.ok(errors.isWickrError(old));
    assert.ok(old instanceof errors.RateLimitError);
    assert.ok(old instanceof errors.WickrServiceError);
    assert.ok(old instanceof errors.WickrError);
    assert.ok(!(old instanceof errors.BadRequestError));
  });
});
