// fast-check arbitraries of valid values, from a dereferenced JSON Schema. Only the constructs the
// request schemas use are known; anything else throws, so a new construct is noticed, not ignored.
import fc from "fast-check";
import type { Schema, SpecOperation } from "../../scripts/lib/openapi.js";
import type { RequestParts } from "./request-cases.js";

const INT32 = 2 ** 31 - 1;

function integer({
  minimum = Number.MIN_SAFE_INTEGER,
  maximum = Number.MAX_SAFE_INTEGER,
}: Schema): fc.Arbitrary<number> {
  // fc.integer is limited to 32 bits; wider ranges (safe integers) go through bigint.
  if (minimum >= -INT32 - 1 && maximum <= INT32) return fc.integer({ min: minimum, max: maximum });
  return fc.bigInt({ min: BigInt(minimum), max: BigInt(maximum) }).map(Number);
}

function string(schema: Schema): fc.Arbitrary<string> {
  if (schema.pattern !== undefined) {
    if (schema.maxLength !== undefined) throw new Error("arbitrary: pattern with maxLength is not supported");
    return fc.stringMatching(new RegExp(schema.pattern));
  }
  if (schema.format === "email") {
    const { maxLength } = schema;
    return maxLength === undefined ? fc.emailAddress() : fc.emailAddress().filter((s) => s.length <= maxLength);
  }
  if (schema.format !== undefined) throw new Error(`arbitrary: string format ${schema.format} is not supported`);
  // Any code point: ajv and Prism count maxLength in code points, as fast-check's "binary" unit does.
  // With a maximum, lengths spread over the whole range (up to the maximum itself).
  if (schema.maxLength === undefined) return fc.string({ unit: "binary" });
  return fc.string({ unit: "binary", maxLength: schema.maxLength, size: "max" });
}

/** An arbitrary of values valid against `schema`. */
function arbitrary(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((branch) => arbitrary({ type: schema.type, ...branch })));
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return integer(schema);
    case "string":
      return string(schema);
    case "array":
      return fc.array(arbitrary(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? 3,
      });
    case "object": {
      const properties: Record<string, Schema> = schema.properties ?? {};
      if (Object.keys(properties).length === 0 && schema.additionalProperties === true) {
        // A free-form object: any JSON keys and values.
        return fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      }
      if (schema.additionalProperties !== false) throw new Error("arbitrary: an object must be closed or free-form");
      const model = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, arbitrary(child)]));
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    default:
      throw new Error(`arbitrary: unsupported schema ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

/** Valid requests of `op`: path parameters, the optional query parameters, and a body. */
export function requestArbitrary(op: SpecOperation): fc.Arbitrary<RequestParts> {
  const params = (where: string) => op.operation.parameters.filter((p) => p.in === where);
  const record = (where: string) =>
    fc.record(Object.fromEntries(params(where).map((p) => [p.name, arbitrary(p.schema ?? {})])), {
      requiredKeys: params(where)
        .filter((p) => p.required)
        .map((p) => p.name),
    });
  const bodySchema = op.operation.requestBody?.content["application/json"]?.schema;
  return fc.record({
    path: record("path"),
    query: record("query"),
    ...(bodySchema ? { body: arbitrary(bodySchema) } : {}),
  }) as fc.Arbitrary<RequestParts>;
}
