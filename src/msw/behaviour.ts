// What a valid request does, by its operation's kind: list, create (one or several), read, update
// or delete a token of its collection, or answer its documented success example.
import type { BulkCreateResult } from "../../generated/client.js";
import { isObject, type JsonObject } from "../json.js";
import type { Operation, Spec } from "./spec.js";
import { copy, page, valueAt } from "./state.js";
import type { Validators } from "./validate.js";

/** The state one handler set's operations share. */
export interface World {
  spec: Spec;
  validators: Validators;
  now: () => Date;
  nextId: () => string;
  /** The tokens of each collection, in insertion order. */
  collections: Map<string, JsonObject[]>;
  /** The user id given to each item of a bulk creation. */
  users: Map<string, string>;
  /**
   * Where a created token belongs: the values of its path's parameters but the token's own id (its
   * organization). A token the set started with belongs everywhere.
   */
  scopes: WeakMap<JsonObject, string>;
}

export interface Request {
  path: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** The value of a token's state that marks it deleted (the spec's token states include it). */
const DELETED = "DELETED";
/** The API's documented envelope for a missing entity, for an operation that documents no 404 example. */
const NOT_FOUND = { status: false, error: { code: 3001, message: "Entity not found" } };
/** The last instant RFC 3339 can write (a four-digit year). */
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const firstSuccess = (op: Operation) => op.responses.find((r) => r.status === op.success.status)?.body;

/** The operation's success envelope (its first success example's) carrying `data`. */
function envelope(op: Operation, data: unknown): JsonObject {
  const example = firstSuccess(op);
  return { ...(isObject(example) ? example : { status: true }), data };
}

/** The success data's properties of an operation (for a token: its fields). */
function dataProperties(spec: Spec, op: Operation): Map<string, JsonObject[]> {
  const found = new Map<string, JsonObject[]>();
  const root = op.success.schema ? spec.resolve(op.success.schema).node : undefined;
  for (const data of spec.properties(root).get("data") ?? []) spec.properties(data, found);
  return found;
}

/** What the mock knows of a collection's tokens, from the operations that answer one token. */
function tokensOf(world: World, collection: string) {
  const { spec, validators } = world;
  const ops = spec.operations.filter((op) => op.collection === collection);
  const single = ops.find((op) => ["create", "read", "update"].includes(op.kind) && op.success.schema);
  const properties = single ? dataProperties(spec, single) : new Map<string, JsonObject[]>();
  /** Whether the token's schema accepts what the token has at `name`. */
  const accepts = (token: JsonObject, name: string) =>
    !single?.success.schema ||
    !validators
      .errors(single.success.schema, envelope(single, token))
      .some((at) => at === `/data/${name}` || at.startsWith(`/data/${name}/`));
  /** The token properties whose states include DELETED. */
  const branches = (s: JsonObject): unknown[] => [
    s,
    ...(Array.isArray(s.anyOf) ? s.anyOf : []),
    ...(Array.isArray(s.oneOf) ? s.oneOf : []),
  ];
  const markers = [...properties]
    .filter(([, schemas]) =>
      schemas.flatMap(branches).some((b) => {
        const node = isObject(b) && typeof b.$ref === "string" ? spec.resolve(b.$ref).node : b;
        return isObject(node) && Array.isArray(node.enum) && node.enum.includes(DELETED);
      }),
    )
    .map(([name]) => name);
  return { ops, properties, accepts, markers };
}

type Tokens = ReturnType<typeof tokensOf>;

/** The token properties a request field sets: the field's own name and its name without `Id` (`mdmUserId`, `mdmUser`). */
const targetsOf = (tokens: Tokens, name: string) =>
  [...new Set([name, name.replace(/Id$/, "")])].filter((target) => tokens.properties.has(target));

/**
 * Sets a request field on a token: on each property {@link targetsOf} names, as the first of these
 * the token's schema accepts there: the value, `null` for `""`, `{ id }` for an id, a list of
 * `{ id }` for a list of ids, the `id` of a reference (`undefined` empties it: `[]` or `""`). A
 * value it cannot show removes the property, unless `keep`.
 */
function set(tokens: Tokens, token: JsonObject, name: string, value: unknown, keep = false): void {
  for (const target of targetsOf(tokens, name)) {
    const before = token[target];
    const known = (id: unknown) =>
      (Array.isArray(before) ? before : [before]).find((t) => isObject(t) && t.id === id) ?? { id };
    const candidates =
      value === undefined
        ? [[], ""]
        : value === ""
          ? ["", null]
          : typeof value === "string"
            ? [value, known(value)]
            : Array.isArray(value)
              ? [value, value.map(known)]
              : isObject(value)
                ? [value, value.id]
                : [value];
    const fits = candidates.some((candidate) => {
      token[target] = candidate;
      return tokens.accepts(token, target);
    });
    if (fits) continue;
    if (keep && before !== undefined) token[target] = before;
    else delete token[target];
  }
}

