// Reading a response body with a size limit enforced while it streams, so an endless or
// decompression-bomb body never grows the process past the limit.

/** Thrown when a body is larger than the limit; the transport turns it into an AppliveryError. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the response body is larger than maxResponseBytes (${limit} bytes)`);
  }
}

/**
 * Drops a body without waiting: cancelling a stream can take as long as its source likes, and the
 * caller's answer must not wait for it.
 */
export function discard(body: ReadableStream<Uint8Array> | ReadableStreamDefaultReader<Uint8Array> | null): void {
  body?.cancel().catch(() => {});
}

/** The body's bytes, at most `limit` after decompression. */
export async function readBytes(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  // A Content-Length is the encoded size; over the limit it is refused before reading anything.
  if (response.body && Number.isFinite(declared) && declared > limit && !response.headers.has("content-encoding")) {
    discard(response.body);
    throw new BodyTooLarge(limit);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      discard(reader);
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  // Most bodies arrive in one chunk: kept as it is, without a copy.
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
