// The response size limit (maxResponseBytes, after decompression) is enforced while the body
// streams: an endless body or a decompression bomb is stopped at the limit, with memory bounded,
// and a Content-Length over the limit is refused before anything is read.
import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type AppliveryClientOptions, AppliveryError, createAppliveryClient } from "../../src/index.js";
import { collectGarbage, memoryPeaks } from "../support/gc.js";
import { loopback } from "../support/loopback.js";
import { anOperation, argsOf, methodOf } from "../support/operation-cases.js";
import { rejection } from "../support/secrets.js";
import { type Reply, stubFetch } from "../support/stub-fetch.js";

const TOKEN = "s1ze-T0ken_0b7e";
const MiB = 1024 * 1024;
const first = anOperation();

const call = (options: Partial<AppliveryClientOptions>) =>
  methodOf(createAppliveryClient({ token: TOKEN, retry: false, ...options }), first.operationId)(argsOf(first));

async function tooLarge(promise: Promise<unknown>, limit: number): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppliveryError);
  expect(error).toMatchObject({ kind: "response", operation: first.operationId });
  expect((error as Error).message).toContain(`larger than maxResponseBytes (${limit} bytes)`);
}

/** Writes `chunk` again and again, respecting backpressure, until `total` bytes or the client goes away. */
function stream(res: ServerResponse, chunk: Buffer, total: number, sent: { bytes: number }): void {
  const next = () => {
    while (sent.bytes < total && !res.destroyed) {
      sent.bytes += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", next);
    }
    if (!res.destroyed) res.end();
  };
  res.on("close", () => {});
  next();
}

describe("while the body streams", () => {
  it("an endless body (200 MB offered) is stopped at 1 MiB; memory grows far less than what was offered", async () => {
    const offered = 200 * MiB;
    const sent = { bytes: 0 };
    const server = await loopback((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"status":true,"data":"');
      stream(res, Buffer.alloc(64 * 1024, "x"), offered, sent);
    });
    const gc = collectGarbage();
    gc();
    const before = process.memoryUsage();
    const stop = memoryPeaks();
    await tooLarge(call({ baseUrl: server.url, maxResponseBytes: MiB }), MiB);
    const peak = stop();
    expect(peak.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * MiB);
    expect(peak.rss - before.rss).toBeLessThan(128 * MiB);
    expect(sent.bytes).toBeLessThan(offered / 2);
  });

  it("a gzip body inflating to 2 GiB (2 MB on the wire) is stopped at the limit without inflating it all", async () => {
    const member = gzipSync(Buffer.alloc(16 * MiB));
    const members = 128; // 128 × 16 MiB = 2 GiB once inflated
    const sent = { bytes: 0 };
    const server = await loopback((_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      stream(res, member, member.length * members, sent);
    });
    const gc = collectGarbage();
    gc();
    const before = process.memoryUsage();
    const stop = memoryPeaks();
    await tooLarge(call({ baseUrl: server.url, maxResponseBytes: MiB }), MiB);
    const peak = stop();
    expect(member.length * members).toBeLessThan(4 * MiB);
    expect(peak.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * MiB);
    expect(peak.rss - before.rss).toBeLessThan(256 * MiB);
  });

  it("counts bytes as they arrive: a body exactly at the limit is read, one byte more is refused", async () => {
    // 23 + 37 × 2 + 1 + 2 = 100 bytes, with two-byte characters split across chunks.
    const data = `${"é".repeat(37)}x`;
    const exact = `{"status":true,"data":"${data}"}`;
    expect(Buffer.byteLength(exact)).toBe(100);
    const oneByteChunks =
      (text: string): Reply =>
      () => {
        const bytes = new TextEncoder().encode(text);
        let i = 0;
        return new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (i < bytes.length) controller.enqueue(bytes.slice(i, ++i));
              else controller.close();
            },
          }),
        );
      };
    const stub = stubFetch(oneByteChunks(exact), oneByteChunks(`${exact} `));
    await expect(call({ fetch: stub.fetch, maxResponseBytes: 100 })).resolves.toBe(data);
    await tooLarge(call({ fetch: stub.fetch, maxResponseBytes: 100 }), 100);
  });

  it("a body over the limit whose cancel never settles (a clone's) is refused without waiting for it", async () => {
    const original = new Response(`{"status":true,"data":"${"x".repeat(2000)}"}`);
    const stub = stubFetch(() => original.clone());
    await tooLarge(call({ fetch: stub.fetch, maxResponseBytes: 1000, timeoutMs: 2 ** 31 - 1 }), 1000);
  });
});

describe("Content-Length", () => {
  it("over the limit is refused before reading: a server that never sends the body does not hold the call", async () => {
    const server = await loopback((_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(2 * MiB) });
      res.write("{");
    });
    await tooLarge(call({ baseUrl: server.url, maxResponseBytes: MiB }), MiB);
  });

  it("over the limit is refused before reading, and the body is cancelled (stub fetch)", async () => {
    let pulled = 0;
    let cancelled = false;
    const stub = stubFetch(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull() {
              pulled++;
              return new Promise(() => {});
            },
            cancel() {
              cancelled = true;
            },
          }),
          { headers: { "content-length": "5000" } },
        ),
    );
    await tooLarge(call({ fetch: stub.fetch, maxResponseBytes: 4999, timeoutMs: 2 ** 31 - 1 }), 4999);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("at the limit is read", async () => {
    const body = '{"status":true,"data":7}';
    const stub = stubFetch(() => new Response(body, { headers: { "content-length": String(body.length) } }));
    await expect(call({ fetch: stub.fetch, maxResponseBytes: body.length })).resolves.toBe(7);
  });
});
