// createHandlers: one MSW request handler per operation of the spec, sharing one state.
import { type HttpHandler, HttpResponse, http } from "msw";
import type { operationTable } from "../../generated/client.js";
import type { operations } from "../../generated/schema.js";
import { isObject, type JsonObject } from "../json.js";
import { DEFAULT_BASE_URL } from "../options.js";
import { AnswerQueue, type AnswerSelector, type FailOptions, findAnswer } from "./answers.js";
import { behave, type World } from "./behaviour.js";
import { bundledSpec } from "./bundled.js";
import { seedsOf } from "./fixtures.js";
import type { DocumentedResponse, OperationInfo, SpecDocument } from "./spec.js";
import { IdSource, Store } from "./state.js";
import { parseJson, validatorsFor } from "./validate.js";

type Table = typeof operationTable;

/** The operationId of every operation in the spec (`createAppleEnrollmentToken`, …). */
export type OperationId = keyof Table & string;

type SuccessData<Op> = Op extends keyof operations
  ? operations[Op]["responses"] extends { 200: { content: { "application/json": infer Envelope } } }
    ? Envelope extends { data?: infer Data }
      ? Data
      : never
    : never
  : never;

/** The operations that list, create or read entities of a collection (every one but bulk creation). */
export type EntityOperationId = { [Op in OperationId]: Table[Op]["bulk"] extends true ? never : Op }[OperationId];

/** The entity an operation lists, creates or reads: `AppleEnrollmentToken` for `listAppleEnrollmentTokens`. */
export type EntityOf<Op extends EntityOperationId> =
  SuccessData<Op> extends { items?: (infer Item)[] | undefined } ? Item : SuccessData<Op>;

/**
 * A response the spec documents for an operation: `{ operationId, status, example, body }`. It is
 * also a selector for {@link AppliveryMock.fail} (its `status` and `example`).
 */
export interface DocumentedAnswer extends Omit<DocumentedResponse, "operationId"> {
  operationId: OperationId;
}

/** A starting entity: an entity of the collection whose `id` may be left out (it then gets a fresh one). */
export type Fixture<Op extends EntityOperationId> = Omit<EntityOf<Op>, "id"> & { id?: string };

/** The starting entities, by any operation of their collection; a collection not named starts from the spec's examples. */
export type Fixtures = { [Op in EntityOperationId]?: readonly Fixture<Op>[] };

/**
 * The `error.code` of the 400 that answers a request the spec does not allow. The API documents no
 * code for this (its codes are 3001, 4002, 4004, 5017, 5050 and 5086, each with another meaning),
 * so the mock answers with the HTTP status itself rather than borrow an unrelated one; see
 * {@link CreateHandlersOptions.invalidRequestCode}.
 */
export const INVALID_REQUEST_CODE = 400;

export interface CreateHandlersOptions {
  /** Where the handlers listen; the client's default, `https://api.applivery.io/v1`, when omitted. A trailing `/` is ignored. */
  baseUrl?: string;
  /**
   * The entities each collection starts with (and returns to on `reset()`), keyed by any operation
   * of the collection: `{ listAppleEnrollmentTokens: [...] }`. A collection not named starts with
   * the tokens of the spec's examples (the items of the list examples and the data of the create
   * examples, in document order); `false` starts every collection empty. An entity without an
   * `id`, or with an id another one has, gets a fresh id.
   */
  fixtures?: Fixtures | false;
  /**
   * The one API token the handlers accept: a request with another bearer token answers 401 with
   * the documented `Invalid Token` (4004). Default: any `Authorization: Bearer …` is accepted.
   */
  token?: string;
  /** The clock for `createdAt`, `updatedAt`, expiry and new ids. Default: the system clock. */
  now?: () => Date;
  /**
   * The `error.code` of the 400 that answers a request the spec does not allow. Default
   * {@link INVALID_REQUEST_CODE} (400): the API documents no code for a failed validation.
   */
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
   * answer a documented response instead of behaving normally: by HTTP status (`404`, the first
   * example of that status), by example name (`"featureNotAllowed"`), or both (`{ status: 400,
   * example: "attachedProfiles" }`). A documented 200 works too (`"partialFailure"` of a bulk
   * creation). The request is still checked first: a missing token answers 401, an invalid request
   * 400. Returns the response that will be sent; an operation or answer the spec does not document
   * is a TypeError listing the documented ones.
   */
  fail(operationId: OperationId, answer: AnswerSelector, options?: FailOptions): DocumentedAnswer;
  /** Every collection back to its fixtures, and every queued `fail` answer dropped. */
  reset(): void;
  /** The current entities of the collection `operationId` lists, creates or reads (copies, insertion order). */
  tokens<Op extends EntityOperationId>(operationId: Op): EntityOf<Op>[];
}

