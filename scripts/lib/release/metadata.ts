// What package.json must say before a release, and what it must not pretend. `repository`,
// `homepage` and `bugs` are optional (the project has no public repository yet); when present they
// must be real https URLs, not placeholders.
import { isObject } from "../json.js";

/** Hosts and path fragments that mark a made-up URL. */
const PLACEHOLDER =
  /(^|\.)(example\.(com|org|net)|invalid|test|localhost)$|your-?(org|name|user)|\bowner\b|\btodo\b|user\/repo/i;

function urlProblem(field: string, value: unknown): string | undefined {
  const url = typeof value === "string" ? value.replace(/^git\+/, "") : undefined;
  if (!url) return `${field} is not a URL`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${field} is not a URL: ${url}`;
  }
  if (parsed.protocol !== "https:") return `${field} is not https: ${url}`;
  if (PLACEHOLDER.test(parsed.hostname) || PLACEHOLDER.test(parsed.pathname)) return `${field} looks made up: ${url}`;
  return undefined;
}

/** Every problem with package.json's metadata; empty when it is ready to publish. */
export function metadataProblems(pkg: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const text = (field: string) => {
    const value = pkg[field];
    if (typeof value !== "string" || value.trim() === "") problems.push(`${field} is missing`);
  };
  for (const field of ["name", "version", "description", "license", "author"]) text(field);
  if (!Array.isArray(pkg.keywords) || pkg.keywords.length === 0) problems.push("keywords are missing");
  if (!isObject(pkg.engines) || typeof pkg.engines.node !== "string") problems.push("engines.node is missing");
  if (pkg.type !== "module") problems.push('type is not "module"');
  if (!isObject(pkg.exports)) problems.push("exports are missing");
  if (pkg.private === true) problems.push("private is true: npm refuses to publish");

  if (pkg.repository !== undefined) {
    const url = isObject(pkg.repository) ? pkg.repository.url : pkg.repository;
    const problem = urlProblem("repository", url);
    if (problem) problems.push(problem);
  }
  if (pkg.homepage !== undefined) {
    const problem = urlProblem("homepage", pkg.homepage);
    if (problem) problems.push(problem);
  }
  if (pkg.bugs !== undefined) {
    const url = isObject(pkg.bugs) ? pkg.bugs.url : pkg.bugs;
    const email = isObject(pkg.bugs) ? pkg.bugs.email : undefined;
    const problem = url === undefined && typeof email === "string" ? undefined : urlProblem("bugs", url);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** The fields a reader of the npm page will not find, said plainly in release:check's line. */
export const absentLinks = (pkg: Record<string, unknown>): string[] =>
  ["repository", "homepage", "bugs"].filter((field) => pkg[field] === undefined);
