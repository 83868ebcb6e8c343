/**
 * The only place that touches Deno, Bun or `process`: arguments, environment, permissions, terminals, exit.
 *
 * @module
 */
import { writeSync } from "node:fs";
import process from "node:process";

interface DenoPermissions {
  querySync(desc: { name: string; variable?: string; path?: string; command?: string }): { state: string };
}
interface DenoLike {
  permissions: DenoPermissions;
  build: { os: string; arch: string };
  version: { deno: string };
  stdout: { isTerminal(): boolean; writeSync(b: Uint8Array): number };
  stderr: { isTerminal(): boolean; writeSync(b: Uint8Array): number };
  stdin: { isTerminal(): boolean };
  consoleSize(): { columns: number; rows: number };
  execPath(): string;
  mainModule: string;
}

const deno = (globalThis as { Deno?: DenoLike }).Deno;
const bun = (globalThis as { Bun?: { version: string } }).Bun;

/** Which JavaScript runtime is running starmap. */
export type RuntimeName = "deno" | "bun" | "node";

/** The runtime running starmap. */
export const runtimeName: RuntimeName = deno ? "deno" : bun ? "bun" : "node";

/** The runtime's version string, e.g. `deno 2.9.6`. */
export function runtimeVersion(): string {
  if (deno) return `deno ${deno.version.deno}`;
  if (bun) return `bun ${bun.version}`;
  return `node ${process.version}`;
}

/** The operating system: `linux`, `darwin` or `windows`. */
export function osName(): string {
  if (deno) return deno.build.os;
  return process.platform === "win32" ? "windows" : process.platform;
}

/** The CPU architecture: `x86_64` or `aarch64`. */
export function archName(): string {
  if (deno) return deno.build.arch;
  return process.arch === "x64" ? "x86_64" : process.arch === "arm64" ? "aarch64" : process.arch;
}

/** A permission starmap may need; only Deno has them, elsewhere everything is granted. */
export type Permission = "read" | "write" | "env" | "net" | "run" | "sys";

/**
 * Tells whether a permission is granted, without prompting. Under Deno a permission that would prompt
 * counts as not granted, so starmap never blocks on Deno's interactive prompt.
 */
export function hasPermission(name: Permission, target?: string): boolean {
  if (!deno) return true;
  const desc: { name: string; variable?: string; path?: string; command?: string } = { name };
  if (target !== undefined) {
    if (name === "env") desc.variable = target;
    else if (name === "read" || name === "write") desc.path = target;
    else if (name === "run") desc.command = target;
  }
  try {
    return deno.permissions.querySync(desc).state === "granted";
  } catch {
    return false;
  }
}

/** The command-line arguments after the program name. */
export function args(): string[] {
  return process.argv.slice(2);
}

/** Reads an environment variable; `undefined` when it is unset or when env access is not granted. */
export function env(name: string): string | undefined {
  if (!hasPermission("env", name)) return undefined;
  return process.env[name];
}

/** The current working directory, or `undefined` when reading it is not granted. */
export function cwd(): string | undefined {
  if (!hasPermission("read")) return undefined;
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
}

/** Which standard stream. */
export type Stream = "stdout" | "stderr";

/**
 * Bun's native isatty. `process.stdout.isTTY` would build the stream object first, which costs Bun about 15 ms per
 * stream at every start; `undefined` when the binding is not there.
 */
function bunIsatty(fd: number): boolean | undefined {
  if (!bun) return undefined;
  try {
    const binding = (process as unknown as { binding(name: string): { isTTY(fd: number): boolean } })
      .binding("tty_wrap");
    return binding.isTTY(fd);
  } catch {
    return undefined;
  }
}

/** Tells whether a standard stream is a terminal. */
export function isTerminal(stream: Stream | "stdin"): boolean {
  if (deno) {
    if (stream === "stdin") return deno.stdin.isTerminal();
    return deno[stream].isTerminal();
  }
  const quick = bunIsatty(stream === "stdin" ? 0 : stream === "stdout" ? 1 : 2);
  if (quick !== undefined) return quick;
  const s = stream === "stdin" ? process.stdin : process[stream];
  return Boolean((s as { isTTY?: boolean }).isTTY);
}

/** The terminal width in columns, or `undefined` when the stream is not a terminal. */
export function terminalColumns(): number | undefined {
  if (deno) {
    try {
      return deno.consoleSize().columns;
    } catch {
      return undefined;
    }
  }
  return process.stdout.columns;
}

const encoder = new TextEncoder();

/** Writes text to a standard stream synchronously, so output is complete before the process exits. */
export function write(stream: Stream, text: string): void {
  if (deno) {
    const bytes = encoder.encode(text);
    let offset = 0;
    while (offset < bytes.length) offset += deno[stream].writeSync(bytes.subarray(offset));
    return;
  }
  const bytes = encoder.encode(text);
  const fd = stream === "stdout" ? 1 : 2;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      // Bun and Node leave pipes non-blocking: wait for the reader to drain instead of losing output.
      if ((error as { code?: string }).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Ends the process with an exit code. Only `main.ts` calls this. */
export function exit(code: number): never {
  process.exit(code);
}
