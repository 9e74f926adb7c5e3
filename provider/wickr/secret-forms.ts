/**
 * The canonical byte strings (see `canonical-text.ts`) that a secret can leave in a text: the secret in
 * any mix of character escapes and in either case, and the hex and base64 encodings of the forms it takes
 * on the wire (as is, `escapeUri`, `encodeURIComponent`, form- and JSON-encoded), base64 at every byte
 * alignment and in both alphabets. A proxy that answers with base64 of the request line, or hex of the
 * code, leaves one of these.
 */
import { escapeUri } from "@smithy/core/protocols";
import { canonicalize } from "./canonical-text";

/** Values shorter than this are not looked for: they would match ordinary words. */
export const MIN_SECRET_LENGTH = 4;

/**
 * A hex or base64 run shorter than this is not looked for: a secret of 4 bytes has base64 cores of 4 or
 * 5 characters, which would match ordinary identifiers; 6 base64 characters carry 36 bits.
 */
const MIN_ENCODED_LENGTH = 6;

/** Every canonical byte string that shows `secret`; none for a value shorter than {@link MIN_SECRET_LENGTH}. */
export function secretForms(secret: string): Buffer[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  // Both readings of a secret that looks like it holds an escape (`C:\file`, `50%41`): an encoder either
  // escapes its `\` or `%` (the literal reading) or leaves it (then it is read as an escape).
  const forms = [canonicalize(secret).bytes, canonicalize(secret, false).bytes];
  for (const wire of wireForms(secret)) {
    const bytes = Buffer.from(wire, "utf8");
    forms.push(canonicalize(bytes.toString("hex"), false).bytes);
    for (const core of base64Cores(bytes))
      if (core.length >= MIN_ENCODED_LENGTH) forms.push(canonicalize(core, false).bytes);
  }
  const unique = new Map(forms.map((form) => [form.toString("latin1"), form]));
  return [...unique.values()];
}

/** The texts a secret becomes on the wire or in an echo, before bytes are hex- or base64-encoded. */
function wireForms(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, escapeUri(secret), encodeURIComponent(secret), form, json])];
}

/**
 * The base64 characters that `bytes` alone determine, for each alignment the bytes can have in a longer
 * encoded text (their offset mod 3), in the standard and the URL-safe alphabet. The one or two characters
 * at either end that mix in neighbouring bytes are left out.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6));
    cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}
