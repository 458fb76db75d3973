import type { BulkCreateResult } from "../generated/client.js";

/**
 * The API's own error codes (`error.code` of the error envelope; not HTTP statuses), with the
 * meanings the API documents.
 */
export const ErrorCode = {
  /** 3001: Entity not found. */
  EntityNotFound: 3001,
  /** 4002: No auth token. */
  NoAuthToken: 4002,
  /** 4004: Invalid Token. */
  InvalidToken: 4004,
  /** 5017: Limit Exceeded. */
  LimitExceeded: 5017,
  /** 5050: Feature not allowed for you billing plan (sic). */
  FeatureNotAllowed: 5050,
  /** 5086: Attached adm profiles can not be added. */
  AttachedAdmProfilesNotAllowed: 5086,
} as const;

/**
 * What went wrong:
 * - `request`: the call was refused before anything was sent (a path parameter that does not match
 *   its pattern, a body that cannot be written as JSON);
 * - `network`: the request did not complete (connection refused, DNS, reset);
 * - `timeout`: no complete response within `timeoutMs`;
 * - `aborted`: the caller's `signal` aborted the call (its reason is the `cause`);
 * - `response`: the response is not what the API describes (not JSON, empty, too large, not an
 *   envelope, not a page);
 * - `api`: the API answered with its error envelope (see {@link AppliveryApiError});
 * - `bulk`: a bulk creation left tokens uncreated (see {@link AppliveryBulkError}).
 */
export type AppliveryErrorKind = "request" | "network" | "timeout" | "aborted" | "response" | "api" | "bulk";

export interface AppliveryErrorDetails {
  /** The HTTP status, when a response arrived. */
  status?: number | undefined;
  /** For `response` errors: the parsed body, when it was JSON (with the token taken out). */
  body?: unknown;
  cause?: unknown;
}

/** Every error this package throws for a call. It never holds the API token. */
export class AppliveryError extends Error {
  override name = "AppliveryError";
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** For `response` errors: the parsed body, when it was JSON (with the token taken out). */
  readonly body: unknown;

  constructor(
    readonly kind: AppliveryErrorKind,
    /** The operationId, e.g. `createAppleEnrollmentToken`, or `METHOD /path` for a path the spec does not have. */
    readonly operation: string,
    message: string,
    details: AppliveryErrorDetails = {},
  ) {
    super(`${operation}: ${message}`, "cause" in details ? { cause: details.cause } : undefined);
    this.status = details.status;
    this.body = details.body;
  }
}

/** The API refused the call: its envelope says `status: false` with an error code and message. */
export class AppliveryApiError extends AppliveryError {
  override name = "AppliveryApiError";
  constructor(
    operation: string,
    status: number,
    /** The API's error code, one of {@link ErrorCode} or another the API adds later. */
    readonly code: number,
    /** The API's error message. */
    readonly apiMessage: string,
  ) {
    super("api", operation, `HTTP ${status}, API error ${code}: ${apiMessage}`, { status });
  }
}

/** A bulk creation answered 200 but `fail > 0`: some tokens were not created. */
export class AppliveryBulkError extends AppliveryError {
  override name = "AppliveryBulkError";
  constructor(
    operation: string,
    /** The counts the API returned; it does not say which addresses failed. */
    readonly result: BulkCreateResult,
  ) {
    super(
      "bulk",
      operation,
      `${result.fail} of ${result.total} tokens were not created (${result.success} were); the API does not say which addresses failed`,
      { status: 200 },
    );
  }
}
