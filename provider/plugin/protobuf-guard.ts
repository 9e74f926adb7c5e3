/**
 * A guard on the Pulumi SDK's protobuf decoder, for the messages the engine (or anything that can reach
 * the plugin's port) sends.
 *
 * google-protobuf 3.21 (the SDK's runtime) trusts the lengths a message declares: it reads a string, or a
 * nested message (a map entry of `Configure`), by looping up to the declared length even past the end of
 * the buffer. An 8-byte request declaring a 500 MB field spins the plugin at 100 % CPU (minutes for a
 * string to `Check`, 5 s for a map entry to `Configure`), and every later RPC waits. The library is no
 * longer developed, so the plugin's copy refuses such lengths: the request fails to decode, grpc-js
 * answers it with an error, and the plugin keeps serving. Measured: 0acf9ab48da2b141 (hex).
 */

/** The part of google-protobuf's decoder the guard uses (`jspb.BinaryDecoder.prototype`). */
interface DecoderPrototype {
  readString(this: DecoderPrototype, length: number): string;
  setEnd(this: DecoderPrototype, end: number): void;
  getCursor(this: DecoderPrototype): number;
  getEnd(this: DecoderPrototype): number;
  getBuffer(this: DecoderPrototype): Uint8Array;
  [key: string]: unknown;
}

const GUARDED = Symbol.for("pulumi-wickr-oidc/protobuf-guard");

/**
 * Makes `decoder` refuse a declared length beyond the message: a string read past the current end, or a
 * nested message ending past the buffer. The minified library also calls a method under an internal
 * name, so every name bound to it is replaced. Idempotent.
 */
export function guardDeclaredLengths(decoder: { prototype: unknown }): void {
  const proto = decoder.prototype as DecoderPrototype;
  replaceEverywhere(
    proto,
    "readString",
    (original) =>
      function (this: DecoderPrototype, length: number): string {
        if (!(length >= 0) || this.getCursor() + length > this.getEnd())
          throw new Error(
            `malformed message: a string of ${length} bytes is declared past the message's end`,
          );
        return original.call(this, length) as string;
      },
  );
  replaceEverywhere(
    proto,
    "setEnd",
    (original) =>
      function (this: DecoderPrototype, end: number): void {
        if (!(end >= 0) || end > this.getBuffer().length)
          throw new Error(
            `malformed message: a field is declared to end at byte ${end}, past the message's end`,
          );
        original.call(this, end);
      },
  );
}

/** A decoder method of one numeric argument (`readString(length)`, `setEnd(end)`). */
type DecoderMethod = (this: DecoderPrototype, value: number) => unknown;

function replaceEverywhere(
  proto: DecoderPrototype,
  method: "readString" | "setEnd",
  guard: (original: DecoderMethod) => DecoderMethod,
): void {
  const original = proto[method] as unknown as DecoderMethod & Record<symbol, unknown>;
  if (typeof original !== "function" || original[GUARDED]) return;
  const guarded = guard(original);
  Object.defineProperty(guarded, GUARDED, { value: true });
  for (const name of Object.getOwnPropertyNames(proto)) if (proto[name] === original) proto[name] = guarded;
}
