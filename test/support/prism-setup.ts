// Vitest global setup: one Prism mock of the bundled spec for the whole run, on a free loopback
// port. Tests read its base URL with `inject("prismUrl")`. Teardown ends Prism's process group and
// fails the run if any process of it survives.
import type { TestProject } from "vitest/node";
import { startMock } from "../../scripts/lib/prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startMock();
  project.provide("prismUrl", prism.url);
  return () => prism.stop();
}
