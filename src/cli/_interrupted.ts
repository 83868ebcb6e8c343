/**
 * The error a command throws when a stop signal (Ctrl-C, termination) ended its work early. It is not a failure:
 * the exit code is the signal's conventional one (see _exit_codes.ts).
 *
 * @module
 */
import type { StopSignal } from "../runtime/mod.ts";

/** Options of {@link Interrupted}. */
export interface InterruptedOptions {
  /** What the signal interrupted (the abort error, usually). */
  cause?: unknown;
  /** How to resume or finish the work. */
  hint?: string;
}

/** A command stopped by a signal; `hint` says how to resume. */
export class Interrupted extends Error {
  /** The signal that stopped the command. */
  readonly signal: StopSignal;
  /** How to resume or finish the work. */
  readonly hint: string | undefined;

  /** Makes the error for `signal`. */
  constructor(signal: StopSignal, options: InterruptedOptions = {}) {
    super(`interrupted by ${signal}`, { cause: options.cause });
    this.name = "Interrupted";
    this.signal = signal;
    this.hint = options.hint;
  }
}
