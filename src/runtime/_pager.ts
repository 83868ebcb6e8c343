/**
 * Terminal height and the pager: long output on a terminal goes through a pager process, as git does.
 *
 * @module
 */
import { spawn } from "node:child_process";
import process from "node:process";
import { hasPermission } from "./_runtime.ts";

/** The terminal height in rows, or `undefined` when stdout is not a terminal. */
export function terminalRows(): number | undefined {
  const deno = (globalThis as { Deno?: { consoleSize(): { rows: number } } }).Deno;
  if (deno) {
    try {
      return deno.consoleSize().rows;
    } catch {
      return undefined;
    }
  }
  return process.stdout.rows;
}

/**
 * Pipes text through a pager command (`less -R`: the program, then its arguments, split on spaces), with
 * `LESS=FRX` unless the user set `LESS`. Resolves false, having shown nothing, when the pager cannot run
 * (not installed, or no permission to run it), so the caller writes the text itself.
 */
export function page(command: string, text: string): Promise<boolean> {
  const [program, ...args] = command.split(/\s+/).filter(Boolean);
  if (!program || !hasPermission("run", program)) return Promise.resolve(false);
  return new Promise((resolve) => {
    let started = false;
    const child = spawn(program, args, {
      stdio: ["pipe", "inherit", "inherit"],
      env: { ...process.env, LESS: process.env.LESS ?? "FRX" },
    });
    child.on("spawn", () => {
      started = true;
      child.stdin.on("error", () => {}); // the reader quit early (`q` in less): not an error
      child.stdin.end(text);
    });
    child.on("error", () => resolve(started));
    child.on("close", () => resolve(true));
  });
}
