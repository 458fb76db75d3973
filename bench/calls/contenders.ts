// Figure 1's contenders for one operation, each a call that resolves to the token data (the
// envelope's `data`), all over the same stub fetch with the same headers (Authorization, Accept,
// and Content-Type when there is a body), each doing its own Request and Response work.
import axios from "axios";
import createClient from "openapi-fetch";
import type { AppleEnrollmentTokenCreateRequest, ListAppleEnrollmentTokensArgs } from "../../generated/client.js";
import type { paths } from "../../generated/schema.js";
import type * as Package from "../../src/index.js";
import type { Contender } from "../lib/rounds.js";
import { dataOf, type Exchange, type Fetch, urlOf } from "./exchange.js";

export type PackageModule = typeof Package;

/** What the bench uses of the client @hey-api/openapi-ts generates (see bench/lib/peers.ts). */
export interface HeyApiModule {
  createClient(config: { baseUrl: string; fetch: Fetch; auth: string; headers: Record<string, string> }): unknown;
  createAppleEnrollmentToken(options: {
    client: unknown;
    path: Record<string, string>;
    body: unknown;
  }): Promise<{ data?: unknown }>;
  listAppleEnrollmentTokens(options: {
    client: unknown;
    path: Record<string, string>;
    query: Record<string, unknown>;
  }): Promise<{ data?: unknown }>;
}

const BASE_URL = "https://api.applivery.io/v1";
export const TOKEN = "bench-token-0123456789";
const APPLE = "/organizations/{organizationId}/mdm/apple/enterprise/enrollment-tokens";

export type Group = "contender" | "attribution";

export interface NamedContender extends Contender {
  /** Stable key of the row. */
  key: string;
  group: Group;
}

export interface Runtimes {
  pkg: PackageModule;
  heyApi: HeyApiModule;
  axiosVersion: string;
  heyApiVersion: string;
}

