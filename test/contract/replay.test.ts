// Replay: every operation × every documented status × every named example is requested from the
// Prism mock through the package's client (`Prefer: code=…, example=…`); the status must match and
// the body must validate, with ajv and independently of Prism, against the schema the spec gives
// that status.
import { describe, expect, it } from "vitest";
import { call, exampleRequest, ops, pool, responseContent, responseValidator, send } from "../support/contract.js";

const cases = ops.flatMap((op) =>
  Object.keys(op.operation.responses).flatMap((status) => {
    const names = Object.keys(responseContent(op, status).examples ?? {});
    // A status without named examples is still requested, with Prism's own choice of body.
    return (names.length ? names : [undefined]).map((example) => ({ op, status, example }));
  }),
);

describe("replay of every documented response", () => {
  it("covers every operation and every status", () => {
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      const statuses = new Set(cases.filter((c) => c.op === op).map((c) => c.status));
      expect([...statuses].sort()).toEqual(Object.keys(op.operation.responses).sort());
    }
  });

  it.each(cases.map((c) => [`${c.op.operationId} ${c.status} ${c.example ?? "(no example)"}`, c] as const))(
    "%s",
    async (_name, c) => {
      const prefer = [`code=${c.status}`, ...(c.example ? [`example=${c.example}`] : [])].join(", ");
      const reply = await call(c.op, exampleRequest(c.op), { prefer });
      expect(reply.status).toBe(Number(c.status));
      expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
      expect(responseValidator(c.op, c.status)(reply.body).errors).toEqual([]);
      if (c.example) expect(reply.body).toEqual(responseContent(c.op, c.status).examples?.[c.example]?.value);
    },
  );
});

describe("authentication", () => {
  it.each(ops.map((op) => [op.operationId, op] as const))(
    "%s without Authorization answers 401 with the error envelope",
    async (_name, op) => {
      const reply = await send(op, exampleRequest(op), { authorization: undefined });
      expect(reply.status).toBe(401);
      expect(responseValidator(op, "401")(reply.body).errors).toEqual([]);
      expect(reply.body).toMatchObject({
        status: false,
        error: { code: expect.any(Number), message: expect.any(String) },
      });
    },
  );

  it("the example requests are accepted with Authorization (so the 401 above is about the header)", async () => {
    const replies = await pool(ops, 5, (op) => call(op, exampleRequest(op)));
    expect(replies.map((r) => r.status)).toEqual(ops.map(() => 200));
  });
});