/**
 * A new token of the collection: the first create example's token with its date-times moved to
 * now, a fresh id, and the body's fields set (an optional field left out is emptied, or takes its
 * schema's default); path parameters are set where the token shows them (`organizationId`).
 */
function create(
  world: World,
  op: Operation,
  tokens: Tokens,
  body: JsonObject,
  path: Record<string, string>,
): JsonObject {
  const creator = tokens.ops.find((o) => o.kind === "create");
  const example = creator && firstSuccess(creator);
  const template =
    isObject(example) && isObject(example.data) ? example.data : (world.collections.get(op.collection)?.[0] ?? {});
  const now = world.now();
  const fields = op.body
    ? world.spec.properties(world.spec.resolve(op.body.schema).node)
    : new Map<string, JsonObject[]>();
  const shift =
    now.getTime() - (typeof template.createdAt === "string" ? Date.parse(template.createdAt) : now.getTime());
  // The expiry (a key starting `expir`) is `duration` seconds (or its default) after now, no later
  // than the last instant a date-time can write: the API takes durations far beyond it.
  const duration = "duration" in body ? body.duration : fields.get("duration")?.find((s) => "default" in s)?.default;
  const expiry =
    typeof duration === "number" ? new Date(Math.min(now.getTime() + duration * 1000, LAST_INSTANT)) : undefined;
  const move = (value: unknown, key = ""): unknown =>
    typeof value === "string" && DATE_TIME.test(value)
      ? (expiry && /^expir/i.test(key) ? expiry : new Date(Date.parse(value) + shift)).toISOString()
      : Array.isArray(value)
        ? value.map((v) => move(v))
        : isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v, k)]))
          : value;
  const token = move(template) as JsonObject;
  for (const [name, schemas] of fields) {
    if (name in body) set(tokens, token, name, body[name]);
    else if (schemas.some((s) => "default" in s))
      set(tokens, token, name, schemas.find((s) => "default" in s)?.default);
    else if (targetsOf(tokens, name).some((target) => target in token)) set(tokens, token, name, undefined);
  }
  for (const [name, value] of Object.entries(path)) set(tokens, token, name, value, true);
  token.id = world.nextId();
  for (const stamp of ["createdAt", "updatedAt"]) if (tokens.properties.has(stamp)) token[stamp] = now.toISOString();
  return token;
}

const fieldOf = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Whether the token has a property a query parameter can filter on (see {@link matches}). */
const filtersBy = (tokens: Tokens, name: string) =>
  ["", "Id", "Assignments"].some((suffix) => tokens.properties.has(fieldOf(name) + suffix));

/** A list filter: `mdm-user=X` keeps tokens whose `mdmUser` is X or has id X, whose `mdmUserId` is X, or with an `mdmUserAssignments` item whose `mdmUserId` is X. */
function matches(token: JsonObject, name: string, values: string[]): boolean {
  const field = fieldOf(name);
  const candidates = [valueAt(token, field), valueAt(token, `${field}.id`), token[`${field}Id`]];
  const assignments = token[`${field}Assignments`];
  if (Array.isArray(assignments))
    candidates.push(...assignments.map((a) => (isObject(a) ? a[`${field}Id`] : undefined)));
  return candidates.some(
    (c) => (typeof c === "string" || typeof c === "number" || typeof c === "boolean") && values.includes(String(c)),
  );
}

