/**
 * B6 — scrubbing a message of every secret, in every encoding (`SecretMatcher`, provider/wickr/redact.ts):
 * the time to scrub texts of 100 KB, 1 MB and 4 MB with a realistic set of secrets, in a fresh process,
 * medians of {@link ROUNDS}. The target is the issue's: a 1 MB message in under 50 ms; the three sizes show
 * the cost is linear in the text's length. Texts: an ordinary error message repeated (nothing to find),
 * the same with secrets echoed (raw, percent-encoded, base64, hex, upper-cased) near both ends, and the
 * worst case for the decoder (nothing but escape starters: `%`, `\`, `&`). No engine.
 *
 * Standalone: `ts-node bench/b6-scrub.ts`.
 */
import { randomBytes } from "node:crypto";
import { SecretMatcher } from "../provider/wickr/redact";
import { median } from "./stats";
import type { B6Result } from "./types";

export const ROUNDS = 9;

/** Lengths like the real ones: a Microsoft Entra ID code, a client secret, a PKCE verifier, AWS keys, a role. */
function secrets(): string[] {
  const random = (bytes: number) => randomBytes(bytes).toString("base64url");
  return [
    random(1100), // authorization code
    random(30), // client secret
    random(48), // code verifier
    random(30), // AWS secret access key
    random(700), // AWS session token
    `arn:aws:iam::123456789012:role/${random(12)}`, // a secret roleArn
    random(16), // a secret externalId
  ];
}

const LINE =
  "GetOidcInfo for Wickr network 12345678 failed: ValidationError (HTTP 400): rejected GET /networks/12345678/oidc?clientId=wickr&grantType=authorization_code [request id 0f1c2d3e]. ";

function text(kind: "plain" | "echoes" | "escapes", bytes: number, values: readonly string[]): string {
  if (kind === "escapes") return "%\\&".repeat(Math.ceil(bytes / 3)).slice(0, bytes);
  const body = LINE.repeat(Math.ceil(bytes / LINE.length)).slice(0, bytes);
  if (kind === "plain") return body;
  const code = values[0] ?? "";
  const echoes = [
    code,
    encodeURIComponent(code),
    Buffer.from(`code=${code}`).toString("base64"),
    Buffer.from(code).toString("hex"),
    code.toUpperCase(),
  ].join(" ");
  return `${echoes} ${body.slice(0, bytes - 2 * echoes.length)} ${echoes}`;
}

export function runB6(log: (line: string) => void = () => {}): B6Result {
  const values = secrets();
  const rows: B6Result["rows"] = [];
  for (const kind of ["plain", "echoes", "escapes"] as const) {
    for (const bytes of [100 * 1024, 1024 * 1024, 4 * 1024 * 1024]) {
      const input = text(kind, bytes, values);
      const times: number[] = [];
      let redactions = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const start = process.hrtime.bigint();
        const scrubbed = new SecretMatcher(values).scrub(input);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        redactions = scrubbed.split("[REDACTED]").length - 1;
      }
      rows.push({ kind, bytes, medianMs: median(times), redactions });
      log(`B6 ${kind} ${bytes} bytes: ${median(times).toFixed(1)} ms, ${redactions} redactions`);
    }
  }
  return { rounds: ROUNDS, secrets: values.map((v) => v.length), rows };
}

if (require.main === module) {
  const result = runB6((line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
