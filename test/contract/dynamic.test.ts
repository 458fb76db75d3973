// Dynamic responses, read through the package's client: Prism generates bodies from the response
// schemas (json-schema-faker) when asked with `Prefer: dynamic=true`; each generated body must
// validate, with ajv, against the schema of its status. This catches schema constructs Prism and
// ajv read differently. Samples are seeded (`Prefer: seed=…`), so a failure is reproducible;
// CONTRACT_SEED changes the base seed.
import { describe, expect, it } from "vitest";
import { call, exampleRequest, ops, pool, responseValidator, SEED } from "../support/contract.js";

const SAMPLES_200 = 40; // per operation, for the success body (the large schemas)
const SAMPLES_ERROR = 5; // per operation and error status (the small error envelope)

console.log(`dynamic responses: seed ${SEED} (set CONTRACT_SEED to change it)`);

describe.each(ops.map((op) => [op.operationId, op] as const))("%s", (_operationId, op) => {
  it.each(Object.keys(op.operation.responses))("generated %s bodies validate against the spec", async (status) => {
    const count = status === "200" ? SAMPLES_200 : SAMPLES_ERROR;
    const seeds = Array.from({ length: count }, (_, i) => `${SEED}-${op.operationId}-${status}-${i}`);
    const replies = await pool(seeds, 4, (seed) =>
      call(op, exampleRequest(op), { prefer: `code=${status}, dynamic=true, seed=${seed}` }),
    );
    const validate = responseValidator(op, status);
    const wrong = replies.flatMap((reply, i) => {
      if (reply.status !== Number(status)) return [`seed ${seeds[i]}: status ${reply.status}`];
      const { errors } = validate(reply.body);
      return errors.length ? [`seed ${seeds[i]}: ${JSON.stringify(errors.slice(0, 3))}`] : [];
    });
    expect(wrong).toEqual([]);
    // Seeded generation is deterministic and the seeds really vary the body.
    expect(new Set(replies.map((r) => r.text)).size).toBe(count);
  });

  it("the same seed gives the same body", async () => {
    const prefer = `code=200, dynamic=true, seed=${SEED}-repeat`;
    const [a, b] = await Promise.all([
      call(op, exampleRequest(op), { prefer }),
      call(op, exampleRequest(op), { prefer }),
    ]);
    expect(a.text).toBe(b.text);
  });
});
