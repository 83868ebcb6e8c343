/**
 * Interrupt handling (Ctrl-C, termination) for every runtime.
 *
 * @module
 */
import process from "node:process";

/** A signal that asks the program to stop. */
export type StopSignal = "SIGINT" | "SIGTERM";

interface DenoSignals {
  addSignalListener(signal: string, handler: () => void): void;
  removeSignalListener(signal: string, handler: () => void): void;
  build: { os: string };
}

const deno = (globalThis as { Deno?: DenoSignals }).Deno;

/**
 * Calls `handler` when the process receives one of `signals`; returns a function that removes the handler.
 * SIGTERM is not listened to on Windows, which does not deliver it.
 */
export function onStopSignal(
  handler: (signal: StopSignal) => void,
  signals: readonly StopSignal[] = ["SIGINT", "SIGTERM"],
): () => void {
  const removers: Array<() => void> = [];
  for (const signal of signals) {
    const fn = () => handler(signal);
    if (deno) {
      if (deno.build.os === "windows" && signal !== "SIGINT") continue;
      deno.addSignalListener(signal, fn);
      removers.push(() => deno.removeSignalListener(signal, fn));
    } else {
      process.on(signal, fn);
      removers.push(() => process.off(signal, fn));
    }
  }
  return () => {
    for (const remove of removers) remove();
  };
}
