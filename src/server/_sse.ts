/**
 * Server-Sent Events over a broker subscription: a pull-based stream, so a client that stops reading leaves
 * events in its bounded queue (and is dropped when it fills) instead of in an unbounded buffer.
 *
 * @module
 */
import type { BrokerEvent, Subscription } from "./_broker.ts";

const encoder = new TextEncoder();

/** Encodes one event in SSE framing; multi-line data becomes several `data:` lines. */
export function encodeSse(event: BrokerEvent): string {
  const data = event.json.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join("\n");
  return `id: ${event.id}\nevent: ${event.type}\n${data}\n\n`;
}

/**
 * A response body streaming a subscription's events, starting with `first` (the `ready` event, then any events a
 * resuming client missed). The subscription closes as soon as the runtime cancels the body (the client went
 * away), so nothing stays registered.
 */
export function sseStream(sub: Subscription, first: readonly BrokerEvent[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`retry: 3000\n\n${first.map(encodeSse).join("")}`));
    },
    async pull(controller) {
      const event = await sub.next();
      if (event) return controller.enqueue(encoder.encode(encodeSse(event)));
      try {
        controller.close();
      } catch {
        // already cancelled by the client
      }
    },
    cancel() {
      sub.close("client");
    },
  }, { highWaterMark: 0 });
}
