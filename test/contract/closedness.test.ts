// Closedness: request bodies reject unknown keys, and Prism itself enforces it (it validates with
// draft-07 semantics, so the spec's flat `additionalProperties: false` bodies must be what it reads,
// not only ajv). Every closed object of every body gets an unknown key, top level and nested; the
// free-form objects (configuration, updatePolicy) must still take any key.
import { describe, expect, it } from "vitest";
import { sampleValue } from "../../scripts/lib/request-cases.mjs";
import { validator } from "../helpers/ajv.js";
import { exampleRequest, fieldTokens, namesField, ops, pool, rejectionStatus, send, violations, type Operation, type Schema } from "./lib.js";

type Place = { field: string; tokens: (string | number)[]; closed: boolean };

/** Every object schema of a body, with its readable field path: closed (additionalProperties false) or free-form. */
function objects(schema: Schema, field = "(body)"): Place[] {
  const child = (name: string | number) => (typeof name === "number" ? `${field === "(body)" ? "" : field}[${name}]` : field === "(body)" ? name : `${field}.${name}`);
  const here: Place[] = schema.type === "object" ? [{ field, tokens: fieldTokens(field), closed: schema.additionalProperties === false }] : [];
  const nested = [
    ...Object.entries(schema.properties ?? {}).flatMap(([name, s]) => objects(s as Schema, child(name))),
    ...(schema.items ? objects(schema.items, child(0)) : []),
  ];
  return [...here, ...nested];
}

/** A valid body with every optional field present (arrays hold one item), plus `key` at `tokens`. */
function bodyWith(schema: Schema, tokens: (string | number)[], key: string) {
  const body = sampleValue(schema);
  const target = tokens.reduce((node: any, token) => node[token], body);
  target[key] = "unexpected";
  return body;
}

const bodyOps = ops.filter((op) => op.operation.requestBody);

describe.each(bodyOps.map((op) => [op.operationId, op] as const))("%s", (_operationId, op) => {
  const schema = op.operation.requestBody!.content["application/json"]!.schema;
  const places = objects(schema);
  const closed = places.filter((p) => p.closed);

  it("its body and its nested request objects are closed", () => {
    const fields = closed.map((p) => p.field);
    expect(fields).toContain("(body)");
    // The nested objects the issue names: an application assignment, a policy assignment, scripts.
    if (schema.properties.applications) expect(fields).toEqual(expect.arrayContaining(["applications[0]", "applications[0].scripts"]));
    expect(fields.some((f) => /PolicyAssignments\[0\]$/.test(f))).toBe(true);
  });

  it("Prism rejects an unknown key in every closed object, naming it, and so does ajv", async () => {
    const validBody = validator(schema);
    const replies = await pool(closed, 4, (p) => send(op, { ...exampleRequest(op), body: bodyWith(schema, p.tokens, "unknownKey") }));
    const wrong = closed.flatMap((p, i) => {
      const reply = replies[i]!;
      const problems = [];
      if (reply.status !== rejectionStatus(op)) problems.push(`status ${reply.status}`);
      const list = violations(reply);
      if (!namesField(list, "body", p.field, "additionalProperties") || !list.some((v) => v.message.includes("'unknownKey'"))) {
        problems.push(`no message about 'unknownKey': ${JSON.stringify(list)}`);
      }
      if (validBody(bodyWith(schema, p.tokens, "unknownKey")).ok) problems.push("ajv accepts it");
      return problems.length ? [`${p.field}: ${problems.join("; ")}`] : [];
    });
    expect(wrong).toEqual([]);
  });

});

describe("free-form objects", () => {
  const free = bodyOps.flatMap((op) => {
    const schema = op.operation.requestBody!.content["application/json"]!.schema;
    return objects(schema).filter((p) => !p.closed).map((p) => ({ op, schema, ...p }));
  });

  it("Prism accepts any key in configuration and updatePolicy", async () => {
    expect(free.map((p) => `${p.op.operationId} ${p.field}`)).toEqual(
      expect.arrayContaining(["createAppleEnrollmentToken applications[0].configuration", "createAppleEnrollmentToken applications[0].updatePolicy"]),
    );
    const replies = await pool(free, 4, (p) => send(p.op, { ...exampleRequest(p.op), body: bodyWith(p.schema, p.tokens, "anyKey") }));
    const label = (p: (typeof free)[number]) => `${p.op.operationId} ${p.field}`;
    expect(free.map((p, i) => `${label(p)}: ${replies[i]!.status}`)).toEqual(free.map((p) => `${label(p)}: 200`));
  });
});
