import { type AppliveryOperations, operationTable } from "../generated/client.js";
import { type FetchSurface, fetchSurface } from "./openapi-fetch.js";
import { operationMethods } from "./operations.js";
import { type AppliveryClientOptions, resolveOptions } from "./options.js";
import { createRedactor } from "./redact.js";
import { createTransport } from "./transport.js";

/**
 * A client of the Applivery MDM enrollment-token API: one method per operation (named by its
 * operationId, resolving to the envelope's `data`), and openapi-fetch's `GET`/`POST`/`use` for
 * those who want `{ data, error, response }`.
 */
export type AppliveryClient = AppliveryOperations & FetchSurface;

/**
 * Creates a client. Every option is checked here (a wrong one is a TypeError naming it). Calls
 * reject only with {@link AppliveryError}s; the token is sent only to `baseUrl` and never appears in
 * an error.
 *
 * @example
 * const applivery = createAppliveryClient({ token: process.env.APPLIVERY_TOKEN! });
 * const token = await applivery.createAppleEnrollmentToken({ organizationId, body: { mdmUserId, sendEmail: false } });
 */
export function createAppliveryClient(options: AppliveryClientOptions): AppliveryClient {
  const resolved = resolveOptions(options);
  const redactor = createRedactor(resolved.token);
  const send = createTransport(resolved, redactor);
  const methods = operationMethods(operationTable, resolved.baseUrl, resolved.headers, send);
  return { ...methods, ...fetchSurface(resolved, send, redactor, operationTable) } as unknown as AppliveryClient;
}
