/**
 * A programmable HTTP proxy to put in front of the emulator: it passes requests through, or misbehaves
 * the way a hostile or broken endpoint (or a proxy on the way) does — echoes the request line in an
 * error, loses the answer after the service processed the request, answers 200 without the payload,
 * sends a huge or stalled body, resets, or never answers. Tests point `endpoint` at {@link FaultProxy.url}
 * and switch {@link FaultProxy.mode} between engine runs.
 *
 * Loopback only; every request loop is bounded (a huge body stops at `bytes`, a stall ends at `close`).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** How the proxy answers. */
export type ProxyMode =
  /** Forward to the upstream and relay its answer. */
  | { kind: "pass" }
  /**
   * Answer `status` without forwarding, echoing the request line in every place a client reads: the
   * JSON message (raw, percent-decoded and form-decoded), `x-amzn-requestid`, the error name, and the
   * session-token header. With status 200 the echo goes in `__type`.
   */
  | { kind: "echo"; status: number }
  /** Forward, let the service process it, then destroy the connection without an answer. */
  | { kind: "lose-answer" }
  /** Forward, let the service process it, then answer `status` with an empty body (a gateway error). */
  | { kind: "lose-answer-status"; status: number }
  /** 200 with an error-shaped body and no `openidConnectInfo`. */
  | { kind: "no-payload" }
  /** 200 whose `openidConnectInfo` lacks the members the model requires. */
  | { kind: "missing-required" }
  /** 200, chunked, streaming up to `bytes` of filler as fast as the client reads. */
  | { kind: "oversized"; bytes: number }
  /** 200 with a `content-length` header of `bytes`, and no body sent. */
  | { kind: "oversized-declared"; bytes: number }
  /** 200 headers and the first bytes of a body, then nothing. */
  | { kind: "stall-body" }
  /** Accept the request and never answer. */
  | { kind: "stall" }
  /** Destroy the connection as soon as the request arrives. */
  | { kind: "reset" }
  /**
   * Forward, then relay the service's 200 with secrets copied into members stored in plain text:
   * `request` puts the query string (raw and decoded, so the code and client secret) in `issuer`;
   * `response` puts the answer's own `secret` in `extraAuthParams` and its `clientSecret`
   * percent-encoded in `applicationName`; `token` puts the session-token header in `customUsername`.
   */
  | { kind: "echo-into-fields"; what: "request" | "response" | "token" }
  /**
   * Answer `status` without forwarding, with the request's secrets in encodings nobody writes by
   * accident: base64 (standard, and URL-safe) of the request line at each byte alignment, hex (lower and
   * upper case) and the upper-cased value of each secret query member (`code`, `clientSecret`,
   * `codeVerifier`), in the message, the error name and the request id header.
   */
  | { kind: "echo-encoded"; status: number }
  /**
   * Forward, then relay the service's 200 with an encoded copy of the request's code in `issuer` (a
   * member stored in plain text): base64, hex or upper-cased.
   */
  | { kind: "echo-encoded-into-issuer"; encoding: "base64" | "hex" | "upper" };

/** A running proxy. */
export interface FaultProxy {
  /** Base URL, e.g. `http://127.0.0.1:41235`. */
  readonly url: string;
  /** What the next requests get. */
  mode: ProxyMode;
  /** Requests received. */
  readonly requests: number;
  /** Requests forwarded to the upstream (so the service saw them). */
  readonly forwarded: number;
  /** Body bytes written by `oversized` answers. */
  readonly bodyBytesSent: number;
  /** Closes the proxy and every open connection (stalled ones too). Idempotent. */
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `upstream` (a base URL). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const sockets = new Set<Socket>();
  const counts = { requests: 0, forwarded: 0, bodyBytesSent: 0 };
  const proxy: { mode: ProxyMode } = { mode: { kind: "pass" } };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }> =>
    new Promise((resolve, reject) => {
      counts.forwarded++;
      const out = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on("error", reject);
        },
      );
      out.on("error", reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const mode = proxy.mode;
    switch (mode.kind) {
      case "pass": {
        const answer = await forward(req, body);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      }
      case "echo":
        return echo(req, res, mode.status);
      case "lose-answer":
        await forward(req, body);
        req.socket.resetAndDestroy();
        return;
      case "lose-answer-status":
        await forward(req, body);
        res.writeHead(mode.status, { "content-type": "text/plain" });
        res.end();
        return;
      case "no-payload":
        return json(res, 200, { __type: "AccessDeniedException", message: "You do not have access" });
      case "missing-required":
        return json(res, 200, { openidConnectInfo: { clientId: "only-a-client-id" } });
      case "oversized":
        return streamFiller(res, mode.bytes, counts);
      case "oversized-declared":
        res.writeHead(200, { "content-type": "application/json", "content-length": String(mode.bytes) });
        res.flushHeaders();
        return;
      case "stall-body":
        res.writeHead(200, { "content-type": "application/json", "content-length": "4096" });
        res.write('{"openidConnectInfo":{"issuer":"');
        return;
      case "stall":
        return;
      case "reset":
        req.socket.resetAndDestroy();
        return;
      case "echo-into-fields": {
        const answer = await forward(req, body);
        return json(res, answer.status, echoIntoFields(req, answer.body, mode.what));
      }
      case "echo-encoded":
        return echoEncoded(req, res, mode.status);
      case "echo-encoded-into-issuer": {
        const answer = await forward(req, body);
        const parsed = JSON.parse(answer.body.toString("utf8")) as {
          openidConnectInfo?: Record<string, unknown>;
        };
        const code = secretMembers(req)["code"] ?? "";
        const copy = {
          base64: Buffer.from(code, "utf8").toString("base64"),
          hex: Buffer.from(code, "utf8").toString("hex"),
          upper: code.toUpperCase(),
        }[mode.encoding];
        const info = { ...parsed.openidConnectInfo, issuer: `https://idp.example/realms/${copy}` };
        return json(res, answer.status, { ...parsed, openidConnectInfo: info });
      }
    }
  };

  const server = createServer((req, res) => {
    counts.requests++;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => req.socket.destroy());
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return proxy.mode;
    },
    set mode(mode: ProxyMode) {
      proxy.mode = mode;
    },
    get requests() {
      return counts.requests;
    },
    get forwarded() {
      return counts.forwarded;
    },
    get bodyBytesSent() {
      return counts.bodyBytesSent;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}

