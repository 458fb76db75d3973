// The README's table of operations, between `<!-- operations:start -->` and `<!-- operations:end -->`,
// made from the bundle so it names exactly the operations the spec has.
import type { Document } from "../openapi.js";
import { operations } from "../spec.js";

const START = "<!-- operations:start (written by npm run generate from the spec) -->";
const END = "<!-- operations:end -->";

function operationsTable(bundle: Document): string {
  const server = bundle.servers?.[0]?.url ?? "";
  const rows = operations(bundle).map(({ operationId, method, path, operation }) => {
    const permission = operation.security?.[0]?.bearerAuth?.[0] ?? "—";
    return `| \`applivery.${operationId}(…)\` | \`${method.toUpperCase()} ${path}\` | \`${permission}\` | ${operation.summary ?? ""} |`;
  });
  return [
    `| method of the client | operation (server \`${server}\`) | permission | what it does |`,
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The README with its operations table replaced by the one the bundle gives. */
export function withOperationsTable(readme: string, bundle: Document): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${operationsTable(bundle)}\n${readme.slice(end)}`;
}
