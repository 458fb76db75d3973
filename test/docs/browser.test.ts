// The rendered API reference (dist/docs/index.html), opened in Debian's Chromium through
// playwright-core from a static server on 127.0.0.1: the introduction and the platform tags, every
// operation with its path, required permission, enum values and code samples, no console error,
// no request beyond the local server, and a screenshot of each platform tag's part of the page in
// dist/docs/screenshot-<tag>.png.
// Without /usr/bin/chromium the suite fails (it does not skip).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadLedger } from "../../scripts/lib/ledger.js";
import type { SpecOperation } from "../../scripts/lib/openapi.js";
import { loadBundle, operations, repoPath } from "../../scripts/lib/spec.js";
import { runTool } from "../../scripts/lib/tools.js";

const CHROMIUM = "/usr/bin/chromium";
const PAGE = repoPath("dist/docs/index.html");
const LEDGER = repoPath("dist/docs/ledger.html");
const screenshotOf = (tag: string) => repoPath(`dist/docs/screenshot-${tag.toLowerCase()}.png`);
const WIDTH = 1440;
const HEIGHT = 900;

const bundle = loadBundle();
const ops = operations(bundle);
const tags = bundle.tags ?? [];
const tagOf = (op: SpecOperation) => op.operation.tags?.[0] ?? "";

// Redoc's routes and section ids: /<tag>/<operationId>, lower-cased.
const tagId = (tag: string) => `/${tag.toLowerCase()}`;
const opId = (op: SpecOperation) => `${tagId(tagOf(op))}/${op.operationId.toLowerCase()}`;

/** Builds the docs when the page is missing or older than the bundle or the build script. */
function ensureDocs() {
  const inputs = ["generated/openapi.yaml", "generated/ledger.md", "scripts/docs.ts", "scripts/lib/docs/template.hbs"];
  const newest = Math.max(...inputs.map((p) => statSync(repoPath(p)).mtimeMs));
  if (existsSync(PAGE) && statSync(PAGE).mtimeMs >= newest) return;
  const run = runTool("tsx", ["scripts/docs.ts"]);
  if (run.status !== 0) throw new Error(`building the docs failed:\n${run.stdout}${run.stderr}`);
}

