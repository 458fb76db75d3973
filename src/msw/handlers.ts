// createHandlers: one MSW request handler per operation of the spec, sharing one state.
import { HttpHandler, HttpResponse } from "msw";
import type { DocumentedAnswers } from "../../generated/answers.js";
import type { operationTable } from "../../generated/client.js";
import type { operations } from "../../generated/schema.js";
import { isObject, type JsonObject } from "../json.js";
import { DEFAULT_BASE_URL } from "../options.js";
import { behave, seeds, type World } from "./behaviour.js";
import { bundledSpec, type DocumentedResponse, type Operation, type Spec } from "./spec.js";
import { copy, idSource } from "./state.js";
import { validatorsFor } from "./validate.js";

/** The operationId of every operation in the spec (`createAppleEnrollmentToken`, …). */
export type OperationId = keyof typeof operationTable & keyof DocumentedAnswers;

/** The statuses an operation documents, and the example names of each: `fail()`'s choices. */
export type AnswerSelector<Op extends OperationId> = Op extends OperationId
  ? {
      [S in keyof DocumentedAnswers[Op] & number]:
        | S
        | DocumentedAnswers[Op][S]
        | { status: S; example?: DocumentedAnswers[Op][S] };
    }[keyof DocumentedAnswers[Op] & number]
  : never;

/** A response the spec documents: `{ operationId, status, example, body }`, also a selector for {@link AppliveryMock.fail}. */
export type DocumentedAnswer = {
  [Op in OperationId]: {
    [S in keyof DocumentedAnswers[Op] & number]: {
      operationId: Op;
      status: S;
      example: DocumentedAnswers[Op][S];
      body: unknown;
    };
  }[keyof DocumentedAnswers[Op] & number];
}[OperationId];

export interface FailOptions {
  /** How many calls get this answer before the operation behaves normally again. Default 1; `Infinity` until `reset()`. */
  times?: number;
}

type SuccessData<Op extends OperationId> = operations[Op]["responses"] extends {
  200: { content: { "application/json": { data?: infer Data } } };
}
  ? Data
  : never;

/** The operations whose collection keeps tokens (every one but bulk creation). */
export type EntityOperationId = {
  [Op in OperationId]: (typeof operationTable)[Op]["bulk"] extends true ? never : Op;
}[OperationId];

/** The token an operation lists, creates, reads, updates or deletes: `AppleEnrollmentToken` for `listAppleEnrollmentTokens`. */
export type EntityOf<Op extends EntityOperationId> =
  SuccessData<Op> extends { items?: (infer Item)[] | undefined } ? Item : SuccessData<Op>;

/** A starting token: one of the collection's, whose `id` may be left out (it then gets a fresh one). */
export type Fixture<Op extends EntityOperationId> = Omit<EntityOf<Op>, "id"> & { id?: string };

/** The starting tokens, by any operation of their collection. */
export type Fixtures = { [Op in EntityOperationId]?: readonly Fixture<Op>[] };

/**
 * The `error.code` of the 400 that answers a request the spec does not allow. The API documents no
 * code for this (its codes each have another meaning), so the mock answers with the HTTP status.
 */
export const INVALID_REQUEST_CODE = 400;

export interface CreateHandlersOptions {
  /** Where the handlers listen: an absolute http(s) URL; the client's default, `https://api.applivery.io/v1`, when omitted. A trailing `/` is ignored. */
  baseUrl?: string;
  /**
   * The tokens each collection starts with (and returns to on `reset()`), keyed by any operation
   * of the collection: `{ listAppleEnrollmentTokens: [...] }`. A collection not named starts with
   * the tokens of the spec's list and create examples; `false` starts every collection empty. A
   * token without an `id`, or with one another has, gets a fresh id.
   */
  fixtures?: Fixtures | false;
  /** The one API token accepted: another bearer token answers 401 `Invalid Token` (4004). Default: any. */
  token?: string;
  /** The clock for `createdAt`, `updatedAt` and new ids. Default: the system clock. */
  now?: () => Date;
  /** The `error.code` of the 400 that answers a request the spec does not allow. Default {@link INVALID_REQUEST_CODE}. */
  invalidRequestCode?: number;
}

