// Lints the source spec and the bundle with Redocly and Spectral: one run of each tool over both
// documents. Findings come back as one list, so the lint script and the lint tests read them alike.
import { isObject } from "./json.js";
import { repoPath } from "./spec.js";
import { runToolAsync } from "./tools.js";

export interface Finding {
  tool: "redocly" | "spectral";
  rule: string;
  severity: string;
  message: string;
  /** The file the finding is in, relative to the linted directory. */
  file: string;
  /** A JSON pointer (Redocly) or a dotted path (Spectral) into that file. */
  where: string;
}

interface RedoclyProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { source?: { ref?: string }; pointer?: string }[];
}

interface SpectralResult {
  code: string | number;
  severity: number;
  message: string;
  source?: string;
  path: (string | number)[];
}

const SPECTRAL_SEVERITY = ["error", "warning", "info", "hint"];

/** Redocly's JSON report of several APIs is one pretty-printed object per API, back to back. */
function redoclyReports(stdout: string): { problems: RedoclyProblem[] }[] {
  const start = stdout.indexOf("{");
  if (start < 0) throw new Error(`redocly lint printed no JSON report:\n${stdout}`);
  return stdout
    .slice(start)
    .split(/(?<=\n\})\s*(?=\{)/)
    .map((text) => {
      const report: unknown = JSON.parse(text);
      if (!isObject(report) || !Array.isArray(report.problems)) throw new Error("redocly lint: unexpected report");
      return report as { problems: RedoclyProblem[] };
    });
}

/**
 * Every finding of both tools in `dir` (a copy of the repository's spec, redocly.yaml and
 * .spectral.yaml, or the repository itself): Redocly over its APIs `main` and `bundle`, Spectral
 * over `spec/openapi.yaml` and `generated/openapi.yaml`.
 */
export async function lintFindings(dir = repoPath(""), apis = ["main", "bundle"]): Promise<Finding[]> {
  const documents = apis.map((api) => (api === "main" ? "spec/openapi.yaml" : "generated/openapi.yaml"));
  // The two tools run side by side.
  const [redocly, spectral] = await Promise.all([
    runToolAsync("redocly", ["lint", ...apis, "--format=json"], dir),
    runToolAsync("spectral", ["lint", ...documents, "--format=json", "--quiet"], dir),
  ]);
  const findings: Finding[] = redoclyReports(redocly.stdout).flatMap(({ problems }) =>
    problems.map((p) => ({
      tool: "redocly" as const,
      rule: p.ruleId,
      severity: p.severity,
      message: p.message,
      file: p.location?.[0]?.source?.ref ?? "",
      where: p.location?.[0]?.pointer ?? "",
    })),
  );
  let results: SpectralResult[];
  try {
    results = JSON.parse(spectral.stdout) as SpectralResult[];
  } catch {
    throw new Error(`spectral lint printed no JSON report:\n${spectral.stdout}\n${spectral.stderr}`);
  }
  for (const r of results) {
    findings.push({
      tool: "spectral",
      rule: String(r.code),
      severity: SPECTRAL_SEVERITY[r.severity] ?? String(r.severity),
      message: r.message,
      file: (r.source ?? "").startsWith(dir) ? (r.source ?? "").slice(dir.length).replace(/^\//, "") : (r.source ?? ""),
      where: r.path.join("."),
    });
  }
  return findings;
}
