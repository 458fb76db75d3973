// The mock's state: the tokens of each collection, fresh ids, and one page of a list as
// mongoose-paginate-v2 (the API's paginator) answers it.
import { isObject, type JsonObject } from "../json.js";

/** A deep copy of JSON data (structuredClone overflows the stack on deeply nested data; JSON does not). */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Ids like MongoDB ObjectIds: 24 hex characters (seconds, a random part, a counter). */
export function idSource(now: () => Date): () => string {
  const random = Array.from({ length: 10 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
  let counter = Math.floor(Math.random() * 0xffffff);
  return () => {
    counter = (counter + 1) % 0x1000000;
    const seconds = Math.floor(now().getTime() / 1000) % 0x100000000;
    return seconds.toString(16).padStart(8, "0") + random + counter.toString(16).padStart(6, "0");
  };
}

/** The value at a dotted path (`mdmUser.email`). */
export function valueAt(entity: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), entity);
}

// MongoDB's order of types: missing and null, numbers, strings, objects, arrays, booleans.
const rank = (v: unknown) =>
  v === undefined || v === null
    ? 0
    : typeof v === "number"
      ? 1
      : typeof v === "string"
        ? 2
        : Array.isArray(v)
          ? 4
          : typeof v === "object"
            ? 3
            : 5;

function compare(a: unknown, b: unknown): number {
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const [x, y] =
    typeof a === "number" || typeof a === "string" ? [a, b as typeof a] : [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface ListQuery {
  page: number;
  /** mongoose-paginate-v2's default is 10; `0` answers the counts and no items. */
  limit: number;
  /** `field`, `field:asc` or `field:desc`; a dotted field reads a nested value. */
  sort: string | undefined;
}

/** One page of `entities` (in insertion order) with mongoose-paginate-v2's fields. */
export function page(entities: JsonObject[], { page, limit, sort }: ListQuery) {
  const [, field, order] = /^([\w.]*)(?::(asc|desc))?$/.exec(sort ?? "") ?? [];
  const direction = order === "desc" ? -1 : 1;
  // Equal values keep insertion order (reversed for desc: newest first).
  const sorted = field
    ? entities
        .map((entity, seq) => ({ entity, seq }))
        .sort((a, b) => direction * (compare(valueAt(a.entity, field), valueAt(b.entity, field)) || a.seq - b.seq))
        .map(({ entity }) => entity)
    : entities;
  const totalPages = limit === 0 ? 1 : Math.ceil(sorted.length / limit) || 1;
  // mongoose-paginate-v2 reads a page below 1 as page 1.
  const current = limit === 0 ? 1 : Math.max(1, page);
  return {
    items: limit === 0 ? [] : sorted.slice((current - 1) * limit, current * limit),
    totalDocs: sorted.length,
    limit,
    page: current,
    totalPages,
    hasPrevPage: current > 1,
    hasNextPage: current < totalPages,
    prevPage: current > 1 ? current - 1 : null,
    nextPage: current < totalPages ? current + 1 : null,
  };
}
