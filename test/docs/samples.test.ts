// The docs' code samples in the vendor's languages (x-codeSamples of the bundle, generated from each
// operation's examples): every operation has curl, JavaScript fetch, Python requests and TypeScript
// client samples, and the first three, run as printed with only the server URL pointed at the Prism
// mock, are accepted with 200 and answered with a body the spec allows. The TypeScript samples run in
// test/docs/examples.test.ts. Python needs `requests` (Debian's python3-requests; .ci/run installs
// it): without it this suite fails, it does not skip.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SpecOperation } from "../../scripts/lib/openapi.js";
import { loadBundle, operations, repoPath } from "../../scripts/lib/spec.js";
import { prismUrl, responseValidator, TOKEN } from "../support/contract.js";

interface Sample {
  lang: string;
  label: string;
  source: string;
}

const bundle = loadBundle();
const SERVER = bundle.servers?.[0]?.url ?? "";
const ops = operations(bundle);
const dir = repoPath(".tmp/samples");
const samplesOf = (op: SpecOperation) => (op.operation["x-codeSamples"] ?? []) as Sample[];
const sampleOf = (op: SpecOperation, label: string) => {
  const found = samplesOf(op).find((s) => s.label === label);
  if (!found) throw new Error(`${op.operationId} has no ${label} sample`);
  return found.source.replaceAll(SERVER, prismUrl());
};

/** A Python 3 that has `requests`: Debian's (python3-requests), else the one on PATH. */
function python(): string {
  for (const candidate of ["/usr/bin/python3", "python3"]) {
    if (spawnSync(candidate, ["-c", "import requests"]).status === 0) return candidate;
  }
  throw new Error("no python3 with the requests module: apt-get install -y python3-requests (.ci/run installs it)");
}

/** Runs a command with the token in APPLIVERY_TOKEN; its output. */
function execute(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    env: { ...process.env, APPLIVERY_TOKEN: TOKEN },
    cwd: dir,
  });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` };
}

/** The status a sample printed first (`200 {…}`) and the rest. */
function printed(stdout: string): { status: number; rest: string } {
  const match = /^(\d{3}) ([\s\S]*)$/.exec(stdout.trim());
  if (!match?.[1]) throw new Error(`the sample printed no status first: ${stdout.slice(0, 300)}`);
  return { status: Number(match[1]), rest: match[2] ?? "" };
}

mkdirSync(dir, { recursive: true });

describe.each(ops.map((op) => [op.operationId, op] as const))("%s", (operationId, op) => {
  it("has the four samples, each calling its method and path with the token from APPLIVERY_TOKEN", () => {
    const samples = samplesOf(op);
    expect(samples.map((s) => s.label)).toEqual(["curl", "fetch", "requests", "TypeScript client"]);
    const template = new RegExp(op.path.replace(/\{[^}]+\}/g, "[^/?'\"]+").replace(/\//g, "\\/"));
    for (const sample of samples.slice(0, 3)) {
      expect(sample.source, sample.label).toMatch(template);
      expect(sample.source, sample.label).toContain("APPLIVERY_TOKEN");
    }
    expect(samples[3]?.source).toContain(`applivery.${operationId}(`);
  });

  it("curl, run as printed, is accepted and answered as the spec says", () => {
    const result = execute("bash", [
      "-c",
      `${sampleOf(op, "curl").trim()} --silent --show-error --write-out '\\n%{http_code}'`,
    ]);
    expect(result.status, result.output).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    const status = lines.pop();
    expect(status, result.output).toBe("200");
    expect(responseValidator(op, "200")(JSON.parse(lines.join("\n"))).errors).toEqual([]);
  });

  it("JavaScript fetch, run as printed with node, is accepted with 200", () => {
    const file = join(dir, `${operationId}.fetch.mjs`);
    writeFileSync(file, sampleOf(op, "fetch"));
    const result = execute(process.execPath, [file]);
    expect(result.status, result.output).toBe(0);
    expect(printed(result.stdout).status, result.output).toBe(200);
  });

  it("Python requests, run as printed with python3, is accepted with 200", () => {
    const file = join(dir, `${operationId}.requests.py`);
    writeFileSync(file, sampleOf(op, "requests"));
    const result = execute(python(), [file]);
    expect(result.status, result.output).toBe(0);
    expect(printed(result.stdout).status, result.output).toBe(200);
  });

  it("a sample without the token is refused (so the 200s above prove the token is sent)", () => {
    const result = spawnSync(
      "bash",
      ["-c", `${sampleOf(op, "curl").trim()} --silent --output /dev/null --write-out '%{http_code}'`],
      {
        encoding: "utf8",
        env: { ...process.env, APPLIVERY_TOKEN: "" },
      },
    );
    // `Bearer ` with no token: Prism's security check answers 401.
    expect(result.stdout).toBe("401");
  });
});
