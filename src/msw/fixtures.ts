// The tokens each collection starts with: the ones a test gives, else those of the spec's examples,
// each with an id no other has.

import { isObject, type JsonObject } from "../json.js";
import { exampleEntities } from "./build.js";
import type { SpecDocument } from "./spec.js";
import type { IdSource } from "./state.js";

/** Starting entities keyed by an operation of their collection, as `options.fixtures` gives them. */
export type FixtureInput = Readonly<Record<string, readonly object[] | undefined>>;

/** The starting entities of each collection of the spec, with unique ids. */
export function seedsOf(
  spec: SpecDocument,
  fixtures: FixtureInput | false | undefined,
  ids: IdSource,
): Map<string, JsonObject[]> {
  const collections = new Set(spec.operations.flatMap((op) => (op.collection ? [op.collection] : [])));
  const given = new Map<string, JsonObject[]>();
  for (const [operationId, entities] of Object.entries(fixtures || {})) {
    const op = spec.byId.get(operationId);
    if (!op?.collection || op.kind === "bulk") {
      throw new TypeError(`applivery-mdm-openapi/msw: fixtures: ${operationId} lists, creates or reads no tokens`);
    }
    if (!Array.isArray(entities)) {
      throw new TypeError(`applivery-mdm-openapi/msw: fixtures.${operationId} must be an array`);
    }
    given.set(op.collection, [...(given.get(op.collection) ?? []), ...entities.filter(isObject)]);
  }
  const seen = new Set<string>();
  const seeds = new Map<string, JsonObject[]>();
  for (const collection of collections) {
    const entities = given.get(collection) ?? (fixtures === false ? [] : exampleEntities(spec, collection));
    seeds.set(
      collection,
      entities.map((original) => {
        const entity = structuredClone(original);
        let id = typeof entity.id === "string" && !seen.has(entity.id) ? entity.id : ids.next();
        while (seen.has(id)) id = ids.next();
        entity.id = id;
        seen.add(id);
        return entity;
      }),
    );
  }
  return seeds;
}
