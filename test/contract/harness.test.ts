// The harness itself: Prism runs on loopback on a port the OS picked, and stopping it leaves no
// process of its group and no spec snapshot behind.
import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import { groupAlive, snapshotBundle, startMock } from "../../scripts/lib/prism.js";
import { prismUrl } from "../support/contract.js";

it("the run's Prism listens on 127.0.0.1, not on the users' fixed port", () => {
  const url = new URL(prismUrl());
  expect(url.hostname).toBe("127.0.0.1");
  expect(url.port).not.toBe("4010");
});

it("stopping Prism ends its whole process group", async () => {
  const prism = await startMock();
  expect(groupAlive(prism.pid)).toBe(true);
  const reply = await fetch(`${prism.url}/organizations/acme-corp/mdm/apple/enterprise/enrollment-tokens`);
  expect(reply.status).toBe(401);
  await prism.stop();
  expect(groupAlive(prism.pid)).toBe(false);
  await expect(fetch(prism.url)).rejects.toThrow();
});

it("a spec snapshot is removed with its server", () => {
  const snapshot = snapshotBundle();
  expect(existsSync(snapshot.file)).toBe(true);
  snapshot.remove();
  expect(existsSync(snapshot.file)).toBe(false);
});
