// The errors a call rejects with. Their messages are written by the client, redacted and capped.
import type { BulkCreateResult } from "../generated/client.js";

/**
 * What went wrong:
 * - `request`: the call was refused before anything was sent (a path parameter that does not match
 *   its pattern, an unknown argument or query parameter, a body that cannot be written as JSON);
 * - `network`: the request did not complete (connection refused, DNS, reset);
 * - `timeout`: no complete response within `timeoutMs`;
 * - `aborted`: the caller's `signal` aborted the call (its reason is the `cause`);
 * - `response`: the response is not what the API describes (not JSON, empty, too large, not an
 *   envelope, malformed bulk counts or paging fields, a redirect away from `baseUrl`);
 * - `api`: the API answered with its error envelope (see {@link AppliveryApiError});
 * - `bulk`: a bulk creation left tokens uncreated (see {@link AppliveryBulkError}).
 */
export type AppliveryErrorKind = "request" | "network" | "timeout" | "aborted" | "response" | "api" | "bulk";

export interface AppliveryErrorDetails {
  /** The HTTP status and headers, when a response arrived. */
  response?: { status: number; headers: Headers } | undefined;
  cause?: unknown;
}

/** Every error this package throws for a call. It never holds the API token. */
export class AppliveryError extends Error {
  override name = "AppliveryError";
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** The response's headers, when a response arrived (Prism's `sl-violations`, `retry-after`, …). */
  readonly headers: Headers | undefined;

  constructor(
    readonly kind: AppliveryErrorKind,
    /** The operationId, e.g. `createAppleEnrollmentToken`, or `METHOD /path` for a path the spec does not have. */
    readonly operation: string,
    message: string,
    details: AppliveryErrorDetails = {},
  ) {
    super(`${operation}: ${message}`, "cause" in details ? { cause: details.cause } : undefined);
    this.status = details.response?.status;
    this.headers = details.response?.headers;
  }
}

/** The API refused the call: its envelope says `status: false` with an error code and message. */
export class AppliveryApiError extends AppliveryError {
  override name = "AppliveryApiError";
  constructor(
    operation: string,
    response: { status: number; headers: Headers },
    /** The API's error code, one of {@link ErrorCode} or another the API adds later. */
    readonly code: number,
    /** The API's error message (redacted and capped, like every message of the client). */
    readonly apiMessage: string,
  ) {
    super("api", operation, `HTTP ${response.status}, API error ${code}: ${apiMessage}`, { response });
  }
}

/** A bulk creation answered but `fail > 0`: some tokens were not created. */
export class AppliveryBulkError extends AppliveryError {
  override name = "AppliveryBulkError";
  constructor(
    operation: string,
    response: { status: number; headers: Headers },
    /** The counts the API returned; it does not say which addresses failed. */
    readonly result: BulkCreateResult,
  ) {
    super(
      "bulk",
      operation,
      `${result.fail} of ${result.total} tokens were not created (${result.success} were); the API does not say which addresses failed`,
      { response },
    );
  }
}
