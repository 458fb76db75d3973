// Building entities (tokens) the way the API would answer them: from the spec's success example of
// the operation, with the request's fields applied, a fresh id and the current time.
import { isObject, type JsonObject } from "../json.js";
import { join, type OperationInfo, type SpecDocument } from "./spec.js";
import type { Validators } from "./validate.js";

/** The examples' entities of a collection: the items of its list examples and the data of its create examples. */
export function exampleEntities(spec: SpecDocument, collection: string): JsonObject[] {
  const found: JsonObject[] = [];
  for (const op of spec.operations) {
    if (op.collection !== collection || (op.kind !== "list" && op.kind !== "create")) continue;
    for (const response of op.responses) {
      if (response.status !== op.successStatus || !isObject(response.body)) continue;
      const data = response.body.data;
      if (op.kind === "list" && isObject(data) && Array.isArray(data.items)) found.push(...data.items.filter(isObject));
      if (op.kind === "create" && isObject(data)) found.push(data);
    }
  }
  return found.map((entity) => structuredClone(entity));
}

/** The schema pointer of one entity of a collection (a list's items, or what a create answers). */
export function entitySchema(spec: SpecDocument, collection: string): string | undefined {
  for (const op of spec.operations) {
    if (op.collection !== collection || !op.data) continue;
    if (op.kind === "create" || op.kind === "read") return op.data;
    if (op.kind === "list") {
      const items = spec.property(op.data, "items");
      const item = items && spec.items(items);
      if (item) return item;
    }
  }
  return undefined;
}

/** The template a new entity of the collection starts from: the first create example's data. */
export function templateEntity(spec: SpecDocument, collection: string, op: OperationInfo): JsonObject {
  const own = op.kind === "create" ? [op] : [];
  const creators = [...own, ...spec.operations.filter((o) => o.collection === collection && o.kind === "create")];
  for (const creator of creators) {
    const response = creator.responses.find((r) => r.status === creator.successStatus && isObject(r.body));
    const data = isObject(response?.body) ? response.body.data : undefined;
    if (isObject(data)) return structuredClone(data);
  }
  return structuredClone(exampleEntities(spec, collection)[0] ?? {});
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** Keys whose date-time is the token's expiry (`expireAt`, `summary.expirationTimestamp`). */
const EXPIRY_KEYS = new Set(["expireAt", "expirationTimestamp"]);

function mapStrings(value: unknown, map: (text: string, key: string | undefined) => string, key?: string): unknown {
  if (typeof value === "string") return map(value, key);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map, k)]));
  }
  return value;
}

function collectExpiries(value: unknown, into: Set<string>, key?: string): Set<string> {
  if (typeof value === "string" && key !== undefined && EXPIRY_KEYS.has(key) && DATE_TIME.test(value)) into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectExpiries(item, into);
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) collectExpiries(v, into, k);
  return into;
}

export interface BuildContext {
  spec: SpecDocument;
  validators: Validators;
  /** The entity schema's pointer. */
  schema: string | undefined;
  id: string;
  now: Date;
}

/**
 * A new entity: `template` with
 * - each body field applied to the entity's property of the same name, or of the name without
 *   `Id` (`mdmUserId` → `mdmUser: { id }`, `admVppLocationId` → `admVppLocation: { id }`), when the
 *   entity schema accepts it (a list of ids becomes a list of `{ id }`, keeping the template's item
 *   when the id is the same);
 * - each optional body field the request left out cleared on the entity (`[]`, `""`, or removed)
 *   unless the body schema gives a default, which is applied instead;
 * - path parameters applied the same way (`organizationId` → `organization`, when it is an id);
 * - a fresh `id`, `createdAt` and `updatedAt` of now, the template's other date-times moved by as
 *   much, and its expiry (`expireAt`, `expirationTimestamp`) at now + `duration` seconds when the
 *   body schema has a `duration`.
 */
