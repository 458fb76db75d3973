// Figure 2, measured: the bytes a browser consumer ships for each runtime (scripts/lib/bundle-size.ts,
// the measure the package's size test uses), from the workspace's compiled dist/ and the peer
// clients generated from the same bundle (lib/peers.ts).
import { type BundleSize, bundleSize, RUNTIME_BUDGET } from "../../scripts/lib/bundle-size.js";
import { log } from "../lib/child.js";
import { peerClients } from "../lib/peers.js";
import { outputSize, version } from "../lib/workspace.js";

export interface SizeRow extends BundleSize {
  key: string;
  name: string;
}

export interface SizeData {
  rows: SizeRow[];
  budget: { minified: number; gzipped: number };
}

export async function measure(workspace: string): Promise<SizeData> {
  const peers = peerClients(workspace);
  const main = JSON.stringify("./dist/src/index.js");
  // Every entry resolves from the workspace, so our files are named by their paths there (dist/…).
  const size = (contents: string, external: string[] = []) => bundleSize(contents, workspace, external);
  const rows: SizeRow[] = [
    {
      key: "openapi-fetch",
      name: `openapi-fetch ${version("openapi-fetch")} alone (\`createClient\`)`,
      ...(await size(`export { default } from "openapi-fetch";`)),
    },
    {
      key: "create",
      name: "ours: `createAppliveryClient` only, with openapi-fetch",
      ...(await size(`export { createAppliveryClient } from ${main};`)),
    },
    {
      key: "ours",
      name: "ours: the main entry (every export), with openapi-fetch",
      ...(await size(`export * from ${main};`)),
    },
    {
      key: "ours-alone",
      name: "ours: the main entry, openapi-fetch left out",
      ...(await size(`export * from ${main};`, ["openapi-fetch"])),
    },
    {
      key: "hey-api",
      name: `${peers.heyApi.name} client (SDK + its fetch client, ${outputSize(peers.heyApi.dir).files} files)`,
      ...(await size(`export * from ${JSON.stringify(peers.heyApi.entry)};`)),
    },
    {
      key: "orval",
      name: `${peers.orval.name}: one file, no runtime library`,
      ...(await size(`export * from ${JSON.stringify(peers.orval.entry)};`)),
    },
    {
      key: "axios",
      name: `axios ${version("axios")} alone (for scale)`,
      ...(await size(`export { default } from "axios";`)),
    },
  ];
  log("size: bundled");
  return { rows, budget: RUNTIME_BUDGET };
}
