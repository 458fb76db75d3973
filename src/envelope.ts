// The API's envelope, read in this one place: `{ status: true, data }` on success,
// `{ status: false, error: { code, message } }` on failure. Any other body is not an answer of this API.
import type { BulkCreateResult } from "../generated/client.js";
import { AppliveryApiError, AppliveryBulkError, AppliveryError } from "./errors.js";
import { isObject } from "./json.js";
import type { Redact } from "./redact.js";

/** What an answer means: the success envelope's `data`, or the error the API said it is. */
export type Reading = { data: unknown } | { error: AppliveryApiError | AppliveryBulkError };

const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

/**
 * Reads the body of an answer to `operation` (`body` as parsed JSON, or `undefined` when there was
 * none). A body that is not an envelope, and bulk counts that are not three non-negative integers,
 * throw an AppliveryError of kind `response`.
 */
export function readEnvelope(
  operation: string,
  bulk: boolean,
  response: Response,
  body: unknown,
  redact: Redact,
): Reading {
  const answered = { status: response.status, headers: redact.headers(response.headers) };
  const fail = (what: string) =>
    new AppliveryError("response", operation, redact(`HTTP ${response.status}: ${what}`), { response: answered });
  if (body === undefined) throw fail("empty body");
  if (isObject(body)) {
    const { status, data, error } = body;
    if (status === false && isObject(error) && Number.isInteger(error.code)) {
      const message = typeof error.message === "string" ? error.message : "";
      return { error: new AppliveryApiError(operation, answered, error.code as number, redact(message)) };
    }
    if (status === true && "data" in body && response.ok) {
      if (!bulk) return { data };
      const counts = isObject(data) ? data : {};
      if (!["total", "success", "fail"].every((key) => isCount(counts[key])))
        throw fail("the bulk counts are not three non-negative integers (total, success, fail)");
      if ((counts.fail as number) > 0)
        return { error: new AppliveryBulkError(operation, answered, data as BulkCreateResult) };
      return { data };
    }
  }
  throw fail(`the body is not an Applivery envelope: ${excerpt(body, redact)}`);
}

/** The start of a JSON value as text, redacted before it is cut (never throws, even for a value nested too deep). */
function excerpt(value: unknown, redact: Redact): string {
  try {
    return redact(JSON.stringify(value)).slice(0, 200);
  } catch {
    return "(a value that cannot be printed)";
  }
}

/** The JSON of a body's text; `undefined` for no text; a `response` AppliveryError for anything else. */
export function parseJson(operation: string, response: Response, text: string, redact: Redact): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers.get("content-type") ?? "none";
    throw new AppliveryError(
      "response",
      operation,
      `HTTP ${response.status}: the body is not JSON (Content-Type: ${redact(type)}): ${redact(text).slice(0, 200)}`,
      { response: { status: response.status, headers: redact.headers(response.headers) } },
    );
  }
}
