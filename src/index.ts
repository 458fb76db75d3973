export { createAppliveryClient, DEFAULT_BASE_URL } from "./client.js";
export type { AppliveryClient, AppliveryClientOptions, AppliveryMethod, RetryOptions, RetryableMethod } from "./client.js";
export {
  AppliveryApiError,
  AppliveryBulkError,
  AppliveryError,
  ErrorCode,
  unwrap,
  unwrapBulk,
} from "./errors.js";
export type { AppliveryErrorKind, EnvelopeResult } from "./errors.js";
export { paginateAppleEnrollmentTokens } from "./paginate.js";
export type { PaginateOptions } from "./paginate.js";
export type { Client } from "openapi-fetch";
export type {
  paths,
  components,
  operations,
  // request bodies
  AppleEnrollmentTokenCreateRequest,
  AppleEnrollmentTokenBulkCreateRequest,
  WindowsEnrollmentTokenCreateRequest,
  AndroidEnrollmentTokenCreateRequest,
  // tokens and results
  EnrollmentTokenBase,
  AppleEnrollmentToken,
  WindowsEnrollmentToken,
  AndroidEnrollmentToken,
  AppleEnrollmentTokenPage,
  BulkCreateResult,
  // envelopes
  SuccessEnvelope,
  ErrorEnvelope,
  AppleEnrollmentTokenResponse,
  AppleEnrollmentTokenPageResponse,
  BulkCreateResultResponse,
  WindowsEnrollmentTokenResponse,
  AndroidEnrollmentTokenResponse,
  // enumerations and shared fields
  ManagementMode,
  Language,
  TokenState,
  Duration,
} from "../generated/schema.js";
