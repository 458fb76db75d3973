// Documented answers a test asks for (`mock.fail("createAppleEnrollmentToken", "featureNotAllowed")`),
// queued per operation until used or reset.
import type { DocumentedResponse, SpecDocument } from "./spec.js";

/** Which documented answer: its HTTP status (the status's first example), its example name, or both. */
export type AnswerSelector = number | string | { status: number; example?: string };

export interface FailOptions {
  /** How many calls get this answer before the operation behaves normally again. Default 1; `Infinity` until `reset()`. */
  times?: number;
}

interface Queued {
  response: DocumentedResponse;
  remaining: number;
}

/** The documented response `selector` names for `operationId`; a TypeError listing the choices when none. */
export function findAnswer(spec: SpecDocument, operationId: string, selector: AnswerSelector): DocumentedResponse {
  const op = spec.byId.get(operationId);
  if (!op) {
    throw new TypeError(
      `applivery-mdm-openapi/msw: no operation ${JSON.stringify(operationId)}; the spec has ${[...spec.byId.keys()].join(", ")}`,
    );
  }
  const wanted =
    typeof selector === "object" ? selector : typeof selector === "number" ? { status: selector } : undefined;
  const found = op.responses.find((r) =>
    wanted
      ? r.status === wanted.status && (wanted.example === undefined || r.example === wanted.example)
      : r.example === selector,
  );
  if (!found) {
    const choices = op.responses.map((r) => `${r.status} ${r.example}`).join(", ");
    throw new TypeError(
      `applivery-mdm-openapi/msw: ${operationId} documents no answer ${JSON.stringify(selector)}; it documents ${choices}`,
    );
  }
  return found;
}

export class AnswerQueue {
  private readonly queued = new Map<string, Queued[]>();

  add(response: DocumentedResponse, { times = 1 }: FailOptions = {}): void {
    if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times >= 1))) {
      throw new TypeError("applivery-mdm-openapi/msw: times must be a whole number of at least 1, or Infinity");
    }
    const list = this.queued.get(response.operationId) ?? [];
    list.push({ response, remaining: times });
    this.queued.set(response.operationId, list);
  }

  /** The next queued answer of the operation, counted as used; undefined when none is queued. */
  take(operationId: string): DocumentedResponse | undefined {
    const list = this.queued.get(operationId);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) list.shift();
    return head.response;
  }

  clear(): void {
    this.queued.clear();
  }
}
