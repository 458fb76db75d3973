// Closedness: request bodies reject unknown keys, and Prism itself enforces it (it validates with
// draft-07 semantics, so the spec's flat `additionalProperties: false` bodies must be what it
// reads, not only ajv). Every closed object of every body gets an unknown key, top level and
// nested; the free-form objects must still take any key.
import { describe, expect, it } from "vitest";
import { validator } from "../../scripts/lib/ajv.js";
import { isObject } from "../../scripts/lib/json.js";
import type { Schema } from "../../scripts/lib/openapi.js";
import {
  exampleRequest,
  fieldTokens,
  namesField,
  ops,
  pool,
  rejectionStatus,
  send,
  violations,
} from "../support/contract.js";
import { sampleValue } from "../support/request-cases.js";

interface Place {
  field: string;
  tokens: string[];
  closed: boolean;
  schema: Schema;
}

/** Every object schema of a body, with its readable field path: closed (additionalProperties false) or free-form. */
function objects(schema: Schema, field = "(body)"): Place[] {
  const child = (name: string | number) =>
    typeof name === "number"
      ? `${field === "(body)" ? "" : field}[${name}]`
      : field === "(body)"
        ? name
        : `${field}.${name}`;
  const here: Place[] =
    schema.type === "object"
      ? [{ field, tokens: fieldTokens(field), closed: schema.additionalProperties === false, schema }]
      : [];
  const nested = [
    ...Object.entries(schema.properties ?? {}).flatMap(([name, s]) => objects(s, child(name))),
    ...(schema.items ? objects(schema.items, child(0)) : []),
  ];
  return [...here, ...nested];
}

/** A valid body with every optional field present (arrays hold one item), plus `key` in the object at `tokens`. */
function bodyWith(schema: Schema, tokens: string[], key: string): unknown {
  const body = sampleValue(schema);
  let target: unknown = body;
  for (const token of tokens)
    target = Array.isArray(target) ? target[Number(token)] : isObject(target) ? target[token] : undefined;
  if (!isObject(target)) throw new Error(`no object at ${tokens.join(".")}`);
  target[key] = "unexpected";
  return body;
}

const bodyOps = ops.flatMap((op) => {
  const schema = op.operation.requestBody?.content["application/json"]?.schema;
  return schema ? [{ op, schema }] : [];
});

describe.each(bodyOps.map(({ op, schema }) => [op.operationId, op, schema] as const))(
  "%s",
  (_operationId, op, schema) => {
    const closed = objects(schema).filter((p) => p.closed);

    it("its body and every nested request object with declared fields are closed", () => {
      expect(closed.map((p) => p.field)).toContain("(body)");
      // The only open objects are free-form ones: no declared properties.
      const open = objects(schema).filter((p) => !p.closed);
      expect(open.filter((p) => Object.keys(p.schema.properties ?? {}).length > 0).map((p) => p.field)).toEqual([]);
    });

    it("Prism rejects an unknown key in every closed object, naming it, and so does ajv", async () => {
      const validBody = validator(schema);
      const replies = await pool(closed, 4, (p) =>
        send(op, { ...exampleRequest(op), body: bodyWith(schema, p.tokens, "unknownKey") }),
      );
      const wrong = closed.flatMap((p, i) => {
        const reply = replies[i];
        if (!reply) return [`${p.field}: no reply`];
        const problems: string[] = [];
        if (reply.status !== rejectionStatus(op)) problems.push(`status ${reply.status}`);
        const list = violations(reply);
        if (
          !namesField(list, "body", p.field, "additionalProperties") ||
          !list.some((v) => v.message.includes("'unknownKey'"))
        ) {
          problems.push(`no message about 'unknownKey': ${JSON.stringify(list)}`);
        }
        if (validBody(bodyWith(schema, p.tokens, "unknownKey")).ok) problems.push("ajv accepts it");
        return problems.length ? [`${p.field}: ${problems.join("; ")}`] : [];
      });
      expect(wrong).toEqual([]);
    });
  },
);

describe("free-form objects", () => {
  const free = bodyOps.flatMap(({ op, schema }) =>
    objects(schema)
      .filter((p) => !p.closed)
      .map((p) => ({ op, body: schema, ...p })),
  );

  it("Prism accepts any key in each of them", async () => {
    expect(free.length).toBeGreaterThan(0);
    const replies = await pool(free, 4, (p) =>
      send(p.op, { ...exampleRequest(p.op), body: bodyWith(p.body, p.tokens, "anyKey") }),
    );
    const label = (p: (typeof free)[number]) => `${p.op.operationId} ${p.field}`;
    expect(free.map((p, i) => `${label(p)}: ${replies[i]?.status}`)).toEqual(free.map((p) => `${label(p)}: 200`));
  });
});
