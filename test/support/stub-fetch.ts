// A recording stub fetch for the client's tests: each request is recorded (method, URL, a copy of
// its headers, its body, its signal) and answered with the next reply of a queue. A reply is a
// Response (answered as a fresh copy, so a reply may be used again), an Error (thrown), or a
// function of the request. When the queue runs out, the last reply is used again.

/** One request as the stub received it. */
export interface Recorded {
  method: string;
  url: string;
  /** A copy of the headers, taken when the request arrived. */
  headers: Headers;
  /** The body as text, or null when the request has none. */
  body: string | null;
  signal: AbortSignal;
  /** The Request itself, to check what a kept reference to it holds later. */
  request: Request;
}

export type Reply = Response | Error | ((request: Request, recorded: Recorded) => Response | Promise<Response>);

export interface StubFetch {
  fetch: (request: Request) => Promise<Response>;
  calls: Recorded[];
  /** Adds replies to the end of the queue. */
  push(...replies: Reply[]): void;
}

export function stubFetch(...replies: Reply[]): StubFetch {
  const queue = [...replies];
  let last: Reply | undefined;
  const calls: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const recorded: Recorded = {
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body: request.body === null ? null : await request.clone().text(),
      signal: request.signal,
      request,
    };
    calls.push(recorded);
    const reply = queue.shift() ?? last;
    last = reply;
    if (reply === undefined) throw new Error("stubFetch: no reply queued");
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return reply(request, recorded);
    return reply.clone();
  };
  return { fetch, calls, push: (...more) => queue.push(...more) };
}

/** A JSON response. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A success envelope around `data`. */
export const ok = (data: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  json({ status: true, data }, status, headers);

/** An error envelope. */
export const apiError = (code: number, message: string, status = 400, headers: Record<string, string> = {}): Response =>
  json({ status: false, error: { code, message } }, status, headers);

/** A reply that never settles and ignores the request's signal. */
export const never = (): Promise<Response> => new Promise<Response>(() => {});

/** A reply that settles only when the request's signal aborts, rejecting with its reason (as fetch does). */
export const untilAborted = (request: Request): Promise<Response> =>
  new Promise<Response>((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });

/** An ordinary Response whose `status` reads as `status` (for statuses the Response constructor refuses). */
export function withStatus(status: number, body: string | null = "{}"): Response {
  const response = new Response(body, { headers: { "content-type": "application/json" } });
  Object.defineProperty(response, "status", { value: status });
  return response;
}

/** A Response whose body sends `first` and then never ends. */
export function stalledBody(first = '{"status":true,'): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
