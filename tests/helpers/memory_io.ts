/**
 * An in-memory CliIO for running the CLI in-process: what it writes is collected, the terminal is whatever
 * the test says.
 *
 * @module
 */
import type { CliIO } from "../../src/cli/_io.ts";

/** A CliIO that collects stdout and stderr; `tty` makes stdout a terminal of that size. */
export function memoryIO(
  env: Record<string, string> = {},
  tty?: { columns: number; rows: number; pager?: (command: string, text: string) => Promise<boolean> },
): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    stdoutIsTTY: tty !== undefined,
    stderrIsTTY: false,
    stdinIsTTY: false,
    columns: tty?.columns,
    rows: tty?.rows,
    env: (name: string) => env[name],
    ...(tty?.pager ? { page: tty.pager } : {}),
  };
  return io;
}
