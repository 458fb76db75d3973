// The evidence stands in the repository: every ledger entry cites a public page or a file of the
// repository (and the file, and the section of spec/sources/evidence.md it names, exist); every
// transcription records the public address of the page it transcribes; and no tracked file points
// outside the repository (to a sibling folder, or to notes and page copies that are not in it).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSources } from "../../scripts/lib/drift/sources.js";
import { type LedgerEntry, loadLedger } from "../../scripts/lib/ledger.js";
import { repoPath } from "../../scripts/lib/spec.js";

const ledger = loadLedger();
const sources = loadSources();

/** The vendor's reference: its public site, and the preview host that serves the older Android rendering. */
const VENDOR_PAGE = /^https:\/\/(docs\.applivery\.com|docs-front-5hi\.pages\.dev)\/en\/api\/\S+$/;
const URL_CITE = /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/\S*$/;

/** The headings of spec/sources/evidence.md, as the anchors a cite names. */
const evidenceSections = new Set(
  [...readFileSync(repoPath("spec/sources/evidence.md"), "utf8").matchAll(/^## (.+)$/gm)].map((m) =>
    String(m[1]).trim(),
  ),
);

/** Why a cite is not acceptable, or undefined when it is. */
function problemWith(cite: string): string | undefined {
  if (cite.startsWith("https://")) return URL_CITE.test(cite) ? undefined : "not a plain https address";
  const [file = "", anchor] = cite.split("#");
  if (!/^(spec|scripts|test|generated)\/[\w./-]+$/.test(file)) return "neither an https address nor a repository file";
  if (!existsSync(repoPath(file))) return `no file ${file} in the repository`;
  if (anchor !== undefined && file === "spec/sources/evidence.md" && !evidenceSections.has(anchor))
    return `no section "${anchor}" in ${file}`;
  return undefined;
}

describe("every ledger entry cites its evidence", () => {
  it.each(ledger.entries.map((e): [string, LedgerEntry] => [e.id, e]))("%s", (_id, entry) => {
    expect(entry.cites.length).toBeGreaterThan(0);
    expect(entry.cites.map((cite) => [cite, problemWith(cite)]).filter(([, problem]) => problem)).toEqual([]);
  });

  it("cites each vendor page through an address on the vendor's hosts or a transcription that records one", () => {
    const cited = new Set(ledger.entries.flatMap((e) => e.cites));
    const vendorPages = [...cited].filter((cite) => VENDOR_PAGE.test(cite));
    const transcriptions = [...cited].filter((cite) => cite.startsWith("spec/sources/") && cite.endsWith(".json"));
    expect(vendorPages.length).toBeGreaterThan(0);
    expect(transcriptions.length).toBe(Object.keys(sources).length);
  });

  it("spec/sources/evidence.md gives a public address in every section", () => {
    const text = readFileSync(repoPath("spec/sources/evidence.md"), "utf8");
    const sections = text.split(/^## /m).slice(1);
    expect(sections.length).toBe(evidenceSections.size);
    for (const section of sections) expect(section, section.split("\n")[0]).toMatch(/https:\/\/\S+/);
  });
});

describe("every transcription records the public address of the page it transcribes", () => {
  it.each(
    Object.values(sources).map((s): [string, string, string[]] => [
      s.operationId,
      s.url,
      (s.renderings ?? []).map((r) => r.url),
    ]),
  )("%s", (_id, url, renderings) => {
    for (const address of [url, ...renderings]) expect(address).toMatch(VENDOR_PAGE);
  });

  it("a transcription without its address, or with one that is not a public https address, does not load", () => {
    const dir = mkdtempSync(join(tmpdir(), "sources-"));
    const [source] = Object.values(sources);
    if (!source) throw new Error("no transcription in spec/sources/");
    const write = (value: unknown) =>
      writeFileSync(join(dir, `${source.operationId}.json`), JSON.stringify(value), "utf8");
    try {
      write(source);
      expect(Object.keys(loadSources(dir))).toEqual([source.operationId]);
      const { url: _url, ...withoutUrl } = source;
      write(withoutUrl);
      expect(() => loadSources(dir)).toThrow(/needs the public https URL it transcribes/);
      write({ ...source, url: "notes/page.txt" });
      expect(() => loadSources(dir)).toThrow(/needs the public https URL it transcribes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("nothing in the repository points outside it", () => {
  // A sibling folder of the repository, the team's private notes, or a copy of a page by its
  // stored file name (three digits, an underscore, sixteen hex digits): none can be checked by a
  // reader of the repository.
  const OUTSIDE = [/\.\.\/shared\b/, /\bSOURCES\.md\b/, /\b\d{3}_[0-9a-f]{16}\.txt\b/];

  it("no tracked file names a sibling folder, private notes or a stored page copy", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: repoPath(""), encoding: "utf8" })
      .split("\0")
      .filter((file) => file !== "" && existsSync(repoPath(file)));
    expect(files.length).toBeGreaterThan(50);
    const offending = files.filter((file) => {
      const text = readFileSync(repoPath(file), "utf8");
      return OUTSIDE.some((pattern) => pattern.test(text));
    });
    expect(offending).toEqual([]);
  });
});
