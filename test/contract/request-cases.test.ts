// Input generated from the spec (test/support/request-cases.ts), sent to the Prism mock: every case
// outside a constraint is rejected (the declared 400, else Prism's 422) with a validation message of
// that keyword naming the field; every case inside is accepted with 200. A constraint without a
// rejected case fails the suite, so a constraint added to the spec is covered at once.
import { afterAll, describe, expect, it } from "vitest";
import { namesField, ops, pool, rejectionStatus, responseValidator, send, violations } from "../support/contract.js";
import { type Constraint, requestCases } from "../support/request-cases.js";

const counts: Record<string, { constraints: number; invalid: number; valid: number }> = {};
afterAll(() => {
  console.log("request cases sent to Prism, per operation:");
  console.table(counts);
});

describe.each(ops.map((op) => [op.operationId, op] as const))("%s", (operationId, op) => {
  const { constraints, cases } = requestCases(op);
  const invalid = cases.filter((c) => !c.valid);
  const valid = cases.filter((c) => c.valid);
  counts[operationId] = { constraints: constraints.length, invalid: invalid.length, valid: valid.length };

  it("has a rejected case for every constraint of the request", () => {
    const key = (c: Constraint) => `${c.location} ${c.field} ${c.keyword} ${c.pointer}`;
    const tested = new Set(invalid.map(key));
    expect(constraints.filter((c) => !tested.has(key(c))).map(key)).toEqual([]);
    expect(constraints.length).toBeGreaterThan(0);
  });

  it(`rejects each of the ${invalid.length} invalid requests with ${rejectionStatus(op)} naming the field`, async () => {
    const status = rejectionStatus(op);
    const replies = await pool(invalid, 8, (c) => send(op, c.request));
    const wrong = invalid.flatMap((c, i) => {
      const reply = replies[i];
      if (!reply) return [`${c.name}: no reply`];
      const problems: string[] = [];
      if (reply.status !== status) problems.push(`status ${reply.status}`);
      if (!namesField(violations(reply), c.location, c.field, c.keyword)) {
        problems.push(`no ${c.keyword} message for ${c.field}: ${JSON.stringify(violations(reply))}`);
      }
      if (status === 400 && responseValidator(op, "400")(reply.body).errors.length)
        problems.push("the 400 body does not match the spec");
      return problems.length ? [`${c.name}: ${problems.join("; ")}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it(`accepts each of the ${valid.length} valid requests with 200`, async () => {
    const replies = await pool(valid, 8, (c) => send(op, c.request));
    const wrong = valid.flatMap((c, i) => {
      const reply = replies[i];
      return reply?.status === 200
        ? []
        : [`${c.name}: status ${reply?.status} ${reply ? JSON.stringify(violations(reply)) : ""}`];
    });
    expect(wrong).toEqual([]);
  });
});
