// The operation methods of the client (`applivery.createAppleEnrollmentToken({ … })`), made from the
// table `npm run generate` writes from the spec (generated/client.ts): each method checks its path
// parameters against their patterns, builds the URL and the JSON body, sends them, and resolves to
// the envelope's `data`.
import { AppliveryApiError, AppliveryBulkError, AppliveryError } from "./errors.js";
import type { Send } from "./transport.js";

/** What the client needs to know of one operation; generated from the spec. */
export interface OperationSpec {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The path template, e.g. `/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens`. */
  readonly path: string;
  /** Each path parameter's patterns (from its schema); a value must match one of them. */
  readonly pathParameters: Readonly<Record<string, readonly string[]>>;
  /** The names of the query parameters. */
  readonly queryParameters: readonly string[];
  /** Whether the operation takes a JSON body. */
  readonly body: boolean;
  /** Whether the success data is bulk counts (`total`, `success`, `fail`). */
  readonly bulk: boolean;
}

export type OperationTable = Readonly<Record<string, OperationSpec>>;

/** The arguments every operation method takes: path parameters as top-level keys, then these. */
interface Args {
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
  [pathParameter: string]: unknown;
}

const patternCache = new Map<string, RegExp>();
const regex = (pattern: string) => {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern, "u");
    patternCache.set(pattern, compiled);
  }
  return compiled;
};

/** The path with each parameter checked and encoded; a bad value is a `request` error naming it. */
function expandPath(operationId: string, spec: OperationSpec, args: Args): string {
  return spec.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = args[name];
    const patterns = spec.pathParameters[name] ?? [];
    const fits = typeof value === "string" && value !== "" && value !== "." && value !== "..";
    if (!fits || (patterns.length > 0 && !patterns.some((pattern) => regex(pattern).test(value)))) {
      const rule = patterns.length > 0 ? `match ${patterns.join(" or ")}` : "be a non-empty string other than . and ..";
      throw new AppliveryError(
        "request",
        operationId,
        `path parameter ${name} must ${rule}; got ${JSON.stringify(value) ?? "nothing"}`,
      );
    }
    return encodeURIComponent(value);
  });
}

/** The query string (`?a=1&b=2`, or ""), refusing a name the operation does not have. */
function queryString(operationId: string, spec: OperationSpec, query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (!spec.queryParameters.includes(name)) {
      throw new AppliveryError("request", operationId, `query.${name} is not a parameter of ${operationId}`);
    }
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!["string", "number", "boolean"].includes(typeof item)) {
        throw new AppliveryError("request", operationId, `query.${name} must be a string, number or boolean`);
      }
      search.append(name, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The body as JSON text; a body JSON cannot hold (a cycle, a BigInt) is a `request` error. */
function jsonBody(operationId: string, body: unknown): string {
  try {
    const text = JSON.stringify(body);
    if (text === undefined) throw new TypeError("the body is not a JSON value");
    return text;
  } catch (error) {
    throw new AppliveryError("request", operationId, `body cannot be sent as JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

const isCounts = (data: unknown): data is { total: number; success: number; fail: number } =>
  data !== null && typeof data === "object" && typeof (data as { fail?: unknown }).fail === "number";

/** One method per operation of `table`, each named by its operationId. */
export function operationMethods(
  table: OperationTable,
  baseUrl: string,
  headers: Headers,
  send: Send,
): Record<string, (args: Args) => Promise<unknown>> {
  const methods: Record<string, (args: Args) => Promise<unknown>> = {};
  const jsonHeaders = new Headers(headers);
  jsonHeaders.set("content-type", "application/json");
  for (const [operationId, spec] of Object.entries(table)) {
    const method = async (args: Args): Promise<unknown> => {
      if (args === null || typeof args !== "object") {
        throw new AppliveryError(
          "request",
          operationId,
          "takes one object of arguments (path parameters, query, body, signal)",
        );
      }
      const url = baseUrl + expandPath(operationId, spec, args) + queryString(operationId, spec, args.query);
      if (spec.body && args.body === undefined) throw new AppliveryError("request", operationId, "body is required");
      const body = spec.body ? jsonBody(operationId, args.body) : undefined;
      const outgoing = {
        operation: operationId,
        method: spec.method,
        url,
        headers: spec.body ? jsonHeaders : headers,
        body,
        signal: args.signal,
      };
      const { status, envelope } = await send(outgoing);
      if (!envelope.status)
        throw new AppliveryApiError(operationId, status, envelope.error.code, envelope.error.message);
      if (spec.bulk && isCounts(envelope.data) && envelope.data.fail > 0)
        throw new AppliveryBulkError(operationId, envelope.data);
      return envelope.data;
    };
    Object.defineProperty(method, "name", { value: operationId });
    methods[operationId] = method;
  }
  return methods;
}
