// createAppliveryClient: one call path for everything. A call, from an operation method or from
// GET/POST/…, is checked against its operation, built by openapi-fetch (its serializers and
// middleware), sent by the transport, and its envelope read in one place.
import createClient from "openapi-fetch";
import { type AppliveryOperations, operationTable } from "../generated/client.js";
import type { paths } from "../generated/schema.js";
import { parseJson, type Reading, readEnvelope } from "./envelope.js";
import { AppliveryError, type AppliveryErrorKind } from "./errors.js";
import { isObject } from "./json.js";
import { type AppliveryClientOptions, resolveOptions } from "./options.js";
import { createPaginate, type Paginate } from "./paginate.js";
import { createRedact, redactError, rootMessage } from "./redact.js";
import { createTransport } from "./transport.js";
import type { FetchSurface, OperationSpec, OperationTable } from "./types.js";

/**
 * A client of the Applivery MDM enrollment-token API: one method per operation (named by its
 * operationId, resolving to the envelope's `data`), `paginate` over the list operations, and
 * openapi-fetch's `GET`/`POST`/…/`use` for `{ data, error, response }` and middleware.
 */
export type AppliveryClient = AppliveryOperations & FetchSurface & { paginate: Paginate };

interface Init {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  signal?: AbortSignal;
  headers?: unknown;
}
const INIT_KEYS = ["params", "body", "signal", "headers"];

const patterns = new Map<string, RegExp>();
const regex = (pattern: string) => {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern, "u");
    patterns.set(pattern, compiled);
  }
  return compiled;
};
const quote = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : typeof value);
const primitive = (value: unknown) => ["string", "number", "boolean"].includes(typeof value);

/** What is wrong with a call's input, before anything is built or sent; `undefined` when nothing is. */
function problem(operation: string, spec: OperationSpec, init: Init): string | undefined {
  for (const key of Object.keys(init)) if (!INIT_KEYS.includes(key)) return `${key} is not an option of a call`;
  const path = init.params?.path ?? {};
  for (const name of Object.keys(path))
    if (!Object.hasOwn(spec.pathParameters, name)) return `${name} is not a path parameter of ${operation}`;
  for (const [name, rules] of Object.entries(spec.pathParameters)) {
    const value = path[name];
    const fits = typeof value === "string" && value !== "" && value !== "." && value !== "..";
    if (!fits || (rules.length > 0 && !rules.some((rule) => regex(rule).test(value)))) {
      const rule = rules.length > 0 ? `match ${rules.join(" or ")}` : "be a non-empty string other than . and ..";
      return `path parameter ${name} must ${rule}; got ${quote(value)}`;
    }
  }
  for (const [name, value] of Object.entries(init.params?.query ?? {})) {
    if (!spec.queryParameters.includes(name)) return `query.${name} is not a parameter of ${operation}`;
    if (value !== undefined && !(Array.isArray(value) ? value : [value]).every(primitive))
      return `query.${name} must be a string, number or boolean, or a list of them`;
  }
  if (spec.body && init.body === undefined) return "body is required";
  if (!spec.body && init.body !== undefined) return "takes no body";
  return undefined;
}

/**
 * Creates a client. Every option is checked and copied here (a wrong or unknown one is a TypeError
 * naming it). Calls reject only with {@link AppliveryError}s; the token is sent only to `baseUrl` and
 * never appears in an error.
 *
 * @example
 * const applivery = createAppliveryClient({ token: process.env.APPLIVERY_TOKEN! });
 * const token = await applivery.createAppleEnrollmentToken({ organizationId, body: { mdmUserId, sendEmail: false } });
 */
export function createAppliveryClient(options: AppliveryClientOptions): AppliveryClient {
  const resolved = resolveOptions(options);
  const redact = createRedact(resolved.token);
  const transport = createTransport(resolved, redact);
  const client = createClient<paths>({ baseUrl: resolved.baseUrl, headers: resolved.headers });
  const table: OperationTable = operationTable;
  const routes = new Map(Object.entries(table).map(([id, spec]) => [`${spec.method} ${spec.path}`, { id, spec }]));
  const error = (kind: AppliveryErrorKind, operation: string, message: string) =>
    new AppliveryError(kind, operation, redact(message));

  /** The body as JSON text; a body JSON cannot hold (a cycle, a BigInt, a function) is a request error. */
  function jsonBody(operation: string, body: unknown): string {
    let text: string | undefined;
    try {
      text = JSON.stringify(body);
    } catch (thrown) {
      const message = redact(`body cannot be sent as JSON: ${rootMessage(thrown)}`);
      throw new AppliveryError("request", operation, message, { cause: redactError(thrown, redact) });
    }
    if (text === undefined) throw error("request", operation, "body cannot be sent as JSON: it is not a JSON value");
    return text;
  }

  /** Every call: checked, sent, its body parsed and its envelope read. */
  async function call(method: string, path: string, init: Init) {
    const route = routes.get(`${method} ${path}`);
    const operation = route?.id ?? redact(`${method} ${path}`);
    if (!route) throw error("request", operation, "is not an operation of the spec");
    const wrong = isObject(init) ? problem(operation, route.spec, init) : "takes an object of options";
    if (wrong) throw error("request", operation, wrong);
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await client.request(
        method as "get",
        path as never,
        {
          ...(init as object),
          parseAs: "text",
          bodySerializer: (body: unknown) => jsonBody(operation, body),
          fetch: (request: Request) => transport(request, operation),
        } as never,
      );
    } catch (thrown) {
      if (thrown instanceof AppliveryError) throw thrown;
      // openapi-fetch's own failures (a body JSON cannot hold) and middleware's.
      throw new AppliveryError("request", operation, redact(`the call failed in the client: ${rootMessage(thrown)}`), {
        cause: redactError(thrown, redact),
      });
    }
    const { response } = result;
    const text = response.ok ? result.data : result.error;
    const body = typeof text === "string" ? parseJson(operation, response, text, redact) : text;
    const reading: Reading = readEnvelope(operation, route.spec.bulk, response, body, redact);
    return { operation, response, body, reading };
  }

  const methods: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {};
  for (const [id, spec] of Object.entries(table)) {
    // Named by its operationId (in stack traces and when logged).
    methods[id] = {
      [id]: async (args: Record<string, unknown>) => {
        if (!isObject(args))
          throw error("request", id, "takes one object of arguments (path parameters, query, body, signal)");
        const { query, body, signal, ...path } = args;
        const init = { params: { path, query }, body, signal } as Init;
        const { reading } = await call(spec.method, spec.path, init);
        if ("error" in reading) throw reading.error;
        return reading.data;
      },
    }[id] as (args: Record<string, unknown>) => Promise<unknown>;
  }

  const surface = (method: string) => async (path: string, init: Init) => {
    const { operation, response, body, reading } = await call(method, path, init ?? {});
    const failed = "error" in reading && reading.error.kind === "api";
    return failed ? { error: body, response, operation } : { data: body, response, operation };
  };

  return {
    ...methods,
    GET: surface("GET"),
    POST: surface("POST"),
    PUT: surface("PUT"),
    PATCH: surface("PATCH"),
    DELETE: surface("DELETE"),
    use: (...middleware) => client.use(...middleware),
    eject: (...middleware) => client.eject(...middleware),
    paginate: createPaginate(methods, error),
  } as AppliveryClient;
}
