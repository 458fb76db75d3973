// What a valid request does, by the kind of its operation: list a page of a collection, create a
// token, create tokens in bulk, read one token, or answer the documented success example.

import { isObject, type JsonObject } from "../json.js";
import { addressList, buildEntity, emailHolder, entitySchema, templateEntity } from "./build.js";
import type { OperationInfo, SpecDocument } from "./spec.js";
import type { IdSource, Store } from "./state.js";
import { valueAt } from "./state.js";
import type { Validators } from "./validate.js";

/** The state a handler set's operations share. */
export interface World {
  spec: SpecDocument;
  validators: Validators;
  store: Store;
  ids: IdSource;
  /** The MDM user id given to each address a bulk creation has seen. */
  users: Map<string, string>;
  now: () => Date;
}

/** A request that passed the checks. */
export interface ValidRequest {
  path: Record<string, string>;
  /** The name of the path's last parameter (the id of a read). */
  lastParameter: string | undefined;
  query: URLSearchParams;
  body: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** The API's documented envelope for an entity that does not exist (used when the operation documents no 404 example). */
const NOT_FOUND = { status: false, error: { code: 3001, message: "Entity not found" } };

export function behave(world: World, op: OperationInfo, request: ValidRequest): Answer {
  const { spec, validators, store, ids, users } = world;
  const { path, query, body } = request;
  const collection = op.collection;
  const now = world.now();
  switch (op.kind) {
    case "list": {
      if (!collection) break;
      return success(
        op,
        store.list(collection, {
          page: query.has("page") ? Number(query.get("page")) : undefined,
          limit: query.has("limit") ? Number(query.get("limit")) : undefined,
          sort: query.get("sort") ?? undefined,
          filters: filtersOf(op, query),
        }),
      );
    }
    case "create": {
      if (!collection || !isObject(body)) break;
      const entity = buildEntity(
        { spec, validators, now, schema: entitySchema(spec, collection), id: ids.next() },
        templateEntity(spec, collection, op),
        op.body?.schema,
        body,
        path,
      );
      store.add(collection, entity);
      return success(op, entity);
    }
    case "bulk": {
      if (!isObject(body)) break;
      const field = addressList(spec, op.body?.schema);
      const list = field ? body[field] : undefined;
      const addresses = Array.isArray(list) ? list.map(String) : [];
      if (collection) {
        const schema = entitySchema(spec, collection);
        const holder = emailHolder(spec, schema);
        const settings = { ...body };
        if (field) delete settings[field];
        for (const email of addresses) {
          const entity = buildEntity(
            { spec, validators, now, schema, id: ids.next() },
            templateEntity(spec, collection, op),
            op.body?.schema,
            settings,
            path,
          );
          if (holder) {
            const user = users.get(email) ?? ids.next();
            users.set(email, user);
            entity[holder] = { id: user, email };
          }
          store.add(collection, entity);
        }
      }
      return success(op, { total: addresses.length, success: addresses.length, fail: 0 });
    }
    case "read": {
      if (!collection) break;
      const entity = store.find(collection, path[request.lastParameter ?? ""] ?? "");
      if (entity) return success(op, entity);
      const notFound = op.responses.find((r) => r.status === 404);
      return { status: 404, body: notFound?.body ?? NOT_FOUND };
    }
    case "example":
      break;
  }
  const example = op.responses.find((r) => r.status === op.successStatus);
  return { status: op.successStatus, body: example?.body ?? { status: true, data: null } };
}

/** The success envelope of the operation's first success example, with `data` replaced. */
function success(op: OperationInfo, data: unknown): Answer {
  const example = op.responses.find((r) => r.status === op.successStatus && isObject(r.body));
  const envelope: JsonObject = isObject(example?.body) ? { ...example.body } : { status: true };
  envelope.data = data;
  return { status: op.successStatus, body: envelope };
}

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The list filters of a request. `show-deleted`: tokens in state `DELETED` are left out unless it
 * is `true`. Any other query parameter except `page`, `limit` and `sort` is a filter on the field
 * it names: `mdm-user=X` keeps the tokens whose `mdmUser` is X or has id X, or whose `mdmUserId` is
 * X, or with an item of `mdmUserAssignments` whose `mdmUserId` is X (as `adm-policy` finds a
 * policy among `admPolicyAssignments`, or as `admPolicy.id`).
 */
function filtersOf(op: OperationInfo, query: URLSearchParams): ((entity: JsonObject) => boolean)[] {
  const filters: ((entity: JsonObject) => boolean)[] = [];
  for (const parameter of op.parameters) {
    if (parameter.in !== "query" || ["page", "limit", "sort"].includes(parameter.name)) continue;
    const value = query.get(parameter.name);
    if (parameter.name === "show-deleted") {
      if (value !== "true") filters.push((entity) => entity.state !== "DELETED");
      continue;
    }
    if (value === null) continue;
    const field = camel(parameter.name);
    filters.push((entity) => {
      const direct = valueAt(entity, field);
      if (direct === value || valueAt(entity, `${field}.id`) === value || entity[`${field}Id`] === value) return true;
      const assignments = entity[`${field}Assignments`];
      return Array.isArray(assignments) && assignments.some((a) => isObject(a) && a[`${field}Id`] === value);
    });
  }
  return filters;
}