/** Serves dist/docs/index.html at / and the ledger page on 127.0.0.1 and a free port; everything else is 404. */
async function serveDocs(): Promise<Server> {
  const files: Record<string, Buffer> = {
    "/": readFileSync(PAGE),
    "/index.html": readFileSync(PAGE),
    "/ledger.html": readFileSync(LEDGER),
  };
  const server = createServer((req, res) => {
    const file = req.method === "GET" ? files[req.url ?? ""] : undefined;
    if (file) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(file);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  return server;
}

let server: Server | undefined;
let context: BrowserContext | undefined;
let page: Page;
let origin: string;
let userDataDir: string | undefined;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];

const missingChromium = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing: the docs browser test needs Debian's Chromium (apt-get install -y chromium; .ci/run installs it)`;

// Without Chromium every test fails with that message (a failing beforeAll would mark them skipped).
beforeEach(() => {
  if (missingChromium) throw new Error(missingChromium);
});

beforeAll(async () => {
  if (missingChromium) return;
  ensureDocs();
  server = await serveDocs();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  userDataDir = mkdtempSync(join(tmpdir(), "docs-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: WIDTH, height: HEIGHT },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!(url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith("data:")))
      foreignRequests.push(url);
  });
  await page.goto(`${origin}/`);
  await page.getByRole("heading", { name: bundle.info.title }).first().waitFor();
});

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** The text a reader sees in a part of the page (Playwright's Locator.innerText, not the DOM property). */
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright call; the visible text is what is checked
const visibleText = (locator: Locator): Promise<string> => locator.innerText();

/** Opens a route of the page and waits for its section's heading. */
async function open(route: string, heading: string): Promise<Locator> {
  await page.goto(`${origin}/#${route}`);
  const section = page.locator(`[data-section-id="${route}"]`);
  await section.getByRole("heading", { name: heading }).first().waitFor();
  return section;
}

/** Picks a code sample in an operation's right panel and waits until the panel shows `expected` (Redoc re-renders it). */
async function showSample(section: Locator, label: string, labels: string[], expected: string): Promise<void> {
  const picker = new RegExp(`^(${labels.join("|")})$`);
  const panel = section.getByTestId("right-panel").filter({ has: page.getByRole("button", { name: picker }) });
  await panel.getByRole("button", { name: picker }).click();
  const items = page.getByRole("menuitem");
  expect(await items.allInnerTexts()).toEqual(expect.arrayContaining(labels));
  await items.filter({ hasText: new RegExp(`^${label}$`) }).click();
  await expect.poll(() => visibleText(panel), { message: label, timeout: 10_000 }).toContain(expected);
}

describe("the introduction", () => {
  it("shows the title, how this reference differs from the vendor's pages, and links the ledger", async () => {
    await open("/", bundle.info.title);
    const text = await visibleText(page.locator("body"));
    expect(text).toContain("How this differs from the vendor's reference pages");
    expect(text).toContain("Code samples send the validation schema itself as the request body.");
    // The ledger link opens the rendered ledger beside the page.
    await page.getByRole("link", { name: "normalization ledger" }).click();
    await page.getByRole("heading", { name: "Normalization ledger" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/ledger.html");
    const ledger = await visibleText(page.locator("body"));
    const ids = loadLedger().entries.map((entry) => entry.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(ledger).toContain(id);
  });

  it("groups the operations by platform tag, each with its description and its operations' paths", async () => {
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(ops.map(tagOf))).toEqual(new Set(tags.map((t) => t.name)));
    // The side menu shows the spec's tag groups in order, and each tag is in exactly one of them.
    const groups = (bundle["x-tagGroups"] ?? []) as { name: string; tags: string[] }[];
    expect(groups.flatMap((g) => g.tags).sort()).toEqual(tags.map((t) => t.name).sort());
    await open("/", bundle.info.title);
    const separators = page.locator(".menu-content .menu-item-type-separator");
    await separators.first().waitFor();
    expect(await separators.allTextContents()).toEqual(groups.map((g) => g.name));
    for (const tag of tags) {
      const section = await open(tagId(tag.name), tag.name);
      const text = await visibleText(section);
      expect(text).toContain(tag.description ?? "");
      for (const op of ops.filter((o) => tagOf(o) === tag.name)) expect(text).toContain(op.path);
    }
  });
});

/** The body's top-level fields that have an enum, with its values. */
const bodyEnums = (op: SpecOperation) =>
  Object.entries(op.operation.requestBody?.content["application/json"]?.schema?.properties ?? {}).flatMap(
    ([name, schema]) => (schema.enum ? [[name, schema.enum] as const] : []),
  );

describe("every operation renders", () => {
  it("the spec has body fields with an enum, so the check of their rendering below is not empty", () => {
    expect(ops.filter((op) => bodyEnums(op).length > 0).length).toBeGreaterThan(0);
  });

  it.each(ops.map((op) => [op.operationId, op] as const))("%s", async (_id, op) => {
    const summary = op.operation.summary ?? op.operationId;
    const section = await open(opId(op), summary);
    const method = op.method.toUpperCase();
    const text = await visibleText(section);
    expect(text).toMatch(new RegExp(`${method}\\s+${op.path.replace(/[{}]/g, "\\$&")}`));

    const permission = op.operation.security?.[0]?.bearerAuth?.[0];
    if (!permission) throw new Error(`${op.operationId} names no permission`);
    expect(text).toContain(`Required permission: ${permission}`);

    // Every enum of the body is listed in full where its field is documented.
    for (const [name, values] of bodyEnums(op)) {
      const field = section.locator(`[id="${opId(op).slice(1)}/t=request&path=${name.toLowerCase()}"]`);
      const fieldText = await visibleText(field);
      expect(fieldText).toContain("Enum");
      for (const value of values) expect(fieldText, `${name} lists ${String(value)}`).toContain(`"${String(value)}"`);
    }

    // Every code sample of the operation is offered; the picker is clicked through for the first
    // operation of each HTTP method (the samples themselves run in test/docs/samples.test.ts).
    const samples = (op.operation["x-codeSamples"] ?? []) as { label: string; source: string }[];
    const labels = samples.map((sample) => sample.label);
    expect(labels).toEqual(["curl", "fetch", "requests", "TypeScript client"]);
    const picked = ops.find((o) => o.method === op.method) === op ? samples : [];
    for (const sample of picked) {
      // The panel shows the sample's first line (its call or its import).
      const firstLine = sample.source.split("\n").find((line) => line.trim() !== "") ?? "";
      await showSample(section, sample.label, labels, firstLine.slice(0, 40));
    }
    expect(samples.find((s) => s.label === "TypeScript client")?.source).toContain(`applivery.${op.operationId}(`);
  });
});

/** The document's height once every section near the viewport has mounted and it stops growing. */
async function settledHeight(): Promise<number> {
  let height = 0;
  for (let unchanged = 0; unchanged < 2; ) {
    const next = await page.evaluate(() => document.documentElement.scrollHeight);
    unchanged = next === height ? unchanged + 1 : 0;
    height = next;
    await page.waitForTimeout(100);
  }
  return height;
}

describe("the screenshots", () => {
  it("save each platform tag's part of the page, expanded, to dist/docs/screenshot-<tag>.png", async () => {
    // Redoc 3 expands one tag at a time, so the page is captured once per tag: the top of the page
    // and the first tag, then each next tag, the last to the end of the page.
    for (const [i, tag] of tags.entries()) {
      await page.setViewportSize({ width: WIDTH, height: HEIGHT });
      await open(tagId(tag.name), tag.name);
      // Sections mount as they near the viewport: grow it to the whole page, wait for the tag's
      // operations, and repeat until the page stops growing.
      let viewport = HEIGHT;
      for (let height = await settledHeight(); height !== viewport; height = await settledHeight()) {
        viewport = height;
        await page.setViewportSize({ width: WIDTH, height });
        for (const op of ops.filter((o) => tagOf(o) === tag.name)) {
          await page
            .locator(`[data-section-id="${opId(op)}"]`)
            .getByRole("heading", { name: op.operation.summary ?? op.operationId })
            .first()
            .waitFor();
        }
      }
      // Document coordinates, so the clip does not depend on where the page is scrolled.
      const top = async (name: string) => {
        const box = await page.locator(`[data-section-id="${tagId(name)}"]`).boundingBox();
        if (!box) throw new Error(`no section for the tag ${name}`);
        return box.y + (await page.evaluate(() => window.scrollY));
      };
      const from = i === 0 ? 0 : await top(tag.name);
      const next = tags[i + 1];
      const to = next ? await top(next.name) : viewport;
      expect(to - from, `the part of ${tag.name}`).toBeGreaterThan(HEIGHT);
      const path = screenshotOf(tag.name);
      await page.screenshot({ path, fullPage: true, clip: { x: 0, y: from, width: WIDTH, height: to - from } });
      const png = readFileSync(path);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([WIDTH, Math.round(to - from)]);
    }
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  });
});

describe("the page on its own", () => {
  it("logged no console error and made no request beyond the local server", () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