/** A free loopback port with nothing listening on it: connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The hostile echo: the request line in every field a client might print. */
function echo(req: IncomingMessage, res: ServerResponse, status: number): void {
  const line = `${req.method} ${req.url}`;
  const decoded = safeDecode(req.url ?? "");
  const form = new URLSearchParams((req.url ?? "").split("?")[1] ?? "").toString();
  const token = String(req.headers["x-amz-security-token"] ?? "");
  const message = `rejected ${line} (decoded: ${decoded}; form: ${form}; token: ${token})`;
  const headers = {
    "content-type": "application/json",
    "x-amzn-requestid": (req.url ?? "").slice(0, 4000),
    "x-amzn-errortype": `Rejected${encodeURIComponent(decoded).slice(0, 2000)}`,
  };
  const body =
    status < 300
      ? { __type: `Rejected ${decoded}`, message }
      : { message, Message: decoded, code: `Rejected ${decoded}` };
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The secret query members of a request (`code`, `clientSecret`, `codeVerifier`), decoded. */
function secretMembers(req: IncomingMessage): Record<string, string> {
  const query = new URLSearchParams((req.url ?? "").split("?")[1] ?? "");
  const members: Record<string, string> = {};
  for (const name of ["code", "clientSecret", "codeVerifier"]) {
    const value = query.get(name);
    if (value !== null) members[name] = value;
  }
  return members;
}

/** The hostile echo in byte encodings and changed case (see `echo-encoded`). */
function echoEncoded(req: IncomingMessage, res: ServerResponse, status: number): void {
  const line = Buffer.from(`${req.method} ${req.url} HTTP/1.1`, "utf8");
  const parts: string[] = [];
  for (const shift of [0, 1, 2]) {
    const base64 = Buffer.concat([Buffer.alloc(shift, 0x20), line]).toString("base64");
    parts.push(`request line (base64, offset ${shift}): ${base64}`);
    parts.push(`(base64url): ${base64.replace(/\+/g, "-").replace(/\//g, "_")}`);
  }
  for (const [name, value] of Object.entries(secretMembers(req))) {
    const hex = Buffer.from(value, "utf8").toString("hex");
    parts.push(`${name} hex=${hex} HEX=${hex.toUpperCase()} upper=${value.toUpperCase()}`);
  }
  const message = `rejected: ${parts.join("; ")}`;
  const text = JSON.stringify({
    message,
    code: `Rejected ${Buffer.from(line).toString("hex").slice(0, 3000)}`,
  });
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": line.toString("base64").slice(0, 4000),
  });
  res.end(text);
}

/** The service's answer with secrets copied into plain-text members (see `echo-into-fields`). */
function echoIntoFields(req: IncomingMessage, body: Buffer, what: "request" | "response" | "token"): unknown {
  const answer = JSON.parse(body.toString("utf8")) as { openidConnectInfo?: Record<string, unknown> };
  const info = answer.openidConnectInfo ?? {};
  const query = (req.url ?? "").split("?")[1] ?? "";
  if (what === "request") info["issuer"] = `https://idp.example/?${query}#${safeDecode(query)}`;
  if (what === "response") {
    info["extraAuthParams"] = `prompt=login&x=${String(info["secret"])}`;
    info["applicationName"] = encodeURIComponent(String(info["clientSecret"]));
  }
  if (what === "token") info["customUsername"] = String(req.headers["x-amz-security-token"] ?? "");
  return { ...answer, openidConnectInfo: info };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Streams `bytes` of JSON-looking filler with backpressure, stopping when the client goes away. */
function streamFiller(res: ServerResponse, bytes: number, counts: { bodyBytesSent: number }): void {
  res.writeHead(200, { "content-type": "application/json" });
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      const size = Math.min(chunk.length, bytes - sent);
      sent += size;
      counts.bodyBytesSent += size;
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
        res.once("drain", pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on("close", () => res.removeAllListeners("drain"));
  pump();
}