export function buildEntity(
  context: BuildContext,
  template: JsonObject,
  bodySchema: string | undefined,
  body: JsonObject,
  pathParameters: Record<string, string>,
): JsonObject {
  const { spec, validators, schema, id, now } = context;
  const entityProps = schema ? spec.properties(schema) : new Map<string, string[]>();
  const originalCreatedAt = typeof template.createdAt === "string" ? Date.parse(template.createdAt) : Number.NaN;
  const shift = Number.isNaN(originalCreatedAt) ? 0 : now.getTime() - originalCreatedAt;
  const expiries = collectExpiries(template, new Set());
  const bodyProps = bodySchema ? spec.properties(bodySchema) : new Map<string, string[]>();
  const durationSchema = bodyProps.has("duration") && bodySchema ? spec.property(bodySchema, "duration") : undefined;
  const duration =
    typeof body.duration === "number" ? body.duration : durationSchema && spec.schema(durationSchema).default;
  const expiry = typeof duration === "number" ? new Date(now.getTime() + duration * 1000).toISOString() : undefined;

  const entity = mapStrings(template, (text) => {
    if (!DATE_TIME.test(text)) return text;
    if (expiry && expiries.has(text)) return expiry;
    return new Date(Date.parse(text) + shift).toISOString();
  }) as JsonObject;

  const targetOf = (name: string): string | undefined => {
    if (entityProps.has(name)) return name;
    const stem = name.endsWith("Id") ? name.slice(0, -2) : "";
    return stem && entityProps.has(stem) ? stem : undefined;
  };

  const apply = (name: string, value: unknown) => {
    const target = targetOf(name);
    const pointers = target ? entityProps.get(target) : undefined;
    if (!target || !pointers) return;
    if (validators.accepts(pointers, value)) {
      entity[target] = structuredClone(value);
      return;
    }
    const current = entity[target];
    if (typeof value === "string") {
      if (value === "") {
        if (validators.accepts(pointers, null)) entity[target] = null;
        else delete entity[target];
        return;
      }
      const reference = isObject(current) && current.id === value ? current : { id: value };
      if (validators.accepts(pointers, reference)) {
        entity[target] = structuredClone(reference);
        return;
      }
    }
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      const previous = Array.isArray(current) ? current.filter(isObject) : [];
      const references = value.map((ref) => previous.find((item) => item.id === ref) ?? { id: ref });
      if (validators.accepts(pointers, references)) {
        entity[target] = structuredClone(references);
        return;
      }
    }
    // The request says something the entity cannot show as the template has it: drop the template's value.
    delete entity[target];
  };

  for (const name of bodyProps.keys()) {
    if (name in body) {
      apply(name, body[name]);
      continue;
    }
    const pointer = bodySchema ? spec.property(bodySchema, name) : undefined;
    const fallback = pointer ? spec.schema(pointer).default : undefined;
    if (fallback !== undefined) {
      apply(name, fallback);
      continue;
    }
    const target = targetOf(name);
    const pointers = target ? entityProps.get(target) : undefined;
    if (!target || !pointers || !(target in entity)) continue;
    if (validators.accepts(pointers, [])) entity[target] = [];
    else if (validators.accepts(pointers, "")) entity[target] = "";
    else delete entity[target];
  }
  for (const [name, value] of Object.entries(pathParameters)) {
    const target = targetOf(name);
    const pointers = target ? entityProps.get(target) : undefined;
    if (target && pointers && validators.accepts(pointers, value)) entity[target] = value;
  }

  entity.id = id;
  const stamp = now.toISOString();
  if (entityProps.has("createdAt") || "createdAt" in entity) entity.createdAt = stamp;
  if (entityProps.has("updatedAt") || "updatedAt" in entity) entity.updatedAt = stamp;
  return entity;
}

/** A schema's pointer and, when it is a choice (`anyOf`/`oneOf`), the pointer of each branch. */
function alternatives(spec: SpecDocument, pointer: string): string[] {
  const { node, pointer: resolved } = spec.resolve(pointer);
  if (!isObject(node)) return [pointer];
  const branches = (["anyOf", "oneOf"] as const).flatMap((keyword) => {
    const list = node[keyword];
    return Array.isArray(list) ? list.map((_, i) => join(resolved, keyword, i)) : [];
  });
  return [pointer, ...branches];
}

/**
 * The name of the entity property that holds a user reference with an `email` (`mdmUser`), for
 * bulk creation by address: a property whose schema, or a branch of its `anyOf`/`oneOf` (a nullable
 * reference is written `anyOf: [MdmUserRef, { type: "null" }]`), declares both `id` and `email`.
 */
export function emailHolder(spec: SpecDocument, schema: string | undefined): string | undefined {
  if (!schema) return undefined;
  for (const [name, pointers] of spec.properties(schema)) {
    const candidates = pointers.flatMap((pointer) => alternatives(spec, pointer));
    if (candidates.some((pointer) => spec.properties(pointer).has("email") && spec.properties(pointer).has("id"))) {
      return name;
    }
  }
  return undefined;
}

/**
 * The body's list of addresses in a bulk request (`userEmails`): the first property, in declaration
 * order, that the body schema requires (through `$ref` and `allOf`) and that is an array of strings.
 * The spec gives the addresses no `format: email` (the API's Joi `email()` accepts addresses ajv's
 * format refuses), so they are known by the body's shape, not by a format or a name; optional lists
 * of strings (`profiles`) are settings. The operation itself is known as a bulk creation by its
 * counts response (`classify` in spec.ts). Undefined when the body requires no list of strings.
 */
export function addressList(spec: SpecDocument, bodySchema: string | undefined): string | undefined {
  if (!bodySchema) return undefined;
  const required = spec.required(bodySchema);
  for (const [name, pointers] of spec.properties(bodySchema)) {
    if (!required.has(name)) continue;
    for (const pointer of pointers) {
      const items = spec.items(pointer);
      if (items && spec.schema(items).type === "string") return name;
    }
  }
  return undefined;
}
