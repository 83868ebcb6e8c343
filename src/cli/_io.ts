/**
 * What a command may touch of the outside world, gathered in one object so commands can run in-process in tests.
 *
 * @module
 */
import * as rt from "../runtime/mod.ts";
import { page, terminalRows } from "../runtime/mod.ts";

/** The streams, terminal facts and environment a CLI run uses. */
export interface CliIO {
  /** Writes data to stdout. */
  out(text: string): void;
  /** Writes diagnostics and progress to stderr. */
  err(text: string): void;
  /** Whether stdout is a terminal. */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal. */
  stderrIsTTY: boolean;
  /** Whether stdin is a terminal (prompts need it). */
  stdinIsTTY: boolean;
  /** The terminal width, when stdout is a terminal. */
  columns: number | undefined;
  /** The terminal height, when stdout is a terminal. */
  rows?: number | undefined;
  /** Reads an environment variable (undefined when unset or not permitted). */
  env(name: string): string | undefined;
  /** Shows text through a pager command; false when the pager could not run (the caller then writes it). */
  page?(command: string, text: string): Promise<boolean>;
}

/** The real process's IO. */
export function processIO(): CliIO {
  const stdoutIsTTY = rt.isTerminal("stdout");
  return {
    out: (text) => rt.write("stdout", text),
    err: (text) => rt.write("stderr", text),
    stdoutIsTTY,
    stderrIsTTY: rt.isTerminal("stderr"),
    stdinIsTTY: rt.isTerminal("stdin"),
    columns: stdoutIsTTY ? rt.terminalColumns() : undefined,
    rows: stdoutIsTTY ? terminalRows() : undefined,
    env: rt.env,
    page,
  };
}