/** The contenders for `exchange` (createAppleEnrollmentToken or listAppleEnrollmentTokens). */
export function contenders(exchange: Exchange, fetch: Fetch, runtimes: Runtimes): NamedContender[] {
  const { pkg, heyApi } = runtimes;
  const headers = { Authorization: `Bearer ${TOKEN}`, Accept: "application/json" };
  const post = exchange.method === "POST";
  const rawHeaders = post ? { ...headers, "Content-Type": "application/json" } : headers;
  const url = urlOf(BASE_URL, exchange);
  const urlWithoutQuery = urlOf(BASE_URL, { ...exchange, query: {} });
  const organizationId = exchange.pathParams.organizationId ?? "";
  const params = { path: { organizationId } };
  const body = exchange.body as AppleEnrollmentTokenCreateRequest;
  const query = exchange.query as NonNullable<ListAppleEnrollmentTokensArgs["query"]>;

  const bare = createClient<paths>({ baseUrl: BASE_URL, headers, fetch });
  const applivery = pkg.createAppliveryClient({ token: TOKEN, baseUrl: BASE_URL, fetch });
  const applivery5s = pkg.createAppliveryClient({ token: TOKEN, baseUrl: BASE_URL, fetch, timeoutMs: 5000 });
  // axios's fetch adapter, with the stub as its fetch; its Request and Response are the globals, as ours.
  const ax = axios.create({ baseURL: BASE_URL, headers, adapter: "fetch", env: { fetch } });
  const hey = heyApi.createClient({ baseUrl: BASE_URL, fetch, auth: TOKEN, headers: { Accept: "application/json" } });

  // Attribution: bare openapi-fetch with a fetch wrapper that does what the client's transport must do
  // beyond openapi-fetch, built as the transport builds it, without its checks.
  /** The transport's own Request: the body's bytes, the headers with the token, one controller that the time limit and the caller's signal abort. */
  const sendOwn = async (request: Request) => {
    const body = request.body === null ? null : await request.arrayBuffer();
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${TOKEN}`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), pkg.DEFAULT_TIMEOUT_MS);
    const follow = () => controller.abort(request.signal.reason);
    request.signal.addEventListener("abort", follow, { once: true });
    try {
      const { method, url } = request;
      return await fetch(new Request(url, { method, headers, body, signal: controller.signal }));
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", follow);
    }
  };
  /** The Response made again over the body read (the transport reads it within maxResponseBytes). */
  const remake = async (response: Response) =>
    new Response(await response.arrayBuffer(), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  const ownRequest = createClient<paths>({ baseUrl: BASE_URL, headers, fetch: sendOwn });
  const remadeAnswer = createClient<paths>({ baseUrl: BASE_URL, headers, fetch: async (r) => remake(await fetch(r)) });
  const both = createClient<paths>({ baseUrl: BASE_URL, headers, fetch: async (r) => remake(await sendOwn(r)) });
  const rawRequest = (signal?: AbortSignal) =>
    new Request(url, {
      method: exchange.method,
      headers: rawHeaders,
      body: post ? JSON.stringify(exchange.body) : null,
      ...(signal ? { signal } : {}),
    });

  const operation: Record<string, () => Promise<unknown>> = post
    ? {
        bare: async () => (await bare.POST(APPLE, { params, body })).data?.data,
        method: () => applivery.createAppleEnrollmentToken({ organizationId, body }),
        surface: async () => (await applivery.POST(APPLE, { params, body })).data?.data,
        surface5s: async () => (await applivery5s.POST(APPLE, { params, body })).data?.data,
        axios: async () => dataOf((await ax.post<unknown>(url, exchange.body)).data),
        heyApi: async () =>
          dataOf((await heyApi.createAppleEnrollmentToken({ client: hey, path: params.path, body })).data),
        ownRequest: async () => (await ownRequest.POST(APPLE, { params, body })).data?.data,
        remadeAnswer: async () => (await remadeAnswer.POST(APPLE, { params, body })).data?.data,
        both: async () => (await both.POST(APPLE, { params, body })).data?.data,
      }
    : {
        bare: async () => (await bare.GET(APPLE, { params: { ...params, query } })).data?.data,
        method: () => applivery.listAppleEnrollmentTokens({ organizationId, query }),
        surface: async () => (await applivery.GET(APPLE, { params: { ...params, query } })).data?.data,
        surface5s: async () => (await applivery5s.GET(APPLE, { params: { ...params, query } })).data?.data,
        axios: async () => dataOf((await ax.get<unknown>(urlWithoutQuery, { params: query })).data),
        heyApi: async () =>
          dataOf((await heyApi.listAppleEnrollmentTokens({ client: hey, path: params.path, query })).data),
        ownRequest: async () => (await ownRequest.GET(APPLE, { params: { ...params, query } })).data?.data,
        remadeAnswer: async () => (await remadeAnswer.GET(APPLE, { params: { ...params, query } })).data?.data,
        both: async () => (await both.GET(APPLE, { params: { ...params, query } })).data?.data,
      };
  const calls: Record<string, () => Promise<unknown>> = {
    raw: async () => dataOf(await (await fetch(rawRequest())).json()),
    ...operation,
  };
  return CONTENDERS.map(({ key, group, name }) => {
    const call = calls[key];
    if (!call) throw new Error(`no call for contender ${key}`);
    return { key, group, name: name(runtimes, exchange.method), call };
  });
}

/** Every row of figure 1, in the order of its table. */
export const CONTENDERS: readonly {
  key: string;
  group: Group;
  name: (runtimes: Pick<Runtimes, "axiosVersion" | "heyApiVersion">, method: "GET" | "POST") => string;
}[] = [
  { key: "raw", group: "contender", name: () => "raw `fetch` with a `Request` (the floor)" },
  { key: "bare", group: "contender", name: () => "openapi-fetch, bare (the baseline)" },
  { key: "method", group: "contender", name: () => "ours: generated method" },
  {
    key: "surface",
    group: "contender",
    name: (_, method) => `ours: \`client.${method}\`, default time limit (30 s)`,
  },
  { key: "surface5s", group: "contender", name: (_, method) => `ours: \`client.${method}\`, \`timeoutMs: 5000\`` },
  { key: "axios", group: "contender", name: (r) => `axios ${r.axiosVersion}, fetch adapter` },
  { key: "heyApi", group: "contender", name: (r) => `@hey-api/openapi-ts ${r.heyApiVersion} client` },
  {
    key: "ownRequest",
    group: "attribution",
    name: () =>
      "openapi-fetch + a `Request` of the fetch's own, as the transport makes it (body bytes, headers with the token, a 30 s limit)",
  },
  {
    key: "remadeAnswer",
    group: "attribution",
    name: () => "openapi-fetch + its `Response` read and made again",
  },
  {
    key: "both",
    group: "attribution",
    name: () => "openapi-fetch + both: the transport's least work, without its checks",
  },
];
