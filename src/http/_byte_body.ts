/**
 * A streamed body as a byte stream: readers may bring their own buffer (BYOB), so a large download reuses one
 * buffer instead of allocating a piece per read, with the size cap and the idle limit applied as it is read.
 *
 * @module
 */
import type { StallWatch } from "./_stall.ts";

/** What {@link byteBody} enforces. */
export interface ByteBodyLimits {
  /** The largest body accepted, in bytes. */
  cap: number;
  /** The error to raise past the cap. */
  tooLarge: () => Error;
  /** The idle watchdog (touched on every read, stopped at the end). */
  idle: StallWatch;
  /** Called once when the body ends, fails or is cancelled. */
  done: () => void;
}

type Reader = {
  read(into: Uint8Array): Promise<{ done: boolean; value: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
};

function reader(raw: ReadableStream<Uint8Array>): Reader {
  try {
    const reader = raw.getReader({ mode: "byob" });
    return {
      async read(into) {
        const { done, value } = await reader.read(into as Uint8Array<ArrayBuffer>);
        return { done, value };
      },
      cancel: (reason) => reader.cancel(reason),
    };
  } catch {
    const reader = raw.getReader();
    let rest: Uint8Array | undefined;
    return {
      async read(into) {
        if (!rest?.length) {
          const { done, value } = await reader.read();
          if (done) return { done: true, value: undefined };
          rest = value;
        }
        const n = Math.min(into.length, rest.length);
        into.set(rest.subarray(0, n));
        rest = rest.subarray(n);
        return { done: false, value: into.subarray(0, n) };
      },
      cancel: (reason) => reader.cancel(reason),
    };
  }
}

/** Wraps a response body as a byte stream that enforces `limits` while it is read. */
export function byteBody(
  raw: ReadableStream<Uint8Array>,
  limits: ByteBodyLimits,
): ReadableStream<Uint8Array> {
  const from = reader(raw);
  let size = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    limits.idle.stop();
    limits.done();
  };
  const source: UnderlyingByteSource = {
    type: "bytes",
    autoAllocateChunkSize: 64 * 1024,
    start(controller: ReadableByteStreamController) {
      limits.idle.signal.addEventListener("abort", () => {
        finish();
        controller.error(limits.idle.signal.reason);
        from.cancel(limits.idle.signal.reason).catch(() => {});
      }, { once: true });
    },
    async pull(controller: ReadableByteStreamController) {
      const request = controller.byobRequest!;
      const view = request.view as Uint8Array;
      let result: { done: boolean; value: Uint8Array | undefined };
      try {
        result = await from.read(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      } catch (error) {
        finish();
        throw error;
      }
      if (finished) return;
      const got = result.value;
      if (result.done || !got) {
        finish();
        controller.close();
        if (got && got.buffer !== view.buffer) request.respondWithNewView(got as Uint8Array<ArrayBuffer>);
        else request.respond(0);
        return;
      }
      limits.idle.touch();
      size += got.length;
      if (size > limits.cap) {
        finish();
        await from.cancel().catch(() => {});
        throw limits.tooLarge();
      }
      request.respondWithNewView(got as Uint8Array<ArrayBuffer>);
    },
    cancel(reason) {
      finish();
      return from.cancel(reason);
    },
  };
  return new ReadableStream(source) as ReadableStream<Uint8Array>;
}
