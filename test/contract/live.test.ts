// scripts/contract-live.ts (npm run contract:live) without a real API: it refuses to run without
// its configuration; against a Prism mock it runs every check and says which ones only the real API
// can answer; it sends nothing that could create, update or delete (no DELETE; a body only with an
// unknown key; token ids that no token has); it never prints any part of the token (echoed raw, JSON-escaped, or cut, nor one read
// with a `.env` line's CR/LF); it refuses to follow a redirect to another origin with the token; it
// says "unreachable" when nothing answers; an endless body is reported, not read to a crash.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import type { SpecOperation } from "../../scripts/lib/openapi.js";
import { freePort } from "../../scripts/lib/prism.js";
import { operations, repoPath } from "../../scripts/lib/spec.js";
import { prismUrl } from "../support/contract.js";

const TOKEN = 'live-Secret/Zq9xK2<mP7vR4"w8';
const specOperations = operations();
/** The body the script sends to check that the API refuses an unknown key, and the id of no token. */
const UNKNOWN_KEY = { contractLiveUnknownKey: true };
const NO_TOKEN = "000000000000000000000000";
const ORGANIZATION = "acme-corp";
/** The path parameters that name one token (every one but the organization's). */
const tokenParameters = (op: SpecOperation) =>
  op.operation.parameters.filter((p) => p.in === "path" && p.name !== "organizationId");

