// Code a user copies runs as printed: every TypeScript block of the README and every TypeScript
// sample of the docs is a module that type-checks strictly against the package (compiled, as a
// consumer gets it) and runs with node against the package's MSW mock of the API, failing on any
// thrown error. The examples run one after another in one process; a block that sets up its own
// mock (it imports applivery-mdm-openapi/msw) runs in a second one, without the preloaded mock.
import { beforeAll, describe, expect, it } from "vitest";
import { loadBundle, operations, repoPath } from "../../scripts/lib/spec.js";
import { codeBlocks, type ExampleRuns, runExamples, typecheck, writeExamples } from "../support/examples.js";

const readme = codeBlocks(repoPath("README.md"), ["ts", "typescript"]).map((block) => ({
  name: `readme-line-${block.line}`,
  code: block.code,
}));
const samples = operations(loadBundle()).map((op) => {
  const sample = ((op.operation["x-codeSamples"] ?? []) as { label: string; source: string }[]).find(
    (s) => s.label === "TypeScript client",
  );
  return { name: `sample-${op.operationId}`, code: sample?.source ?? "" };
});
const examples = [...readme, ...samples];
const ownMock = (code: string) => code.includes("applivery-mdm-openapi/msw");
let files = new Map<string, string>();
let runs: ExampleRuns[] = [];

beforeAll(() => {
  const paths = writeExamples(examples);
  files = new Map(examples.map((example, i) => [example.name, paths[i] ?? ""]));
  const group = (own: boolean) => examples.filter((e) => ownMock(e.code) === own).map((e) => files.get(e.name) ?? "");
  runs = [runExamples(group(false), { mock: true }), runExamples(group(true), { mock: false })];
}, 300_000);

it("there are README blocks and one TypeScript sample per operation", () => {
  expect(readme.length).toBeGreaterThan(3);
  for (const sample of samples) expect(sample.code, sample.name).toContain("createAppliveryClient");
});

it("every example type-checks, strict, as a module on its own", () => {
  const result = typecheck([...files.values()]);
  expect(result.output.trim()).toBe("");
  expect(result.status).toBe(0);
});

it("the blocks that set up their own mock leave no request unhandled (MSW prints nothing)", () => {
  expect(runs[1]?.output ?? "").not.toMatch(/\[MSW\]/);
});

describe("every example runs against the mock without throwing", () => {
  it.each(examples.map((example) => [example.name] as const))("%s", (name) => {
    const file = files.get(name) ?? "";
    const run = runs.find((r) => file in r.thrown);
    if (!run) throw new Error(`${name} did not run:\n${runs.map((r) => r.output).join("\n")}`);
    expect(run.thrown[file], run.output).toBeNull();
  });
});
