// Vitest global setup, once per run: the package compiled to dist/ (the package, docs-example and
// release tests pack or import it; compiling here means no two test files write dist/ at once), and
// one Prism mock of the bundled spec on a free loopback port, whose base URL tests read with
// `inject("prismUrl")`. Teardown ends Prism's process group and fails the run if any process of it
// survives.
import type { TestProject } from "vitest/node";
import { startMock } from "../../scripts/lib/prism.js";
import { compile } from "./package.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const compiled = compile();
  if (compiled.status !== 0) throw new Error(`compiling the package failed:\n${compiled.output}`);
  const prism = await startMock();
  project.provide("prismUrl", prism.url);
  return () => prism.stop();
}
