/**
 * The request pipeline, in the order AWS applies it: route, authenticate (SigV4), throttle (Wickr
 * calls only), injected faults, authorize, run the operation. Every request is logged, redacted, on
 * arrival, and its entry completed with the answer's status and error name. Every answer carries a
 * `Date` header from the emulator's clock (which may be skewed), not from the machine's.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { type AuthNotes, type Caller, authenticate } from "./authenticate";
import { dispatch } from "./dispatch";
import { type FaultQueue, writeErrorFault, writeMalformed } from "./faults";
import { networkArn, checkPermission } from "./permissions";
import { type RequestLog, type RequestLogEntry, redact, redactStrings } from "./request-log";
import { type RawQuery, bodyForLog, firstValues, isFormEncoded, parseQuery, splitUrl } from "./request-parts";
import { readBody, sendJson } from "./respond";
import { type Route, routeRequest } from "./routes";
import type { EmulatorState } from "./state";
import { writeStsError, writeStsResult } from "./sts-xml";
import { type Throttle, retryAfterHeaders } from "./throttle";
import { WireError, frontDoor, internalError, rateLimited, writeJsonError } from "./wire-errors";

/** Everything the pipeline needs, passed in so that `emulator.ts` owns the lifecycle. */
export interface ServerContext {
  state: EmulatorState;
  log: RequestLog;
  faults: FaultQueue;
  throttle: () => Throttle | undefined;
  /** The emulator's clock (epoch ms), skew included: SigV4 skew, expiry, `Date` headers, the log. */
  now: () => number;
  /** The endpoint's region: the only one a credential scope may name. */
  region: string;
  sleep: (ms: number) => Promise<void>;
}

/** Outcome of the pipeline that the log needs beyond the response itself. */
interface Outcome {
  errorName?: string;
}

function writeError(res: ServerResponse, error: unknown, route: Route): string {
  const wire =
    error instanceof WireError
      ? error
      : internalError(`Emulator bug: ${(error as Error)?.message ?? String(error)}`);
  if (route.service === "sts") return writeStsError(res, wire);
  writeJsonError(res, wire);
  return wire.errorName;
}

function throttleWickr(ctx: ServerContext, caller: Caller): void {
  const throttle = ctx.throttle();
  const waitMs = throttle?.take(caller.credentials.accessKeyId) ?? 0;
  if (throttle && waitMs > 0) {
    throw rateLimited(retryAfterHeaders(throttle.options.retryAfter ?? "none", waitMs, ctx.now()));
  }
}

/** Serve a queued fault; undefined when the request should go on to the operation. */
async function serveFault(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
): Promise<Outcome | undefined> {
  const fault = ctx.faults.take(route.operation);
  switch (fault?.kind) {
    case undefined:
      return undefined;
    case "delay":
      await ctx.sleep(fault.ms);
      stampDate(ctx, res);
      return undefined;
    case "reset":
      req.socket.resetAndDestroy();
      return {};
    case "malformed":
      writeMalformed(res);
      return {};
    case "error":
      writeErrorFault(res, fault, route.service === "sts");
      return { errorName: fault.name };
  }
}

/**
 * Set the `Date` header from the emulator's clock. Node's automatic one reads the machine's clock, and
 * a client (the AWS SDKs) corrects its own clock from this header after a skew error.
 */
function stampDate(ctx: ServerContext, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader("Date", new Date(ctx.now()).toUTCString());
}

/** Fill the log entry from what is known before reading the body (so in-flight requests count). */
function describeRequest(
  req: IncomingMessage,
  entry: RequestLogEntry,
): { path: string; query: RawQuery; route: Route } {
  const { path, rawQuery } = splitUrl(req.url ?? "/");
  const query = parseQuery(rawQuery);
  const flatQuery = firstValues(query);
  // STS routes need the form body; Wickr routes are final here.
  const route = routeRequest(entry.method, path, undefined);
  Object.assign(entry, { path, query: redactStrings(flatQuery), operation: route.operation });
  if (route.networkId !== undefined) entry.networkId = route.networkId;
  entry.tokenExchange = route.operation === "GetOidcInfo" && flatQuery.code !== undefined;
  return { path, query, route };
}

async function run(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  entry: RequestLogEntry,
): Promise<Outcome> {
  const { path, query, route: initial } = describeRequest(req, entry);
  let route = initial;
  try {
    const body = await readBody(req).catch(() => {
      throw frontDoor(413, "RequestEntityTooLargeException", "Request body too large");
    });
    const form = isFormEncoded(req) ? new URLSearchParams(body.toString("utf8")) : undefined;
    if (route.service === "sts") route = routeRequest(entry.method, path, form);
    entry.operation = route.operation;
    const logged = bodyForLog(body, form);
    if (logged) entry.body = redact(logged) as Record<string, unknown>;
    const notes: AuthNotes = {};
    const received = { method: entry.method, path, query, headers: req.headers, body };
    const scope = { service: route.service, region: ctx.region };
    const caller = await authenticate(received, scope, ctx.state, ctx.now(), notes).finally(() => {
      Object.assign(entry, notes);
    });
    if (route.service === "wickr") throttleWickr(ctx, caller);
    const faulted = await serveFault(ctx, req, res, route);
    if (faulted) return faulted;
    if (route.service === "wickr" && route.operation !== "Unknown") {
      const resource = networkArn(caller.region, caller.credentials.account, route.networkId ?? "");
      const denied = checkPermission(caller.credentials, `wickr:${route.operation}`, resource);
      if (denied) throw denied;
    }
    const flatQuery = firstValues(query);
    const answer = dispatch(ctx.state, { route, caller, query: flatQuery, body, form, now: ctx.now() });
    if (answer.kind === "sts") writeStsResult(res, answer.sts.action, answer.sts.result);
    else sendJson(res, 200, answer.body);
    return {};
  } catch (error) {
    return { errorName: writeError(res, error, route) };
  }
}

/** The HTTP request listener of an emulator. */
export function createRequestListener(ctx: ServerContext): RequestListener {
  return (req, res) => {
    // Every answer, success or error, carries a request id and a date, as AWS's do.
    res.setHeader("x-amzn-RequestId", randomUUID());
    res.sendDate = false;
    stampDate(ctx, res);
    const entry: RequestLogEntry = {
      time: ctx.now(),
      operation: "Unknown",
      method: req.method ?? "GET",
      path: "",
      status: 0,
      tokenExchange: false,
      query: {},
    };
    const userAgent = req.headers["user-agent"];
    if (userAgent !== undefined) entry.userAgent = userAgent;
    // Logged on arrival, completed in place: a test that counts attempts right after a client timed out
    // must see the attempt that is still being delayed.
    ctx.log.add(entry);
    void run(ctx, req, res, entry).then((outcome) => {
      // 0 = no answer reached the client (reset fault, or the client went away first).
      entry.status = res.headersSent ? res.statusCode : 0;
      if (entry.status >= 300 && outcome.errorName) entry.errorName = outcome.errorName;
    });
  };
}
