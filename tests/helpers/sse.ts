/**
 * Shared helpers of the event-stream tests: a bounded wait and an SSE reader.
 *
 * @module
 */
import assert from "node:assert/strict";

/** Waits (bounded) until a condition holds; the checks after it are the assertions. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), what);
}

export interface SseEvent {
  id?: number;
  type: string;
  data: unknown;
}

/** An SSE reader over a response that keeps its buffer between calls. */
/** What {@link sseReader} returns. */
export interface SseReader {
  /** Every event read so far. */
  events: SseEvent[];
  /** The underlying reader (cancel it to close the stream). */
  reader: ReadableStreamDefaultReader<string>;
  /** Reads until an event of `type` arrives; false when the stream ended first. */
  until(type: string): Promise<boolean>;
}

export function sseReader(res: Response): SseReader {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const events: SseEvent[] = [];
  return {
    events,
    reader,
    /** Reads until an event of `type` arrives; false when the stream ended first. */
    async until(type: string): Promise<boolean> {
      for (;;) {
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) {
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            events.push({ ...(id ? { id: Number(id) } : {}), type: name, data: JSON.parse(data) });
            if (name === type) return true;
          }
        }
        const { value, done } = await reader.read();
        if (done) return false;
        buffer += value;
      }
    },
  };
}