function runLive(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("APPLIVERY_")));
  const child = spawn(
    process.execPath,
    [repoPath("node_modules/tsx/dist/cli.mjs"), repoPath("scripts/contract-live.ts")],
    {
      env: { ...clean, ...env },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

/** Every piece of the token of 5 characters or more, in the forms it could be printed. */
function leaks(output: string): string[] {
  const forms = [TOKEN, JSON.stringify(TOKEN).slice(1, -1), encodeURIComponent(TOKEN)];
  const found: string[] = [];
  for (const form of forms) {
    for (let i = 0; i + 5 <= form.length; i++)
      if (output.includes(form.slice(i, i + 5))) found.push(form.slice(i, i + 5));
  }
  return found;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const env = (base: string) => ({
  APPLIVERY_BASE_URL: base,
  APPLIVERY_TOKEN: TOKEN,
  APPLIVERY_ORGANIZATION_ID: ORGANIZATION,
});

it("without its variables it exits 2 and says which are missing", async () => {
  const { code, output } = await runLive({ APPLIVERY_TOKEN: TOKEN });
  expect(code).toBe(2);
  expect(output).toContain("contract:live needs APPLIVERY_BASE_URL, APPLIVERY_ORGANIZATION_ID");
  expect(leaks(output)).toEqual([]);
});

it("against the run's Prism mock: every check it can answer passes, the others say why a mock cannot answer them", async () => {
  const { code, output } = await runLive(env(prismUrl()));
  const lines = output.split("\n").filter((line) => /^(ok|FAIL|n\/a)/.test(line));
  expect(lines.filter((line) => line.startsWith("FAIL"))).toEqual([]);
  expect(lines).toEqual(
    expect.arrayContaining([
      "ok   list one page: 200",
      "ok   list without Authorization: 401",
      expect.stringMatching(/^n\/a {2}list with an invalid token: 200 \(a mock accepts any token/),
      expect.stringMatching(
        /^n\/a {2}list of an organization that does not exist: 200 \(a mock knows no organizations/,
      ),
    ]),
  );
  // Derived from the spec: every body is checked with an unknown key (each body schema refuses
  // one), every read of one token with a token that does not exist.
  for (const { operationId } of specOperations.filter((op) => op.operation.requestBody))
    expect(lines).toContainEqual(
      expect.stringMatching(`^ok {3}${operationId} with only an unknown key in the body: 4`),
    );
  for (const { operationId } of specOperations.filter((op) => op.method === "get" && tokenParameters(op).length > 0))
    expect(lines).toContainEqual(
      expect.stringMatching(`^n/a {2}${operationId} of a token that does not exist: 200 \\(a mock knows no tokens`),
    );
  expect(output).toContain("contract:live: every check passed");
  expect(code).toBe(0);
  expect(leaks(output)).toEqual([]);
});

it("creates, updates and deletes nothing: no DELETE, a body only with an unknown key, a token id that no token has", async () => {
  const sent: { method: string; path: string; body: string }[] = [];
  const base = await serve((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      sent.push({ method: String(request.method), path: new URL(String(request.url), "http://h").pathname, body });
      response.writeHead(404, { "content-type": "application/json" });
      response.end('{"status":false,"error":{"code":4002,"message":"Not Found"}}');
    });
  });
  await runLive(env(base));
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((r) => r.method === "DELETE")).toEqual([]);
  for (const request of sent.filter((r) => r.method !== "GET")) expect(JSON.parse(request.body)).toEqual(UNKNOWN_KEY);
  // Each request is an operation of the spec with the organization (the configured one, or one that
  // does not exist) and, in every other path parameter, an id that no token has.
  const allowed = specOperations.flatMap((o) =>
    [ORGANIZATION, NO_TOKEN].map(
      (organization) =>
        `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "organizationId" ? organization : NO_TOKEN))}`,
    ),
  );
  for (const request of sent) expect(allowed).toContain(`${request.method} ${request.path}`);
  // The spec's PUT is checked that way, not left out.
  expect(sent.some((r) => r.method === "PUT")).toBe(specOperations.some((o) => o.method === "put"));
});

it("never prints any part of a token the API echoes, raw or JSON-escaped, wherever the text is cut", async () => {
  const base = await serve((request, response) => {
    const sent = String(request.headers.authorization ?? "");
    // The echo lands across the 200-character cut at different offsets, and also as JSON text.
    const pad = "x".repeat(180 + ((request.url?.length ?? 0) % 20));
    response.writeHead(401, { "content-type": "text/html" });
    response.end(`${pad}${sent} ${JSON.stringify(sent)} ${encodeURIComponent(sent)}`);
  });
  const { code, output } = await runLive(env(base));
  expect(code).toBe(1);
  expect(output).toContain("the body is not JSON");
  expect(leaks(output)).toEqual([]);
});

it("refuses to follow a redirect to another origin (another port) with the token", async () => {
  const seen: string[] = [];
  const other = await serve((request, response) => {
    seen.push(String(request.headers.authorization ?? "(none)"));
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"status":true,"data":{}}');
  });
  const base = await serve((request, response) => {
    response.writeHead(302, { location: `${other}${request.url}` });
    response.end();
  });
  const { code, output } = await runLive(env(base));
  expect(code).toBe(1);
  expect(output).toContain("not followed");
  expect(seen).toEqual([]);
  expect(leaks(output)).toEqual([]);
});

it('says "unreachable" when nothing answers', async () => {
  const { code, output } = await runLive(env(`http://127.0.0.1:${await freePort()}`));
  expect(code).toBe(1);
  expect(output).toMatch(/FAIL list one page: -\n\s+unreachable:/);
  expect(output).not.toContain("is not documented");
  expect(leaks(output)).toEqual([]);
});

it("reports an endless body as larger than the limit instead of reading it to a crash", async () => {
  const base = await serve((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(1 << 20, 32);
    const write = () => {
      while (response.write(chunk)) {}
      response.once("drain", write);
    };
    response.on("close", () => response.removeAllListeners("drain"));
    write();
  });
  const { code, output } = await runLive(env(base));
  expect(code).toBe(1);
  expect(output).toContain("larger than maxResponseBytes");
  expect(leaks(output)).toEqual([]);
});

it("trims a token read with a trailing CR/LF, and never prints it", async () => {
  const seen: string[] = [];
  const base = await serve((request, response) => {
    seen.push(String(request.headers.authorization));
    response.writeHead(401, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        status: false,
        error: { code: 4004, message: `Invalid Token ${request.headers.authorization}` },
      }),
    );
  });
  const { output } = await runLive({ ...env(base), APPLIVERY_TOKEN: `${TOKEN}\r\n` });
  expect(seen[0]).toBe(`Bearer ${TOKEN}`);
  expect(leaks(output)).toEqual([]);
});