/**
 * MSW request handlers that behave like the Applivery MDM API, for every operation in the spec,
 * made from the bundled spec (generated/openapi.json): an operation added to the spec is handled
 * without changing this code.
 *
 * Each request is checked in this order:
 * 1. `Authorization: Bearer <token>`: missing, 401 with the documented `No auth token` (4002);
 *    another token than `options.token`, 401 `Invalid Token` (4004).
 * 2. The request against the spec (ajv, JSON Schema 2020-12 with formats): path parameters (their
 *    patterns), query parameters (read from the URL's strings as a server coerces them; a name the
 *    operation does not have, or a single-valued one given twice, is refused) and the JSON body
 *    (types, enums, bounds, patterns, formats, required fields, unknown keys; header and cookie
 *    parameters are not checked). A violation answers 400 `{ status: false, error: { code: 400,
 *    message } }` whose message lists each problem as `field: problem`, e.g.
 *    `body.applications[0].foo: unknown key; query.limit: must be >= 0`. The code is the mock's own
 *    ({@link INVALID_REQUEST_CODE}, or `options.invalidRequestCode`): the API documents none for this.
 * 3. An answer queued with {@link AppliveryMock.fail}.
 * 4. The operation's behaviour, from what the spec says it answers:
 *    - a list (a page of `items`): the collection's tokens, filtered by the documented filters
 *      (`mdm-user`, `adm-policy`; tokens in state `DELETED` only with `show-deleted=true`), ordered
 *      by `sort` (`field`, `field:asc`, `field:desc`; insertion order without it), and paged as
 *      mongoose-paginate-v2 pages (`page` from 1, `limit` default 10, `limit=0` counts only;
 *      `totalDocs`, `totalPages`, `hasPrevPage`/`hasNextPage`, `prevPage`/`nextPage` `null` when none);
 *    - a creation: a new token built from the spec's success example with the request's fields
 *      applied (`displayName`, `tags`, `mdmUserId` → `mdmUser.id`, …; left-out optional fields
 *      cleared), a fresh 24-hex `id`, `createdAt`/`updatedAt` of now and `expireAt` now + `duration`;
 *      it appears in later lists;
 *    - a bulk creation: one token per address of the body's required list of strings
 *      (`userEmails`; the token's `mdmUser.email`), answering
 *      `{ total, success, fail: 0 }` with the counts of what it created;
 *    - a read of `…/{id}` below a collection: that token, or the documented 404;
 *    - anything else: its first documented success example.
 *
 * The state lives as long as the handler set: two sets never share tokens. Tokens are kept per
 * collection (path), not per organization: every `organizationId` sees the same tokens (a created
 * token's `organization` is the path's `organizationId` when that is an entity id).
 *
 * @example
 * const mock = createHandlers();
 * const server = setupServer(...mock.handlers);
 * beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
 * afterEach(() => mock.reset());
 * afterAll(() => server.close());
 *
 * it("shows the billing error", async () => {
 *   mock.fail("createAppleEnrollmentToken", "featureNotAllowed");
 *   await expect(applivery.createAppleEnrollmentToken({ organizationId, body })).rejects.toMatchObject({ code: 5050 });
 * });
 */
export function createHandlers(options: CreateHandlersOptions = {}): AppliveryMock {
  return createHandlersFor(bundledSpec(), options);
}

