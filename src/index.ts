// applivery-mdm-openapi: the typed client, its errors, and the spec's types by name.

export type { Middleware } from "openapi-fetch";
export type * from "../generated/client.js";
export { ErrorCode } from "../generated/client.js";
export type { components, operations, paths } from "../generated/schema.js";
export type { AppliveryClient } from "./client.js";
export { createAppliveryClient } from "./client.js";
export type { AppliveryErrorKind } from "./errors.js";
export { AppliveryApiError, AppliveryBulkError, AppliveryError } from "./errors.js";
export type { AppliveryClientOptions } from "./options.js";
export { DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from "./options.js";
export type { ItemOf, ListOperationId, Paginate, PaginateOptions } from "./paginate.js";
export { DEFAULT_MAX_PAGES } from "./paginate.js";
export { MIN_REDACTED_LENGTH } from "./redact.js";
export type { RetryableMethod, RetryOptions } from "./retry.js";
export { DEFAULT_RETRY } from "./retry.js";
export type { AppliveryMethod, CallInit, CallResult, FetchSurface, NoExtra, UnknownField } from "./types.js";
