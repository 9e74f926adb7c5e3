/**
 * Injected faults: the failures a real network and a real service produce now and then (errors with
 * every naming style the contract allows, slow answers, resets, garbage), queued for the next requests.
 */
import type { ServerResponse } from "node:http";
import type { OperationName } from "./request-log";
import { sendText } from "./respond";
import { writeStsErrorDocument } from "./sts-xml";
import { WICKR_ERROR_NAMESPACE } from "./wire-errors";

/** A failure to serve instead of (or before) the normal answer. */
export type Fault =
  | {
      kind: "error";
      status: number;
      name: string;
      message?: string;
      /** Where the name travels: `X-Amzn-Errortype` header (default), body `code`, or body `__type`. */
      nameIn?: "header" | "code" | "__type";
      /** Sent verbatim as `Retry-After`. */
      retryAfter?: string;
      /** Sent verbatim instead of the JSON body. */
      body?: string;
    }
  /** Wait, then answer normally. */
  | { kind: "delay"; ms: number }
  /** Destroy the connection without an answer (TCP RST). */
  | { kind: "reset" }
  /** 200 with a body that is not JSON. */
  | { kind: "malformed" };

interface Pending {
  fault: Fault;
  remaining: number;
  operation?: OperationName;
}

/** FIFO of faults waiting for matching requests. */
export class FaultQueue {
  private readonly pending: Pending[] = [];

  /** Queue `fault` for the next `times` requests of `operation` (any operation when omitted). */
  inject(fault: Fault, times = 1, operation?: OperationName): void {
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError(`times must be a positive integer, got ${times}`);
    this.pending.push({ fault: structuredClone(fault), remaining: times, operation });
  }

  /** The first queued fault that applies to `operation`, consuming one use of it. */
  take(operation: OperationName): Fault | undefined {
    const index = this.pending.findIndex((p) => p.operation === undefined || p.operation === operation);
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(index, 1);
    return entry.fault;
  }
}

/** Body of a non-JSON "success": what a misbehaving proxy in front of the service might return. */
export const MALFORMED_BODY = "<html><body>502 Bad Gateway (not JSON)</body></html>";

/** Write an `error` fault in the protocol of the operation (restJson1, or STS XML). */
export function writeErrorFault(
  res: ServerResponse,
  fault: Extract<Fault, { kind: "error" }>,
  sts: boolean,
): void {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["Retry-After"] = fault.retryAfter;
  const message = fault.message ?? `Injected ${fault.name}`;
  if (sts && fault.body === undefined) {
    writeStsErrorDocument(res, fault.status, fault.name, message, headers);
    return;
  }
  const nameIn = fault.nameIn ?? "header";
  if (nameIn === "header") headers["X-Amzn-Errortype"] = `${fault.name}:${WICKR_ERROR_NAMESPACE}`;
  const body: Record<string, string> = { message };
  if (nameIn !== "header") body[nameIn] = fault.name;
  sendText(
    res,
    fault.status,
    sts ? "text/xml" : "application/json",
    fault.body ?? JSON.stringify(body),
    headers,
  );
}

/** Write a `malformed` fault. */
export function writeMalformed(res: ServerResponse): void {
  sendText(res, 200, "application/json", MALFORMED_BODY);
}