/** A handler set and what a test does with it. */
export interface AppliveryMock {
  /** One MSW handler per operation: `setupServer(...mock.handlers)` or `server.use(...mock.handlers)`. */
  readonly handlers: HttpHandler[];
  /** The base URL the handlers listen on, without a trailing `/`. */
  readonly baseUrl: string;
  /**
   * Makes the next call of `operationId` (or the next `times` calls; `Infinity` until `reset()`)
   * answer a documented response instead of behaving normally: by HTTP status (`404`: that
   * status's first example), by example name (`"featureNotAllowed"`), or both. Its authorization and
   * validation still come first. Returns the response that will be sent.
   */
  fail<Op extends OperationId>(operationId: Op, answer: AnswerSelector<Op>, options?: FailOptions): DocumentedAnswer;
  /** Every collection back to its fixtures, and every queued `fail` answer dropped. */
  reset(): void;
  /** The current tokens of the collection of `operationId` (copies, in insertion order). */
  tokens<Op extends EntityOperationId>(operationId: Op): EntityOf<Op>[];
}

/**
 * MSW request handlers that behave like the Applivery MDM API, for every operation of the bundled
 * spec. Each request is checked in this order: its bearer token (401 `No auth token`, or `Invalid
 * Token` when `options.token` is another); the request against the spec (ajv: path, query and JSON
 * body; 400 naming each field, `body.tags[1]: must be string`); an answer queued with `fail()`;
 * then what its operation does, known by its method and path: POST on a collection creates a
 * token, POST on `…/bulk` one per item of its list, GET on a collection lists (filters, `sort`,
 * mongoose-paginate-v2 paging), GET, PUT/PATCH and DELETE on `…/{id}` read, update and delete one
 * (404 when it does not exist); anything else answers its first success example. The state lives
 * as long as the handler set.
 */
export function createHandlers(options: CreateHandlersOptions = {}): AppliveryMock {
  return handlersFor(bundledSpec(), options);
}

const OPTIONS: Record<keyof CreateHandlersOptions, [string, (value: unknown) => boolean]> = {
  baseUrl: [
    "an absolute http(s) URL",
    (v) => typeof v === "string" && URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
  ],
  fixtures: [
    "an object of token lists by operationId, or false",
    (v) => v === false || (isObject(v) && !Array.isArray(v)),
  ],
  token: ["a non-empty string", (v) => typeof v === "string" && v !== ""],
  now: ["a function returning a Date", (v) => typeof v === "function"],
  invalidRequestCode: ["an integer", (v) => Number.isInteger(v)],
};

