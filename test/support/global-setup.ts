// Vitest global setup, once per run: the package compiled to dist/ (the docs-example and release
// tests import it; compiling here means no two test files write dist/ at once), packed and installed
// from the tarball into a consumer project that the package tests share (`inject("install")`, see
// test/support/package.ts), and one Prism mock of the bundled spec on a free loopback port, whose
// base URL tests read with `inject("prismUrl")`. Teardown removes the install, ends Prism's process
// group and fails the run if any process of it survives.
import type { TestProject } from "vitest/node";
import { startMock } from "../../scripts/lib/prism.js";
import { compile, type Install, installPackage, removeInstall } from "./package.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
    install: Install;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Prism boots in its own process while the package compiles, packs and installs.
  const starting = startMock();
  let install: Install | undefined;
  try {
    const compiled = compile();
    if (compiled.status !== 0) throw new Error(`compiling the package failed:\n${compiled.output}`);
    install = installPackage();
  } catch (error) {
    await starting.then(
      (prism) => prism.stop(),
      () => undefined,
    );
    throw error;
  }
  const prism = await starting;
  project.provide("prismUrl", prism.url);
  project.provide("install", install);
  const installed = install;
  return async () => {
    removeInstall(installed);
    await prism.stop();
  };
}
