// The client keeps nothing per call: over 20,000 calls through a stub fetch (both surfaces, default
// options, so each attempt has its time limit), the heap after collection stays where it was after
// the warm-up.
import { expect, it } from "vitest";
import { createAppliveryClient } from "../../src/index.js";
import { settleHeap } from "../support/gc.js";
import { argsOf, fetchCallOf, initOf, methodOf, operationCases } from "../support/operation-cases.js";

const TOKEN = "mem0ry-T0ken_19c3";
const MB = 1e6;

it("heap stays flat over 20,000 calls", { timeout: 60_000 }, async () => {
  // Counts with fail 0 are a valid answer of every operation, the bulk one included.
  const body = JSON.stringify({ status: true, data: { total: 1, success: 1, fail: 0 } });
  const client = createAppliveryClient({
    token: TOKEN,
    baseUrl: "https://api.example.test/v1",
    fetch: async () => new Response(body, { headers: { "content-type": "application/json" } }),
  });
  const one = async (n: number) => {
    const c = operationCases[n % operationCases.length];
    if (!c) throw new Error("the spec has no operations");
    if (n % 2 === 0) return methodOf(client, c.operationId)(argsOf(c));
    return (await fetchCallOf(client, c.method)(c.path, initOf(c))).data;
  };
  const batch = async (calls: number) => {
    for (let done = 0; done < calls; done += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => one(done + i)));
    }
  };
  await batch(1_000);
  const warm = await settleHeap();
  await batch(20_000);
  const after = await settleHeap();
  expect((after - warm) / MB).toBeLessThan(10);
});
