// scripts/contract-live.mjs (npm run contract:live) without a real API: it refuses to run without
// its configuration, and against a Prism mock standing in for the API it runs every check through
// `prism proxy`, reports the mock's deviations from the spec, and never prints the token.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { startMock } from "../../scripts/lib/prism.mjs";

const SCRIPT = fileURLToPath(new URL("../../scripts/contract-live.mjs", import.meta.url));

function runLive(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("APPLIVERY_")));
  const child = spawn(process.execPath, [SCRIPT], { env: { ...clean, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

it("without its variables it exits 2 and says which are missing", async () => {
  const { code, stdout, stderr } = await runLive({ APPLIVERY_API_TOKEN: "only-the-token" });
  expect(code).toBe(2);
  expect(stderr).toContain("contract:live needs APPLIVERY_BASE_URL, APPLIVERY_ORGANIZATION_ID");
  expect(stdout + stderr).not.toContain("only-the-token");
});

it("checks an API through prism proxy, reports deviations, and never prints the token", async () => {
  const api = await startMock();
  const token = "live-secret-token-0123456789";
  try {
    const { code, stdout, stderr } = await runLive({ APPLIVERY_BASE_URL: api.url, APPLIVERY_API_TOKEN: token, APPLIVERY_ORGANIZATION_ID: "acme-corp" });
    const lines = stdout.split("\n").filter((line) => /^(ok|FAIL)/.test(line));
    expect(lines).toEqual([
      "ok   list one page: 200",
      "ok   list without Authorization: 401",
      // A mock accepts any token and any organization: the spec promises 401 and 404.
      "FAIL list with an invalid token: 200",
      "FAIL list of an organization that does not exist: 200",
      "ok   createAppleEnrollmentToken with only an unknown key in the body: 400",
      "ok   bulkCreateAppleEnrollmentTokens with only an unknown key in the body: 400",
      "ok   createWindowsEnrollmentToken with only an unknown key in the body: 400",
      "ok   createAndroidEnrollmentToken with only an unknown key in the body: 400",
    ]);
    expect(stdout).toContain("contract:live: 2 check(s) failed");
    expect(code).toBe(1);
    expect(stdout + stderr).not.toContain(token);
  } finally {
    await api.stop();
  }
});
