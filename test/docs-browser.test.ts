// The rendered API reference (dist/docs/index.html), opened in Debian's Chromium through
// playwright-core from a static server on 127.0.0.1: the introduction and the platform tags, every
// operation with its path, required permission, enum values and code samples, no console error,
// no request beyond the local server, and a full-page screenshot in dist/docs/screenshot.png.
// Without /usr/bin/chromium the suite fails (it does not skip).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT, loadBundle, operations } from "../scripts/lib/spec.mjs";

const CHROMIUM = "/usr/bin/chromium";
const PAGE = new URL("dist/docs/index.html", ROOT);
const LEDGER = new URL("dist/docs/ledger.html", ROOT);
const SCREENSHOT = new URL("dist/docs/screenshot.png", ROOT);
const WIDTH = 1440;
const HEIGHT = 900;

// `operation` is dereferenced spec JSON, untyped.
type Op = { operationId: string; method: string; path: string; operation: any };
const bundle = loadBundle();
const ops: Op[] = operations(bundle);
const tags: { name: string; description: string }[] = bundle.tags;

// Redoc's routes and section ids: /<tag>/<operationId>, lower-cased.
const tagId = (tag: string) => `/${tag.toLowerCase()}`;
const opId = (op: Op) => `${tagId(op.operation.tags[0])}/${op.operationId.toLowerCase()}`;

/** Builds the docs when the page is missing or older than the bundle or the build script. */
function ensureDocs() {
  const inputs = ["generated/openapi.yaml", "generated/ledger.md", "scripts/docs-build.mjs", "scripts/docs-template.hbs"];
  const newest = Math.max(...inputs.map((p) => statSync(new URL(p, ROOT)).mtimeMs));
  if (existsSync(PAGE) && statSync(PAGE).mtimeMs >= newest) return;
  const run = spawnSync(process.execPath, ["scripts/docs-build.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`building the docs failed:\n${run.stdout}${run.stderr}`);
}

/** Serves dist/docs/index.html at / and the ledger page on 127.0.0.1 and a free port; everything else is 404. */
async function serveDocs(): Promise<Server> {
  const files: Record<string, Buffer> = { "/": readFileSync(PAGE), "/index.html": readFileSync(PAGE), "/ledger.html": readFileSync(LEDGER) };
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
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: WIDTH, height: HEIGHT },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!(url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith("data:"))) foreignRequests.push(url);
  });
  await page.goto(`${origin}/`);
  await page.getByRole("heading", { name: bundle.info.title }).first().waitFor();
});

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens a route of the page and waits for its section's heading. */
async function open(route: string, heading: string): Promise<Locator> {
  await page.goto(`${origin}/#${route}`);
  const section = page.locator(`[data-section-id="${route}"]`);
  await section.getByRole("heading", { name: heading }).first().waitFor();
  return section;
}

/** Picks a code sample in an operation's right panel and returns the panel's text. */
async function showSample(section: Locator, label: string, labels: string[]): Promise<string> {
  const picker = new RegExp(`^(${labels.join("|")})$`);
  const panel = section.getByTestId("right-panel").filter({ has: page.getByRole("button", { name: picker }) });
  await panel.getByRole("button", { name: picker }).click();
  const items = page.getByRole("menuitem");
  expect(await items.allInnerTexts()).toEqual(expect.arrayContaining(labels));
  await items.filter({ hasText: new RegExp(`^${label}$`) }).click();
  return panel.innerText();
}

