// bench/calls/report.ts: figure 1's ratios are paired per round, and each goal is judged on their
// median, with the attribution rows as the reason when it is missed. Synthetic figures only.
import { expect, it } from "vitest";
import { CONTENDERS } from "../../bench/calls/contenders.js";
import type { CallsData } from "../../bench/calls/measure.js";
import { section, summary } from "../../bench/calls/report.js";

/** CPU ms per round for each contender; bare openapi-fetch has a slow second round, like everyone. */
const CPU: Record<string, number[]> = {
  bare: [100, 200, 100],
  raw: [80, 160, 80],
  method: [100, 200, 125],
  surface: [400, 800, 400],
  surface5s: [100, 210, 110],
  ownRequest: [400, 800, 400],
  both: [400, 800, 400],
};

const data: CallsData = {
  node: "v20.0.0",
  nodeFlags: [],
  plan: { warmupRounds: 0, rounds: 3, batches: 1, batchSize: 10 },
  callsPerRound: 10,
  operations: [
    {
      key: "create",
      operationId: "createAppleEnrollmentToken",
      method: "POST",
      contenders: CONTENDERS.map((c) => ({
        key: c.key,
        name: c.key,
        group: c.group,
        cpuMs: CPU[c.key] ?? [100, 200, 100],
        extraHeaders: c.key === "axios" ? ["user-agent: axios/x"] : [],
      })),
    },
  ],
};

it("judges each goal on the median of the per-round ratios", () => {
  const rows = summary(data);
  expect(rows.map(([, , result, verdict]) => [result, verdict.split(" (")[0]])).toEqual([
    ["1.00×", "≥ 0.50×: met"],
    ["0.25×", "≥ 0.50×: missed by 50%"],
    ["0.95×", "≥ 0.50×: met"],
  ]);
  expect(rows[0]?.[1]).toContain("raw fetch: 1.25×");
});

it("writes the table, the other headers sent, and why a missed goal was missed", () => {
  const text = section(data);
  expect(text).toContain("| create | raw | 8,000.0 | 125 | 1.25× | 1.25×–1.25× | 1.25×–1.25× | 1.00× |");
  expect(text).toContain("| create | attribution: ownRequest |");
  expect(text).toContain("Other headers sent: axios: `user-agent: axios/x`.");
  expect(text).toMatch(/a call does openapi-fetch's work .*plus only that: 0\.25×/);
  expect(text).toContain("already put openapi-fetch below the goal");
  expect(text).not.toMatch(
    /generated method at most twice the CPU of bare openapi-fetch, ≥ 0\.5× \(issue 19\):\*\* missed/,
  );
});