export function behave(world: World, op: Operation, { path, query, body }: Request): Answer {
  const list = world.collections.get(op.collection) ?? [];
  world.collections.set(op.collection, list);
  const tokens = tokensOf(world, op.collection);
  const ok = (data: unknown): Answer => ({ status: op.success.status, body: envelope(op, data) });
  const example = { status: op.success.status, body: firstSuccess(op) ?? { status: true, data: null } };
  // An item's path ends in its id; the parameters before it (the organization) are its scope.
  const names = Object.keys(path);
  const item = ["read", "update", "delete"].includes(op.kind);
  const scope = JSON.stringify((item ? names.slice(0, -1) : names).map((name) => path[name]));
  const visible = (token: JsonObject) => (world.scopes.get(token) ?? scope) === scope;
  const id = item ? path[names.at(-1) ?? ""] : undefined;
  const found = list.find((token) => token.id === id && visible(token));
  const missing = { status: 404, body: op.responses.find((r) => r.status === 404)?.body ?? NOT_FOUND };
  const fields = isObject(body) ? body : {};

  switch (op.kind) {
    case "list": {
      // A query parameter filters when it names a token property (`mdm-user`, `status`, `segmentId`;
      // not `expandTo`: the mock knows no segment tree). Deleted tokens are left out unless asked for:
      // by a parameter to show them (`show-deleted=true`) or by a filter value (`status=DELETED`).
      const flag = op.parameters.find((p) => p.in === "query" && /deleted/i.test(p.name))?.name;
      const filters = [...new Set(query.keys())].filter(
        (name) => !["page", "limit", "sort"].includes(name) && filtersBy(tokens, name),
      );
      const hidden =
        !(flag && query.get(flag) === "true") && !filters.some((name) => query.getAll(name).includes(DELETED));
      const kept = list.filter(
        (token) =>
          visible(token) &&
          !(hidden && tokens.markers.some((m) => token[m] === DELETED)) &&
          filters.every((name) => matches(token, name, query.getAll(name))),
      );
      const number = (name: string, fallback: number) => (query.has(name) ? Number(query.get(name)) : fallback);
      return ok(
        page(kept, { page: number("page", 1), limit: number("limit", 10), sort: query.get("sort") ?? undefined }),
      );
    }
    case "create": {
      const token = create(world, op, tokens, fields, path);
      world.scopes.set(token, scope);
      list.push(token);
      return ok(token);
    }
    case "bulk": {
      // The bulk body's list is its array field that the single create's body lacks (`userEmails`); each
      // item stands for the create's own field that the bulk body lacks (`mdmUserId`): its token refers,
      // in the property that field names (`mdmUser`), to one user per item, written as the create
      // example writes it, with a fresh id and the item in the reference's other strings (`email`).
      const creator = tokens.ops.find((o) => o.kind === "create");
      const single = creator?.body ? world.spec.properties(world.spec.resolve(creator.body.schema).node) : new Map();
      const own = op.body ? world.spec.properties(world.spec.resolve(op.body.schema).node) : new Map();
      const field = [...own.keys()].find((name) => !single.has(name) && Array.isArray(fields[name]));
      const user = [...single.keys()].find((name) => !own.has(name));
      const items = field ? (fields[field] as unknown[]) : [];
      const settings = Object.fromEntries(Object.entries(fields).filter(([name]) => name !== field));
      for (const item of items.map(String)) {
        const token = create(world, op, tokens, settings, path);
        const userId = world.users.get(item) ?? world.nextId();
        world.users.set(item, userId);
        const example =
          user &&
          targetsOf(tokens, user)
            .map((target) => token[target])
            .find(isObject);
        const reference = isObject(example)
          ? Object.fromEntries(
              Object.entries(example).map(([k, v]) => [k, k === "id" ? userId : typeof v === "string" ? item : v]),
            )
          : userId;
        if (user) set(tokens, token, user, reference);
        world.scopes.set(token, scope);
        list.push(token);
      }
      return ok({ total: items.length, success: items.length, fail: 0 } satisfies BulkCreateResult);
    }
    case "read":
      return found ? ok(found) : missing;
    case "update": {
      if (!found) return missing;
      for (const [name, value] of Object.entries(fields)) set(tokens, found, name, value);
      if (tokens.properties.has("updatedAt")) found.updatedAt = world.now().toISOString();
      return ok(found);
    }
    case "delete": {
      if (!found) return missing;
      // A delete whose answer is the token with its state (a soft delete) marks it DELETED; any other removes it.
      const marks = [...dataProperties(world.spec, op).keys()].filter((name) => tokens.markers.includes(name));
      if (marks.length === 0) {
        list.splice(list.indexOf(found), 1);
        return example;
      }
      for (const name of marks) found[name] = DELETED;
      if (tokens.properties.has("updatedAt")) found.updatedAt = world.now().toISOString();
      return ok(found);
    }
    default:
      return example;
  }
}

/** The tokens each collection starts with: `given` (by any operation of the collection), else those of its list and create examples; every id unique. */
export function seeds(world: World, given: Record<string, readonly object[] | undefined> | false | undefined): void {
  const chosen = new Map<string, JsonObject[]>();
  for (const [operationId, tokens] of Object.entries(given || {})) {
    const op = world.spec.byId.get(operationId);
    if (!op || op.kind === "bulk" || op.kind === "example")
      throw new TypeError(`applivery-mdm-openapi/msw: fixtures: ${operationId} keeps no tokens`);
    if (!Array.isArray(tokens))
      throw new TypeError(`applivery-mdm-openapi/msw: fixtures.${operationId} must be an array`);
    chosen.set(op.collection, [...(chosen.get(op.collection) ?? []), ...copy(tokens.filter(isObject))]);
  }
  const seen = new Set<string>();
  world.collections.clear();
  for (const op of world.spec.operations) {
    if (world.collections.has(op.collection) || op.kind === "example") continue;
    const examples = world.spec.operations
      .filter((o) => o.collection === op.collection && (o.kind === "list" || o.kind === "create"))
      .flatMap((o) =>
        o.responses.flatMap((r) => {
          const data = r.status === o.success.status && isObject(r.body) ? r.body.data : undefined;
          return o.kind === "list"
            ? isObject(data) && Array.isArray(data.items)
              ? data.items
              : []
            : isObject(data)
              ? [data]
              : [];
        }),
      );
    const tokens = chosen.get(op.collection) ?? (given === false ? [] : copy(examples.filter(isObject)));
    for (const token of tokens) {
      while (typeof token.id !== "string" || seen.has(token.id)) token.id = world.nextId();
      seen.add(token.id);
    }
    world.collections.set(op.collection, tokens);
  }
}