describe("the introduction", () => {
  it("shows the title, how this reference differs from the vendor's pages, and links the ledger", async () => {
    await open("/", bundle.info.title);
    const text = await page.locator("body").innerText();
    expect(text).toContain("How this differs from the vendor's reference pages");
    expect(text).toContain("Code samples send the validation schema itself as the request body.");
    // The ledger link opens the rendered ledger beside the page.
    await page.getByRole("link", { name: "normalization ledger" }).click();
    await page.getByRole("heading", { name: "Normalization ledger" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/ledger.html");
    const ledger = await page.locator("body").innerText();
    for (const id of ["language-enum", "management-mode-enum", "duration-bounds", "android-permission"]) expect(ledger).toContain(id);
  });

  it("groups the operations by platform tag, each with its description and its operations' paths", async () => {
    expect(tags.map((t) => t.name)).toEqual(["Apple", "Windows", "Android"]);
    for (const tag of tags) {
      const section = await open(tagId(tag.name), tag.name);
      const text = await section.innerText();
      expect(text).toContain(tag.description);
      for (const op of ops.filter((o) => o.operation.tags.includes(tag.name))) expect(text).toContain(op.path);
    }
  });
});

describe("every operation renders", () => {
  it.each(ops.map((op) => [op.operationId, op] as const))("%s", async (_id, op) => {
    const section = await open(opId(op), op.operation.summary);
    const method = op.method.toUpperCase();
    const text = await section.innerText();
    expect(text).toMatch(new RegExp(`${method}\\s+${op.path.replace(/[{}]/g, "\\$&")}`));

    const permission: string = op.operation.security[0].bearerAuth[0];
    expect(text).toContain(`Required permission: ${permission}`);

    // Every enum of the body is listed in full where its field is documented.
    const properties: Record<string, { enum?: string[] }> =
      op.operation.requestBody?.content["application/json"].schema.properties ?? {};
    const enums = Object.entries(properties).filter(([, schema]) => schema.enum);
    for (const [name, schema] of enums) {
      const field = section.locator(`[id="${opId(op).slice(1)}/t=request&path=${name.toLowerCase()}"]`);
      const fieldText = await field.innerText();
      expect(fieldText).toContain("Enum");
      for (const value of schema.enum!) expect(fieldText, `${name} lists ${value}`).toContain(`"${value}"`);
    }
    if (method === "POST") expect(enums.map(([name]) => name)).toContain("language");
    if (op.operationId === "createAndroidEnrollmentToken") expect(enums.map(([name]) => name)).toContain("managementMode");

    // Both code samples are offered and show this operation's call.
    const labels = ["curl", "TypeScript client"];
    expect(await showSample(section, "TypeScript client", labels)).toContain(`client.${method}("${op.path}"`);
    expect(await showSample(section, "curl", labels)).toContain(`curl --request ${method}`);
  });
});

/** The document's height once every section near the viewport has mounted and it stops growing. */
async function settledHeight(): Promise<number> {
  let height = 0;
  for (let unchanged = 0; unchanged < 3; ) {
    const next = await page.evaluate(() => document.documentElement.scrollHeight);
    unchanged = next === height ? unchanged + 1 : 0;
    height = next;
    await page.waitForTimeout(150);
  }
  return height;
}

describe("the screenshot", () => {
  it("saves the full page, every tag expanded, to dist/docs/screenshot.png", async () => {
    // Redoc 3 expands one tag at a time, so the page is captured once per tag and the parts are
    // stacked: the top of the page and Apple, then Windows, then Android to the end of the page.
    const parts: Buffer[] = [];
    for (const [i, tag] of tags.entries()) {
      await page.setViewportSize({ width: WIDTH, height: HEIGHT });
      await open(tagId(tag.name), tag.name);
      // Sections mount as they near the viewport: grow it to the whole page until nothing changes.
      for (let height = 0, next = await settledHeight(); next !== height; next = await settledHeight()) {
        await page.setViewportSize({ width: WIDTH, height: (height = next) });
      }
      for (const op of ops.filter((o) => o.operation.tags.includes(tag.name))) {
        await page.locator(`[data-section-id="${opId(op)}"]`).getByRole("heading", { name: op.operation.summary }).first().waitFor();
      }
      const top = async (name: string) => (await page.locator(`[data-section-id="${tagId(name)}"]`).boundingBox())!.y;
      const from = i === 0 ? 0 : await top(tag.name);
      const to = i === tags.length - 1 ? await settledHeight() : await top(tags[i + 1]!.name);
      expect(to - from, `the part of ${tag.name}`).toBeGreaterThan(HEIGHT);
      parts.push(await page.screenshot({ clip: { x: 0, y: from, width: WIDTH, height: to - from } }));
    }
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });

    const sheet = await context!.newPage();
    await sheet.setContent(
      `<body style="margin:0;background:#d0d7de">${parts
        .map((png) => `<img style="display:block;margin-bottom:6px" src="data:image/png;base64,${png.toString("base64")}">`)
        .join("")}</body>`,
    );
    await sheet.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
    await sheet.screenshot({ path: SCREENSHOT.pathname, fullPage: true });
    await sheet.close();

    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBe(WIDTH);
    expect(height).toBeGreaterThan(HEIGHT * tags.length);
  });
});

describe("the page on its own", () => {
  it("logged no console error and made no request beyond the local server", () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
