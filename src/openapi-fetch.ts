// The openapi-fetch surface of the client: GET and POST by path template, returning
// `{ data, error, response }`, and `use`/`eject` for middleware. openapi-fetch builds and hands its
// Request to middleware; the transport then sends a copy of its own that carries the token, and
// hands back an ordinary Response made from what it received.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { AppliveryApiError, AppliveryError } from "./errors.js";
import type { OperationTable } from "./operations.js";
import type { ResolvedOptions } from "./options.js";
import type { Redactor } from "./redact.js";
import type { Send } from "./transport.js";
import type { AppliveryMethod } from "./types.js";

export interface FetchSurface {
  /** openapi-fetch's GET: `{ data, error, response, operation }`. */
  GET: AppliveryMethod<"get">;
  /** openapi-fetch's POST: `{ data, error, response, operation }`. */
  POST: AppliveryMethod<"post">;
  /** Registers openapi-fetch middleware. It never sees the token. */
  use(...middleware: Middleware[]): void;
  /** Unregisters middleware. */
  eject(...middleware: Middleware[]): void;
}

type Call = (url: string, init?: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export function fetchSurface(
  options: ResolvedOptions,
  send: Send,
  redactor: Redactor,
  table: OperationTable,
): FetchSurface {
  const operations = new Map(
    Object.entries(table).map(([operationId, spec]) => [`${spec.method} ${spec.path}`, operationId]),
  );
  const client = createClient<paths>({ baseUrl: options.baseUrl, headers: options.headers });

  const wrap = (method: "GET" | "POST") => {
    const call = client[method] as unknown as Call;
    return async (url: string, init?: { signal?: AbortSignal | null }) => {
      const operation = operations.get(`${method} ${url}`) ?? `${method} ${redactor.text(url)}`;
      // openapi-fetch hands its Request (the one middleware saw) to this fetch, which sends a Request
      // of the transport's own, with the token, and answers with an ordinary Response made from
      // what came back. Reading the request's body leaves it used, as fetch itself does.
      const fetch = async (request: Request): Promise<Response> => {
        const body = request.body === null ? undefined : await request.text();
        const { status, statusText, headers, text } = await send({
          operation,
          method: request.method,
          url: request.url,
          headers: request.headers,
          body,
          signal: init?.signal,
        });
        return new Response(text, { status, statusText, headers });
      };
      let result: Awaited<ReturnType<Call>>;
      try {
        result = await call(url, { ...init, fetch });
      } catch (error) {
        if (error instanceof AppliveryError) throw error;
        // openapi-fetch's own failures (a body JSON cannot hold) and middleware's.
        throw new AppliveryError("request", operation, `the call failed in the client: ${redactor.message(error)}`, {
          cause: redactor.error(error),
        });
      }
      // An error envelope: on an error status openapi-fetch puts it in `error`, on a 2xx status in
      // `data`; either way it is the result's error.
      const envelope = (result.error ?? result.data) as
        | { status?: unknown; error?: { code?: unknown; message?: unknown } }
        | undefined;
      const code = envelope?.status === false ? envelope.error?.code : undefined;
      if (typeof code !== "number") return { ...result, operation };
      const message = redactor.text(typeof envelope?.error?.message === "string" ? envelope.error.message : "");
      return {
        error: envelope,
        response: result.response,
        operation,
        apiError: new AppliveryApiError(operation, result.response.status, code, message),
      };
    };
  };

  return {
    GET: wrap("GET") as unknown as AppliveryMethod<"get">,
    POST: wrap("POST") as unknown as AppliveryMethod<"post">,
    use: (...middleware) => client.use(...middleware),
    eject: (...middleware) => client.eject(...middleware),
  };
}
