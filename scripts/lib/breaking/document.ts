// Document-wide changes: the servers, the security schemes, and the names of components (every
// schema is exported by name from the package, so a schema that disappears breaks an import).
import { canonical, join } from "../json.js";
import type { Document } from "../openapi.js";
import { type Change, collector, DOCUMENT } from "./model.js";

/** The component sections openapi-typescript turns into types of the `components` export. */
const SECTIONS = ["schemas", "parameters", "responses"] as const;

export function compareDocument(before: Document, after: Document): Change[] {
  const { changes, add } = collector(DOCUMENT);

  // Servers: the first is the default base URL; a URL that disappears breaks whoever called it.
  const urlsA = (before.servers ?? []).map((server) => server.url);
  const urlsB = (after.servers ?? []).map((server) => server.url);
  if (urlsA[0] !== urlsB[0]) add("server", true, "/servers/0/url", "default server URL", "changed", urlsA[0], urlsB[0]);
  for (const url of urlsA.slice(1)) {
    if (!urlsB.includes(url)) add("server", true, "/servers", "server URL", "removed", url, undefined);
  }
  for (const url of urlsB.slice(1)) {
    if (!urlsA.includes(url)) add("server", false, "/servers", "server URL", "added", undefined, url);
  }

  // Security schemes: how the token is sent. Descriptions are annotations.
  const schemesA = before.components?.securitySchemes ?? {};
  const schemesB = after.components?.securitySchemes ?? {};
  for (const name of new Set([...Object.keys(schemesA), ...Object.keys(schemesB)])) {
    const a = schemesA[name];
    const b = schemesB[name];
    const at = join("/components/securitySchemes", name);
    const field = `security scheme ${name}`;
    const { description: _a, ...ruleA } = a ?? { type: "" };
    const { description: _b, ...ruleB } = b ?? { type: "" };
    if (!b) add("security-scheme", true, at, field, "removed", ruleA, undefined);
    else if (!a) add("security-scheme", false, at, field, "added", undefined, ruleB);
    else if (canonical(ruleA) !== canonical(ruleB)) add("security-scheme", true, at, field, "changed", ruleA, ruleB);
  }

  // Component names: the package exports every schema as a type of that name.
  for (const section of SECTIONS) {
    const namesA = Object.keys(before.components?.[section] ?? {});
    const namesB = Object.keys(after.components?.[section] ?? {});
    for (const name of namesA) {
      if (!namesB.includes(name)) {
        add(
          "component",
          true,
          join("/components", section, name),
          `components.${section}.${name}`,
          "removed (an exported type name)",
          name,
          undefined,
        );
      }
    }
    for (const name of namesB) {
      if (!namesA.includes(name))
        add(
          "component",
          false,
          join("/components", section, name),
          `components.${section}.${name}`,
          "added",
          undefined,
          name,
        );
    }
  }
  return changes;
}