/** {@link createHandlers} over any OpenAPI document (`spec`): the tests' copies of the bundle with operations added. */
export function handlersFor(spec: Spec, options: CreateHandlersOptions = {}): AppliveryMock {
  if (options === null || typeof options !== "object" || Array.isArray(options))
    throw new TypeError("applivery-mdm-openapi/msw: createHandlers: options must be an object");
  for (const [key, value] of Object.entries(options)) {
    const rule = OPTIONS[key as keyof CreateHandlersOptions];
    if (!rule)
      throw new TypeError(
        `applivery-mdm-openapi/msw: createHandlers: unknown option ${key}; the options are ${Object.keys(OPTIONS).join(", ")}`,
      );
    if (value !== undefined && !rule[1](value))
      throw new TypeError(`applivery-mdm-openapi/msw: createHandlers: options.${key} must be ${rule[0]}`);
  }
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  const validators = validatorsFor(spec);
  const world: World = {
    spec,
    validators,
    now,
    nextId: idSource(now),
    collections: new Map(),
    users: new Map(),
    scopes: new WeakMap(),
  };
  seeds(world, options.fixtures);
  const queued = new Map<string, { response: DocumentedResponse; remaining: number }[]>();

  const handlers = spec.operations.map((op) => {
    // Path parameters get MSW-safe names (p0, p1, …): a spec's names may hold characters MSW's paths do not.
    const names: string[] = [];
    const route = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => `:p${names.push(name) - 1}`);
    const validate = validators.request(op.operationId);
    return new HttpHandler(op.method.toUpperCase(), `${baseUrl}${route}`, async ({ request, params }) => {
      const refused = authorize(op, request.headers.get("authorization"), options.token);
      if (refused) return refused;
      const path = Object.fromEntries(names.map((name, i) => [name, [params[`p${i}`] ?? ""].flat().join("/")]));
      const query = new URL(request.url).searchParams;
      const { body, problem } = await readBody(request);
      const problems = problem ? [problem] : validate({ path, query, body });
      if (problems.length > 0) {
        const error = { code: options.invalidRequestCode ?? INVALID_REQUEST_CODE, message: problems.join("; ") };
        return HttpResponse.json({ status: false, error }, { status: 400 });
      }
      const list = queued.get(op.operationId);
      const next = list?.[0];
      if (next && --next.remaining <= 0) list.shift();
      const answer = next?.response ?? behave(world, op, { path, query, body });
      return HttpResponse.json(answer.body as JsonObject, { status: answer.status });
    });
  });

  return {
    handlers,
    baseUrl,
    fail(operationId, selector, { times = 1 } = {}) {
      const op = spec.byId.get(operationId);
      if (!op)
        throw new TypeError(
          `applivery-mdm-openapi/msw: no operation ${JSON.stringify(operationId)}; the spec has ${[...spec.byId.keys()].join(", ")}`,
        );
      const wanted: { status?: number; example?: string } =
        typeof selector === "number"
          ? { status: selector }
          : typeof selector === "string"
            ? { example: selector }
            : selector;
      const response = op.responses.find(
        (r) =>
          (wanted.status === undefined || r.status === wanted.status) &&
          (wanted.example === undefined || r.example === wanted.example),
      );
      if (!response) {
        const choices = op.responses.map((r) => `${r.status} ${r.example}`).join(", ");
        throw new TypeError(
          `applivery-mdm-openapi/msw: ${operationId} documents no answer ${JSON.stringify(selector)}; it documents ${choices}`,
        );
      }
      if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times >= 1))) {
        throw new TypeError("applivery-mdm-openapi/msw: times must be a whole number of at least 1, or Infinity");
      }
      queued.set(operationId, [...(queued.get(operationId) ?? []), { response, remaining: times }]);
      return copy(response) as DocumentedAnswer;
    },
    reset() {
      seeds(world, options.fixtures);
      world.users.clear();
      queued.clear();
    },
    tokens<Op extends EntityOperationId>(operationId: Op) {
      const op = spec.byId.get(operationId);
      if (!op || op.kind === "bulk" || op.kind === "example")
        throw new TypeError(`applivery-mdm-openapi/msw: ${JSON.stringify(operationId)} keeps no tokens`);
      return copy(world.collections.get(op.collection) ?? []) as EntityOf<Op>[];
    },
  };
}

const NO_AUTH_TOKEN = { status: false, error: { code: 4002, message: "No auth token" } };
const INVALID_TOKEN = { status: false, error: { code: 4004, message: "Invalid Token" } };

/** A 401 for a missing or refused bearer token: the operation's documented one with that code, else the API's. */
function authorize(op: Operation, header: string | null, accepted: string | undefined) {
  if (!op.secured) return undefined;
  const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "")?.[1];
  const refusal = !token ? NO_AUTH_TOKEN : accepted !== undefined && token !== accepted ? INVALID_TOKEN : undefined;
  if (!refusal) return undefined;
  const documented = op.responses.find(
    (r) => r.status === 401 && isObject(r.body) && isObject(r.body.error) && r.body.error.code === refusal.error.code,
  );
  return HttpResponse.json((documented?.body ?? refusal) as JsonObject, { status: 401 });
}

/** The JSON body of a request (`undefined` when empty), or the problem that keeps it from being read. */
async function readBody(request: Request): Promise<{ body: unknown; problem?: string }> {
  const text = await request.text();
  if (text.trim() === "") return { body: undefined };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    return {
      body: undefined,
      problem: `body: must be sent as application/json, not ${JSON.stringify(type || "no content type")}`,
    };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: undefined, problem: "body: is not valid JSON" };
  }
}
