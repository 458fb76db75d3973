// The mock's state: the entities of each collection (tokens, for this API), fresh ids, and one page
// of a collection as mongoose-paginate-v2 answers it (the paginator the API uses).
import { isObject, type JsonObject } from "../json.js";

interface StoredEntity {
  entity: JsonObject;
  /** Insertion order: the order of a list without `sort`, and the tie-break of a sort. */
  seq: number;
}

/** Ids like MongoDB ObjectIds: 24 hex characters, unique within one store. */
export class IdSource {
  private counter = Math.floor(Math.random() * 0xffffff);
  private readonly machine = Array.from({ length: 10 }, () => Math.floor(Math.random() * 16).toString(16)).join("");

  constructor(
    private readonly now: () => Date,
    private readonly taken: (id: string) => boolean,
  ) {}

  next(): string {
    for (;;) {
      this.counter = (this.counter + 1) % 0x1000000;
      const seconds = Math.floor(this.now().getTime() / 1000) % 0x100000000;
      const id = seconds.toString(16).padStart(8, "0") + this.machine + this.counter.toString(16).padStart(6, "0");
      if (!this.taken(id)) return id;
    }
  }
}

/** A page of a collection, with mongoose-paginate-v2's fields. */
export interface Page {
  items: JsonObject[];
  totalDocs: number;
  limit: number;
  page: number;
  totalPages: number;
  hasPrevPage: boolean;
  hasNextPage: boolean;
  prevPage: number | null;
  nextPage: number | null;
}

/** mongoose-paginate-v2's page size when the request gives none. */
const DEFAULT_LIMIT = 10;

export interface ListQuery {
  page?: number | undefined;
  limit?: number | undefined;
  /** `field`, `field:asc` or `field:desc`; a dotted field reads a nested value. */
  sort?: string | undefined;
  /** Only entities every predicate accepts. */
  filters?: ((entity: JsonObject) => boolean)[];
}

export class Store {
  private readonly collections = new Map<string, StoredEntity[]>();
  private readonly ids = new Set<string>();
  private seq = 0;

  constructor(private readonly seeds: ReadonlyMap<string, readonly JsonObject[]>) {
    this.reset();
  }

  /** Every collection back to its seed (deep copies); the created entities are dropped. */
  reset(): void {
    this.collections.clear();
    this.ids.clear();
    for (const [collection, entities] of this.seeds) {
      for (const entity of entities) this.add(collection, structuredClone(entity));
    }
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(collection: string, entity: JsonObject): void {
    let list = this.collections.get(collection);
    if (!list) {
      list = [];
      this.collections.set(collection, list);
    }
    list.push({ entity, seq: this.seq++ });
    if (typeof entity.id === "string") this.ids.add(entity.id);
  }

  /** The entities of a collection in insertion order (copies). */
  all(collection: string): JsonObject[] {
    return (this.collections.get(collection) ?? []).map(({ entity }) => structuredClone(entity));
  }

  find(collection: string, id: string): JsonObject | undefined {
    const found = this.collections.get(collection)?.find(({ entity }) => entity.id === id);
    return found ? structuredClone(found.entity) : undefined;
  }

  /** One page, as mongoose-paginate-v2 computes it (`limit: 0` answers the counts and no items). */
  list(collection: string, { page = 1, limit = DEFAULT_LIMIT, sort, filters = [] }: ListQuery): Page {
    const matching = (this.collections.get(collection) ?? []).filter(({ entity }) => filters.every((f) => f(entity)));
    const sorted = sortEntities(matching, sort);
    const totalDocs = sorted.length;
    // limit 0 answers the counts on one empty page, as mongoose-paginate-v2 does.
    const totalPages = limit === 0 ? 1 : Math.ceil(totalDocs / limit) || 1;
    const current = limit === 0 ? 1 : page;
    const items =
      limit === 0
        ? []
        : sorted.slice((current - 1) * limit, current * limit).map(({ entity }) => structuredClone(entity));
    return {
      items,
      totalDocs,
      limit,
      page: current,
      totalPages,
      hasPrevPage: current > 1,
      hasNextPage: current < totalPages,
      prevPage: current > 1 ? current - 1 : null,
      nextPage: current < totalPages ? current + 1 : null,
    };
  }
}

/** The value at a dotted path (`mdmUser.email`). */
export function valueAt(entity: JsonObject, path: string): unknown {
  let node: unknown = entity;
  for (const key of path.split(".")) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

// MongoDB's order of types: missing and null first, then numbers, strings, objects, arrays, booleans.
const rank = (value: unknown): number => {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number") return 1;
  if (typeof value === "string") return 2;
  if (Array.isArray(value)) return 4;
  if (typeof value === "object") return 3;
  return 5;
};

function compare(a: unknown, b: unknown): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const [x, y] = [JSON.stringify(a) ?? "", JSON.stringify(b) ?? ""];
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortEntities(list: StoredEntity[], sort: string | undefined): StoredEntity[] {
  const match = /^([\w.]*)(?::(asc|desc))?$/.exec(sort ?? "");
  const field = match?.[1];
  if (!field) return [...list];
  const direction = match[2] === "desc" ? -1 : 1;
  // Entities with equal values keep their insertion order (reversed for desc, newest first).
  return [...list].sort(
    (a, b) => direction * (compare(valueAt(a.entity, field), valueAt(b.entity, field)) || a.seq - b.seq),
  );
}
