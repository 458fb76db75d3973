// bench/typecheck/diagnostics.ts: the figures of `tsc --extendedDiagnostics`.
import { expect, it } from "vitest";
import { parseDiagnostics } from "../../bench/typecheck/diagnostics.js";

const REPORT = `Files:                          68
Lines of Library:           44810
Identifiers:                40030
Types:                       3306
Instantiations:             12713
Memory used:               73955K
Assignability cache size:    3699
Check time:                 0.18s
Total time:                 0.84s
`;

it("reads files, types, instantiations, memory and the check and total times", () => {
  expect(parseDiagnostics(REPORT)).toEqual({
    files: 68,
    types: 3306,
    instantiations: 12_713,
    memoryKB: 73_955,
    checkMs: 180,
    totalMs: 840,
  });
});

it("fails, naming the figure, when tsc did not print it", () => {
  expect(() => parseDiagnostics(REPORT.replace(/^Check time.*$/m, ""))).toThrow(/no "Check time"/);
});
