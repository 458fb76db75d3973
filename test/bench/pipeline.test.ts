// bench/pipeline/measure.ts: the build's steps, read from package.json as the build runs them.
import { expect, it } from "vitest";
import { buildSteps } from "../../bench/pipeline/measure.js";

const scripts = { bundle: "tsx scripts/bundle.ts", compile: "tsc -p tsconfig.build.json" };

it("names each step of the build script with what it runs", () => {
  const steps = buildSteps("npm run bundle && npm run compile && tsx scripts/docs.ts", scripts, "/tmp");
  expect(steps.map((s) => [s.label, s.command])).toEqual([
    ["npm run bundle", "tsx scripts/bundle.ts"],
    ["npm run compile", "tsc -p tsconfig.build.json"],
    ["tsx scripts/docs.ts", "tsx scripts/docs.ts"],
  ]);
});

it("refuses a build that runs a script package.json lacks", () => {
  expect(() => buildSteps("npm run bundle && npm run lint", scripts, "/tmp")).toThrow(/npm run lint/);
});
