/**
 * The WebSocket event stream: each broker event is sent as one JSON message `{id, type, data}`. A client that
 * reconnects with `?since=<id>` (the last id it saw) gets the events it missed after `ready`, as SSE's
 * `Last-Event-ID` does.
 *
 * @module
 */
import type { UpgradeWebSocket, WSContext, WSEvents } from "hono/ws";
import type { Broker, BrokerEvent, Subscription } from "./_broker.ts";

/**
 * The runtime's WebSocket upgrade helper (`upgradeWebSocket` from `hono/deno` or `hono/bun`), passed in by
 * `src/runtime/_serve.ts`. Declared loosely because hono's types are not part of starmap's public API.
 */
export type WebSocketUpgrader = (...args: never[]) => unknown;

/** The upgrade helper with hono's type, as the app uses it. */
export function honoUpgrader(upgrader: WebSocketUpgrader): UpgradeWebSocket {
  return upgrader as unknown as UpgradeWebSocket;
}

/** Bytes a socket may have unsent before its client counts as slow and is dropped. */
const MAX_BUFFERED = 1 << 20;

function message(event: BrokerEvent): string {
  return `{"id":${event.id},"type":${JSON.stringify(event.type)},"data":${event.json}}`;
}

async function pump(sub: Subscription, ws: WSContext): Promise<void> {
  for (;;) {
    const event = await sub.next();
    if (!event) break;
    if (ws.readyState !== 1) return sub.close("client");
    ws.send(message(event));
    const buffered = (ws.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount ?? 0;
    if (buffered > MAX_BUFFERED) sub.close("slow");
  }
  if (ws.readyState === 1) {
    ws.close(sub.closeReason === "slow" ? 1008 : 1001, sub.closeReason === "slow" ? "too slow" : "closing");
  }
}

/**
 * The WebSocket event handlers for one connection: subscribe on open (counted against `client`'s stream limit),
 * send `first()` (made after subscribing: `ready`, then what a resuming client missed), unsubscribe on close.
 */
export function eventSocket(broker: Broker, client: string, first: () => readonly BrokerEvent[]): WSEvents {
  let sub: Subscription | undefined;
  return {
    onOpen(_event, ws) {
      try {
        sub = broker.subscribe(client);
      } catch {
        // the limit was reached between the handshake's check and now
        return ws.close(1013, "too many streams");
      }
      for (const event of first()) ws.send(message(event));
      void pump(sub, ws);
    },
    onClose() {
      sub?.close("client");
    },
    onError() {
      sub?.close("client");
    },
  };
}
