/**
 * The CLI as a process, without the library's exports: what compiled binaries start from, so that a run loads
 * the command definitions and the one command it runs, not the whole library.
 *
 * @module
 */
import { args, exit } from "../runtime/mod.ts";
import { processIO } from "./_io.ts";
import { run } from "./_program.ts";

/** Runs the CLI over the process's arguments and streams, then exits with its code. */
export async function main(): Promise<void> {
  exit(await run(args(), processIO()));
}

if (import.meta.main) await main();
