// Starts and stops Prism (`prism mock` or `prism proxy`) from node_modules, on loopback.
//
// Prism runs in its own process group (spawned detached), so stopping it ends every process it
// started. Used by npm run mock's users (the contract tests' global setup), scripts/load.ts and
// scripts/contract-live.ts.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoPath } from "./spec.js";
import { bin } from "./tools.js";

const HOST = "127.0.0.1";

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Whether any process of the group led by `pid` is still alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

export interface Prism {
  url: string;
  port: number;
  pid: number;
  /** The tail of Prism's output, with the secrets given to startPrism replaced by `***`. */
  output(): string;
  /** Ends the whole process group; rejects if any process of it survives. */
  stop(): Promise<void>;
}

export interface PrismOptions {
  /** A fixed port; default: a free one. */
  port?: number;
  /** Strings (secrets) replaced by `***` in the output kept for errors. */
  redact?: string[];
  timeoutMs?: number;
}

/** Starts `prism <command> <...args>` on a free port (or `port`) and resolves once it accepts connections. */
async function startPrism(command: "mock" | "proxy", args: string[], options: PrismOptions = {}): Promise<Prism> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(command, args, options);
    } catch (error) {
      // Another process may take the free port before Prism binds it: try another one.
      if (options.port !== undefined || attempt === 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function startOnce(
  command: string,
  args: string[],
  { port, redact = [], timeoutMs = 30_000 }: PrismOptions,
): Promise<Prism> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, [bin("prism"), command, "-h", HOST, "-p", String(chosen), ...args], {
    cwd: repoPath(""),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("prism did not start");
  // Keep the tail of the output for error messages; reading it also keeps the pipes from filling.
  let tail = "";
  const keep = (chunk: string) => {
    tail = (tail + chunk).slice(-8_000);
  };
  child.stdout.setEncoding("utf8").on("data", keep);
  child.stderr.setEncoding("utf8").on("data", keep);
  const output = () => redact.filter(Boolean).reduce((text, secret) => text.split(secret).join("***"), tail);
  let exited = false;
  const exit = once(child, "exit").then(() => {
    exited = true;
  });

  const stop = async () => {
    if (groupAlive(pid)) process.kill(-pid, "SIGTERM");
    const deadline = Date.now() + 5_000;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
    if (groupAlive(pid)) {
      process.kill(-pid, "SIGKILL");
      await sleep(200);
    }
    await Promise.race([exit, sleep(1_000)]);
    if (groupAlive(pid)) throw new Error(`Prism (process group ${pid}) survived SIGKILL`);
  };

  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(chosen))) {
    if (exited || Date.now() > deadline) {
      await stop();
      const why = exited ? `exited with code ${child.exitCode}` : `did not listen within ${timeoutMs} ms`;
      throw new Error(`prism ${command} on port ${chosen} ${why}. Output:\n${output()}`);
    }
    await sleep(50);
  }
  return { url: `http://${HOST}:${chosen}`, port: chosen, pid, output, stop };
}

/**
 * A private copy of a bundle (default generated/openapi.yaml), removed by `remove()`. Prism watches
 * its document and restarts when it changes; serving a copy keeps one spec for a whole run even if
 * generated/ is rebuilt meanwhile.
 */
export function snapshotBundle(spec = repoPath("generated/openapi.yaml")): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "prism-spec-"));
  const file = join(dir, "openapi.yaml");
  copyFileSync(spec, file);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `prism mock` of a snapshot of a bundle; `extra` adds CLI options (for example ["-d"]). */
export async function startMock(extra: string[] = [], options: PrismOptions & { spec?: string } = {}): Promise<Prism> {
  const snapshot = snapshotBundle(options.spec);
  try {
    const prism = await startPrism("mock", [snapshot.file, ...extra], options);
    return { ...prism, stop: () => prism.stop().finally(snapshot.remove) };
  } catch (error) {
    snapshot.remove();
    throw error;
  }
}
