// bench/mock/report.ts: the client against plain fetch, compared run pair by run pair. Synthetic
// figures only.
import { expect, it } from "vitest";
import type { MockData } from "../../bench/mock/measure.js";
import { section, summary } from "../../bench/mock/report.js";

const run = (way: "client" | "fetch", throughputPerSecond: number, cpuUsPerRequest: number) => ({
  way,
  throughputPerSecond,
  cpuUsPerRequest,
  firstFailures: way === "client" ? [] : ["listAppleEnrollmentTokens: HTTP 500"],
  durationMs: 1000,
  failures: way === "client" ? 0 : 1,
  latencyMs: { p50: 40, p90: 60, p99: 90, max: 120, mean: 45 },
});

const data: MockData = {
  prism: "5.0.0",
  load: { requests: 1000, concurrency: 50, warmup: 10, startup: 20, pairs: 2 },
  operations: ["a", "b"],
  // A slow first pair (the machine was busy) moves both ways alike.
  runs: [run("client", 250, 300), run("fetch", 500, 200), run("fetch", 1000, 200), run("client", 1000, 240)],
};

it("takes the client's ratios to plain fetch pair by pair", () => {
  const text = section(data);
  expect(text).toContain("throughput is 0.75× plain fetch's (pairs: 0.50×, 1.00×)");
  expect(text).toContain("per request 1.35× plain fetch's (pairs: 1.50×, 1.20×)");
  expect(text).toContain("`listAppleEnrollmentTokens: HTTP 500`");
  expect(summary(data)[0]?.[2]).toBe("625 vs 750 req/s (0.75×); 1.35×; 40 ms / 90 ms; 2");
});
