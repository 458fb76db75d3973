// The README's mock section as a user copies it: each `try` that expects a failure throws when the
// call wrongly succeeds (a block without that throw would pass whatever the mock answered). The
// blocks themselves run in test/docs/examples.test.ts, with every other README block.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../../scripts/lib/spec.js";
import { codeBlocks } from "../support/examples.js";

const lines = readFileSync(repoPath("README.md"), "utf8").split("\n");
const start = lines.findIndex((line) => line.startsWith("## Testing your code: the mock"));
const end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
const blocks = codeBlocks(repoPath("README.md"), ["ts", "typescript"]).filter(
  (block) => block.line > start && block.line < end,
);

describe("the README's mock section", () => {
  it("has examples that set up the mock", () => {
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(block.code).toContain("applivery-mdm-openapi/msw");
  });

  it.each(blocks.map((block) => [block.line, block] as const))(
    "block at line %i: every try throws when its call succeeds",
    (_, block) => {
      const tries = block.code
        .split("try {")
        .slice(1)
        .map((rest) => rest.slice(0, rest.indexOf("} catch")));
      for (const body of tries) expect(body).toMatch(/throw new Error\(/);
    },
  );
});
