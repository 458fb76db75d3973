// unwrap and unwrapBulk: the `data` of an openapi-fetch result (client.GET / client.POST), or the
// package's error.
import type { BulkCreateResult } from "../generated/client.js";
import { AppliveryApiError, AppliveryBulkError, AppliveryError } from "./errors.js";

/** The shape of an openapi-fetch result whose success body is an Applivery envelope. */
export interface EnvelopeResult<T> {
  data?: { data: T } | undefined;
  error?: unknown;
  response: Response;
  /** The operationId (set by this package's client.GET / client.POST). */
  operation?: string;
  /** The error envelope as the package's error, its message redacted (set by client.GET / client.POST). */
  apiError?: AppliveryApiError | undefined;
}

/**
 * Returns the `data` of a success envelope, or throws: the {@link AppliveryApiError} of an error
 * envelope, an {@link AppliveryError} of kind `response` for anything else.
 *
 * @example const token = unwrap(await applivery.POST(path, { params, body }));
 */
export function unwrap<T>(result: EnvelopeResult<T>): T {
  const { data, response } = result;
  const operation = result.operation ?? "unknown operation";
  if (data && "data" in data) return data.data;
  if (result.apiError) throw result.apiError;
  const error = (result.error as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (error && typeof error.code === "number")
    throw new AppliveryApiError(operation, response.status, error.code, String(error.message));
  throw new AppliveryError("response", operation, "the result holds no Applivery envelope", {
    status: response.status,
  });
}

/**
 * `unwrap` for a bulk creation that also throws {@link AppliveryBulkError} when `fail > 0`. The API
 * answers 200 even when some tokens were not created, and says only how many.
 */
export function unwrapBulk(result: EnvelopeResult<BulkCreateResult>): BulkCreateResult {
  const counts = unwrap(result);
  if (counts.fail > 0) throw new AppliveryBulkError(result.operation ?? "unknown operation", counts);
  return counts;
}
