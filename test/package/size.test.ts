// The runtime a bundler ships for the package's main entry: our compiled code plus openapi-fetch,
// measured as the bench measures it (scripts/lib/bundle-size.ts), within a budget.
import { expect, it } from "vitest";
import { bundleSize, RUNTIME_BUDGET } from "../../scripts/lib/bundle-size.js";
import { repoPath } from "../../scripts/lib/spec.js";

const size = (entry: string) => bundleSize(entry, repoPath(""));

it("every export stays within the budget, and the bundle holds only openapi-fetch and our modules", async () => {
  const all = await size(`export * from "./dist/src/index.js";`);
  const typical = await size(`export { createAppliveryClient } from "./dist/src/index.js";`);
  const openapiFetch = await size(`export { default } from "openapi-fetch";`);
  expect(openapiFetch.minified).toBeGreaterThan(5000);
  // Tree-shaking works: one export ships less than all of them.
  expect(typical.minified).toBeLessThan(all.minified);
  const foreign = Object.keys(all.parts).filter(
    (part) => part !== "openapi-fetch" && part !== "<stdin>" && !/^dist\/(src|generated)\//.test(part),
  );
  expect(foreign).toEqual([]);
  expect(all.parts["openapi-fetch"]).toBeGreaterThan(0);
  expect(all.minified).toBeLessThanOrEqual(RUNTIME_BUDGET.minified);
  expect(all.gzipped).toBeLessThanOrEqual(RUNTIME_BUDGET.gzipped);
});
