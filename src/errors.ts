import type { BulkCreateResult, ErrorEnvelope } from "../generated/schema.js";

/**
 * The API's own error codes (`error.code` of the error envelope; not HTTP statuses).
 * Meanings as the API documents them.
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
 * - `network`: the request did not complete (connection refused, DNS, reset);
 * - `timeout`: no complete response within `timeoutMs`;
 * - `response`: the response is not what the API describes (not JSON, empty, not an envelope);
 * - `api`: the API answered with its error envelope (see {@link AppliveryApiError});
 * - `bulk`: a bulk creation left tokens uncreated (see {@link AppliveryBulkError}).
 */
export type AppliveryErrorKind = "network" | "timeout" | "response" | "api" | "bulk";

/** Every error this package throws. It never holds the API token, the request or its headers. */
export class AppliveryError extends Error {
  override name = "AppliveryError";
  constructor(
    readonly kind: AppliveryErrorKind,
    /** The operationId, e.g. `createAppleEnrollmentToken`, or `METHOD /path` for an unknown path. */
    readonly operation: string,
    /** The HTTP status, when a response arrived. */
    readonly status: number | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${operation}: ${message}`, options);
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
    message: string,
  ) {
    super("api", operation, status, `HTTP ${status}, API error ${code}: ${message}`);
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
      200,
      `${result.fail} of ${result.total} tokens were not created (${result.success} were); the API does not say which addresses failed`,
    );
  }
}

/** Operation names of error responses seen by a client's transport, so `unwrap` can name them. */
export const operationOf = new WeakMap<Response, string>();

/** The shape of an openapi-fetch result whose success body is an Applivery envelope. */
export interface EnvelopeResult<T> {
  data?: { data?: T | undefined } | undefined;
  error?: unknown;
  response: Response;
}

/**
 * Returns the `data` of a success envelope, or throws {@link AppliveryApiError} built from the
 * error envelope.
 *
 * @example const token = unwrap(await client.POST(path, { params, body }));
 */
export function unwrap<T>(result: EnvelopeResult<T>): T {
  const { data, response } = result;
  if (data?.data !== undefined) return data.data;
  const operation = operationOf.get(response) ?? "unknown operation";
  const error = (result.error as Partial<ErrorEnvelope> | undefined)?.error;
  if (error && typeof error.code === "number") {
    throw new AppliveryApiError(operation, response.status, error.code, String(error.message));
  }
  throw new AppliveryError("response", operation, response.status, "the response has no envelope");
}

/**
 * `unwrap` for `bulkCreateAppleEnrollmentTokens` that also throws {@link AppliveryBulkError} when
 * `fail > 0`. The API answers 200 even when some tokens were not created, and says only how many.
 */
export function unwrapBulk(result: EnvelopeResult<BulkCreateResult>): BulkCreateResult {
  const counts = unwrap(result);
  if (counts.fail > 0) {
    throw new AppliveryBulkError("bulkCreateAppleEnrollmentTokens", counts);
  }
  return counts;
}
