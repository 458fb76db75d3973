// applivery-mdm-openapi: the typed client, its errors, pagination, and the spec's types by name.

export type { Middleware } from "openapi-fetch";
export * from "../generated/client.js";
export type { components, operations, paths } from "../generated/schema.js";
export type { AppliveryClient } from "./client.js";
export { createAppliveryClient } from "./client.js";
export type { AppliveryErrorKind } from "./errors.js";
export { AppliveryApiError, AppliveryBulkError, AppliveryError, ErrorCode } from "./errors.js";
export type { FetchSurface } from "./openapi-fetch.js";
export type { AppliveryClientOptions, RetryableMethod, RetryOptions } from "./options.js";
export { DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from "./options.js";
export type { Page, PageArgs, PaginateOptions } from "./paginate.js";
export { paginate } from "./paginate.js";
export type { AppliveryMethod, CallInit, CallResult, NoExtra, UnknownField } from "./types.js";
export type { EnvelopeResult } from "./unwrap.js";
export { unwrap, unwrapBulk } from "./unwrap.js";
