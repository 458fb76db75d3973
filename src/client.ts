// createAppliveryClient: one call path for everything. A call, from an operation method or from
// GET/POST/…, is checked against its operation, built by openapi-fetch (its serializers and
// middleware), sent by the transport, and its envelope read in one place.
import createClient from "openapi-fetch";
import { type AppliveryOperations, operationTable, pathPatterns } from "../generated/client.js";
import type { paths } from "../generated/schema.js";
import { parseJson, readEnvelope } from "./envelope.js";
import { AppliveryError, type AppliveryErrorKind } from "./errors.js";
import { isObject } from "./json.js";
import { type AppliveryClientOptions, resolveOptions } from "./options.js";
import { createPaginate, type Paginate } from "./paginate.js";
import { createRedact, redactError } from "./redact.js";
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

const quote = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : typeof value);

/** What is wrong with a call's input, before anything is built or sent; `undefined` when nothing is. */
function problem(operation: string, spec: OperationSpec, init: Init): string | undefined {
  const path = init.params?.path ?? {};
  for (const key of Object.keys(init))
    if (!["params", "body", "signal", "headers"].includes(key)) return `${key} is not an option of a call`;
  const names = [...spec.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  for (const name of Object.keys(path))
    if (!names.includes(name)) return `${name} is not a path parameter of ${operation}`;
  for (const name of names) {
    const value = path[name];
    const rules = pathPatterns[name] ?? [];
    // Each value is one path segment, never `.` or `..`, and matches its schema's pattern.
    if (
      typeof value !== "string" ||
      /^\.{0,2}$/.test(value) ||
      !(rules.length === 0 || rules.some((rule) => new RegExp(rule, "u").test(value)))
    )
      return `path parameter ${name} must ${rules.length ? `match ${rules.join(" or ")}` : "be one path segment"}; got ${quote(value)}`;
  }
  for (const [name, value] of Object.entries(init.params?.query ?? {})) {
    if (!spec.query.includes(name)) return `query.${name} is not a parameter of ${operation}`;
    const scalar = (item: unknown) => ["string", "number", "boolean", "undefined"].includes(typeof item);
    if (!(Array.isArray(value) ? value : [value]).every(scalar))
      return `query.${name} must be a string, number or boolean, or a list of them`;
  }
  if (spec.body !== (init.body !== undefined)) return spec.body ? "body is required" : "takes no body";
  return undefined;
}

/** openapi-fetch's body serializer: JSON, or a TypeError the call turns into a `request` error. */
function jsonBody(body: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    throw new TypeError(`body cannot be sent as JSON: ${(error as Error).message}`, { cause: error });
  }
  if (text === undefined) throw new TypeError("body cannot be sent as JSON: it is not a JSON value");
  return text;
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
  const routes = new Map(Object.entries(table).map(([id, spec]) => [`${spec.method} ${spec.path}`, id]));
  const error = (kind: AppliveryErrorKind, operation: string, message: string) =>
    new AppliveryError(kind, operation, redact(message));

  /** Every call: checked, sent, its body parsed and its envelope read. */
  async function call(method: string, path: string, init: Init) {
    const id = routes.get(`${method} ${path}`);
    const operation = id ?? redact(`${method} ${path}`);
    const spec = id === undefined ? undefined : table[id];
    const wrong = !spec
      ? "is not an operation of the spec"
      : isObject(init)
        ? problem(operation, spec, init)
        : "takes an object";
    if (wrong || !spec) throw error("request", operation, wrong ?? "");
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await client.request(
        method as "get",
        path as never,
        {
          ...init,
          parseAs: "text",
          bodySerializer: jsonBody,
          fetch: (request: Request) => transport(request, operation),
        } as never,
      );
    } catch (thrown) {
      if (thrown instanceof AppliveryError) throw thrown;
      // A body JSON cannot hold, and middleware's failures.
      const message = redact(thrown instanceof Error ? thrown.message : thrown);
      throw new AppliveryError("request", operation, message, { cause: redactError(thrown, redact) });
    }
    const { response } = result;
    const text = response.ok ? result.data : result.error;
    const body = typeof text === "string" ? parseJson(operation, response, text, redact) : text;
    return { operation, response, body, reading: readEnvelope(operation, spec.bulk, response, body, redact) };
  }

  const methods: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {};
  for (const [id, spec] of Object.entries(table)) {
    // Named by its operationId (in stack traces and when logged).
    methods[id] = {
      async [id](args: Record<string, unknown>) {
        if (!isObject(args)) throw error("request", id, "takes one object of arguments");
        const { query, body, signal, ...path } = args;
        const { reading } = await call(spec.method, spec.path, { params: { path, query }, body, signal } as Init);
        if ("error" in reading) throw reading.error;
        return reading.data;
      },
    }[id] as (args: Record<string, unknown>) => Promise<unknown>;
  }

  const surface = (method: string) => async (path: string, init: Init) => {
    const { operation, response, body, reading } = await call(method, path, init ?? {});
    return "error" in reading && reading.error.kind === "api"
      ? { error: body, response, operation }
      : { data: body, response, operation };
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
    paginate: createPaginate(methods, table, error),
  } as AppliveryClient;
}
