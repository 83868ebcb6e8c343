/**
 * An idle watchdog for streamed bodies: a large body may take as long as it needs while data keeps coming.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { redactUrl } from "./_redact.ts";

/** A running watchdog: its signal aborts once no data came for the limit. */
export interface StallWatch {
  /** Aborted with a `network` error when the body stalls. */
  signal: AbortSignal;
  /** Data arrived. */
  touch(): void;
  /** The body ended: stop watching. */
  stop(): void;
}

/** Starts a watchdog that aborts its signal when no data came for `stallMs`. */
export function stallWatch(stallMs: number, source: string, url: string): StallWatch {
  const controller = new AbortController();
  let last = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - last < stallMs) return;
    clearInterval(timer);
    controller.abort(
      new StarmapError(
        "network",
        `cannot fetch source "${source}": no data for ${stallMs} ms from ${redactUrl(url)}`,
      ),
    );
  }, Math.max(10, Math.min(1000, stallMs / 4)));
  return {
    signal: controller.signal,
    touch: () => last = Date.now(),
    stop: () => clearInterval(timer),
  };
}
