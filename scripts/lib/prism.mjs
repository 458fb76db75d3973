// Starts and stops Prism (`prism mock` or `prism proxy`) from node_modules, on loopback.
//
// Prism runs in its own process group (spawned detached), so stopping it ends every process it
// started. Used by the contract tests' global setup, scripts/load.mjs and scripts/contract-live.mjs.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { createServer, connect } from "node:net";
import { fileURLToPath } from "node:url";
import { ROOT } from "./spec.mjs";

export const HOST = "127.0.0.1";
export const PRISM_BIN = fileURLToPath(new URL("node_modules/.bin/prism", ROOT));
export const BUNDLE = fileURLToPath(new URL("generated/openapi.yaml", ROOT));

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export async function freePort() {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/** Whether any process of the group led by `pid` is still alive. */
export function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    if (error.code === "ESRCH") return false;
    throw error;
  }
}

/**
 * Starts `prism <command> <...args>` on a free port (or `port`) and resolves once it accepts
 * connections. `redact` lists strings (secrets) replaced by `***` in the output kept for errors.
 * Resolves to { url, port, pid, output(), stop() }; stop() ends the whole process group and
 * rejects if any process of it survives.
 */
export async function startPrism(command, args, options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(command, args, options);
    } catch (error) {
      // Another process may take the free port before Prism binds it: try another one.
      if (options.port !== undefined || attempt === 3 || !/EADDRINUSE/.test(error.message)) throw error;
    }
  }
}

async function startOnce(command, args, { port, redact = [], timeoutMs = 30_000 }) {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, [PRISM_BIN, command, "-h", HOST, "-p", String(chosen), ...args], {
    cwd: fileURLToPath(ROOT),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Keep the tail of the output for error messages; reading it also keeps the pipes from filling.
  let tail = "";
  const keep = (chunk) => { tail = (tail + chunk).slice(-8_000); };
  child.stdout.setEncoding("utf8").on("data", keep);
  child.stderr.setEncoding("utf8").on("data", keep);
  const output = () => redact.filter(Boolean).reduce((text, secret) => text.split(secret).join("***"), tail);
  let exited = false;
  const exit = once(child, "exit").then(() => { exited = true; });

  const stop = async () => {
    if (groupAlive(child.pid)) process.kill(-child.pid, "SIGTERM");
    const deadline = Date.now() + 5_000;
    while (groupAlive(child.pid) && Date.now() < deadline) await sleep(50);
    if (groupAlive(child.pid)) {
      process.kill(-child.pid, "SIGKILL");
      await sleep(200);
    }
    await Promise.race([exit, sleep(1_000)]);
    if (groupAlive(child.pid)) throw new Error(`Prism (process group ${child.pid}) survived SIGKILL`);
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
  return { url: `http://${HOST}:${chosen}`, port: chosen, pid: child.pid, output, stop };
}

/**
 * A private copy of the bundle, removed by `remove()`. Prism watches its document and restarts
 * when it changes; serving a copy keeps one spec for a whole run even if generated/ is rebuilt.
 */
export function snapshotBundle() {
  const dir = mkdtempSync(join(tmpdir(), "prism-spec-"));
  const file = join(dir, "openapi.yaml");
  copyFileSync(BUNDLE, file);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `prism mock` of a snapshot of the bundled spec; `extra` adds CLI options (for example ["-d"]). */
export async function startMock(extra = [], options = {}) {
  const snapshot = snapshotBundle();
  try {
    const prism = await startPrism("mock", [snapshot.file, ...extra], options);
    return { ...prism, stop: () => prism.stop().finally(snapshot.remove) };
  } catch (error) {
    snapshot.remove();
    throw error;
  }
}