/** {@link createHandlers} over any OpenAPI document shaped like the bundled one (for tests of the mock). */
export function createHandlersFor(spec: SpecDocument, options: CreateHandlersOptions = {}): AppliveryMock {
  checkOptions(options);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  const invalidRequestCode = options.invalidRequestCode ?? INVALID_REQUEST_CODE;
  const validators = validatorsFor(spec);
  const answers = new AnswerQueue();
  let store: Store | undefined;
  const ids = new IdSource(now, (id) => store?.has(id) ?? false);
  store = new Store(seedsOf(spec, options.fixtures, ids));
  const world: World = { spec, validators, store, ids, users: new Map(), now };

  const handlers = spec.operations.map((op) => {
    // Path parameters get MSW-safe names (p0, p1, …): a spec's names may hold characters MSW's paths do not.
    const names: string[] = [];
    const route = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return `:p${names.length - 1}`;
    });
    const validate = validators.request(op.operationId);
    return http[op.method](`${baseUrl}${route}`, async ({ request, params }) => {
      const refused = authorize(op, request.headers.get("authorization"), options.token);
      if (refused) return refused;

      const path: Record<string, string> = {};
      names.forEach((name, i) => {
        const value = params[`p${i}`];
        path[name] = typeof value === "string" ? value : (value?.join("/") ?? "");
      });
      const query = new URL(request.url).searchParams;
      const { body, problems } = op.body ? await readBody(request) : { body: undefined, problems: [] };
      if (problems.length === 0) problems.push(...validate({ path, query, body }));
      if (problems.length > 0) {
        return HttpResponse.json(
          { status: false, error: { code: invalidRequestCode, message: problems.join("; ") } },
          { status: 400 },
        );
      }

      const queued = answers.take(op.operationId);
      const answer = queued ?? behave(world, op, { path, lastParameter: names.at(-1), query, body });
      return HttpResponse.json(answer.body as JsonObject, { status: answer.status });
    });
  });

  return {
    handlers,
    baseUrl,
    fail(operationId, answer, failOptions) {
      const response = findAnswer(spec, operationId, answer);
      answers.add(response, failOptions);
      return structuredClone(response) as DocumentedAnswer;
    },
    reset() {
      world.store.reset();
      world.users.clear();
      answers.clear();
    },
    tokens<Op extends EntityOperationId>(operationId: Op) {
      const op = spec.byId.get(operationId);
      if (!op?.collection) {
        throw new TypeError(
          `applivery-mdm-openapi/msw: ${JSON.stringify(operationId)} lists, creates or reads no tokens`,
        );
      }
      return world.store.all(op.collection) as EntityOf<Op>[];
    },
  };
}

/** A wrong option is a TypeError naming it, when the handlers are made rather than at the first request. */
function checkOptions(options: CreateHandlersOptions): void {
  const fail = (option: string, rule: string) => {
    throw new TypeError(
      `applivery-mdm-openapi/msw: createHandlers: options${option ? `.${option}` : ""} must be ${rule}`,
    );
  };
  if (options === null || typeof options !== "object") fail("", "an object");
  const { baseUrl, fixtures, token, now, invalidRequestCode } = options;
  if (baseUrl !== undefined && (typeof baseUrl !== "string" || baseUrl === "")) fail("baseUrl", "a non-empty string");
  if (
    fixtures !== undefined &&
    fixtures !== false &&
    (fixtures === null || typeof fixtures !== "object" || Array.isArray(fixtures))
  ) {
    fail("fixtures", "an object of token lists by operationId, or false");
  }
  if (token !== undefined && (typeof token !== "string" || token === "")) fail("token", "a non-empty string");
  if (now !== undefined && typeof now !== "function") fail("now", "a function returning a Date");
  if (invalidRequestCode !== undefined && !Number.isInteger(invalidRequestCode))
    fail("invalidRequestCode", "an integer");
}

const NO_AUTH_TOKEN = { status: false, error: { code: 4002, message: "No auth token" } };
const INVALID_TOKEN = { status: false, error: { code: 4004, message: "Invalid Token" } };

/** The operation's documented 401 whose error code is `code`, else the API's documented envelope. */
function unauthorized(op: OperationInfo, fallback: typeof NO_AUTH_TOKEN) {
  const documented = op.responses.find(
    (r) => r.status === 401 && isObject(r.body) && isObject(r.body.error) && r.body.error.code === fallback.error.code,
  );
  return HttpResponse.json((documented?.body as JsonObject | undefined) ?? fallback, { status: 401 });
}

function authorize(op: OperationInfo, header: string | null, accepted: string | undefined) {
  if (!op.secured) return undefined;
  const token = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "")?.[1];
  if (!token) return unauthorized(op, NO_AUTH_TOKEN);
  if (accepted !== undefined && token !== accepted) return unauthorized(op, INVALID_TOKEN);
  return undefined;
}

/** The JSON body of a request, or the problem that keeps it from being read. */
async function readBody(request: Request): Promise<{ body: unknown; problems: string[] }> {
  const text = await request.text();
  if (text.trim() === "") return { body: undefined, problems: [] };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    return {
      body: undefined,
      problems: [`body: must be sent as application/json, not ${JSON.stringify(type || "no content type")}`],
    };
  }
  const parsed = parseJson(text);
  return parsed.ok ? { body: parsed.value, problems: [] } : { body: undefined, problems: ["body: is not valid JSON"] };
}
