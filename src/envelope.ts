// The API's envelope: `{ status: true, data }` on success, `{ status: false, error: { code, message } }`
// on failure. Any other body is not an answer of this API.
import { AppliveryError } from "./errors.js";
import { isObject } from "./json.js";
import type { Redactor } from "./redact.js";

/** The envelope of an answer: `data` as sent, the error's message with the token taken out. */
export type Envelope = { status: true; data: unknown } | { status: false; error: { code: number; message: string } };

/**
 * The envelope of a response body, or an AppliveryError of kind `response` saying why the body is
 * not one: empty, not JSON, or JSON of another shape (a success envelope only on a 2xx status).
 */
export function readEnvelope(
  operation: string,
  status: number,
  text: string,
  contentType: string | null,
  redactor: Redactor,
): Envelope {
  const fail = (what: string, body?: unknown) =>
    new AppliveryError("response", operation, `HTTP ${status}: ${what}`, {
      status,
      ...(body === undefined ? {} : { body: redactor.value(body) }),
    });
  if (text === "") throw fail("empty body");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail(`body is not JSON (Content-Type: ${redactor.text(contentType ?? "none")})`);
  }
  if (isObject(body)) {
    if (body.status === true && "data" in body && status >= 200 && status < 300)
      return { status: true, data: body.data };
    const error = body.error;
    if (body.status === false && isObject(error) && Number.isInteger(error.code)) {
      // The message is only ever used for the package's own errors: it is redacted here.
      const message = redactor.text(typeof error.message === "string" ? error.message : "");
      return { status: false, error: { code: error.code as number, message } };
    }
  }
  throw fail("body is not an Applivery envelope", body);
}
