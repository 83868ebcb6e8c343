/**
 * The one place that maps errors to exit codes and messages (the table of ARCHITECTURE.md).
 *
 * @module
 */
import { CommanderError } from "commander";
import { type ErrorKind, StarmapError } from "../errors.ts";
import type { StopSignal } from "../runtime/mod.ts";
import { Interrupted } from "./_interrupted.ts";

/** Exit codes of the CLI. */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  invalid: 2,
  notFound: 3,
  notInstalled: 4,
  network: 5,
  verification: 6,
  storage: 7,
  /** Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it. */
  interrupted: 130,
  /** Stopped by SIGTERM: 128 + 15. */
  terminated: 143,
} as const;

const bySignal: Record<StopSignal, number> = {
  SIGINT: ExitCode.interrupted,
  SIGTERM: ExitCode.terminated,
};

const byKind: Record<ErrorKind, number> = {
  unexpected: ExitCode.unexpected,
  invalid: ExitCode.invalid,
  permission: ExitCode.invalid,
  not_found: ExitCode.notFound,
  not_installed: ExitCode.notInstalled,
  network: ExitCode.network,
  verification: ExitCode.verification,
  storage: ExitCode.storage,
};

/** An error turned into what the user sees: the exit code and the lines for stderr. */
export interface ExitReport {
  /** The process exit code. */
  code: number;
  /** The message for stderr, newline-terminated; empty when commander already printed it. */
  message: string;
}

function permissionMessage(error: Error): string {
  const flag = /--allow-[a-z]+/.exec(error.message)?.[0];
  return `${error.message.replace(/, run again with the --allow-[a-z]+ flag/, "")}` +
    (flag ? `\nhint: grant it with ${flag} (e.g. deno run ${flag} …)` : "");
}

/** The runtime's missing-permission error in an error or its causes (a library may wrap it as a storage error). */
function deniedPermission(error: unknown): Error | undefined {
  for (
    let e = error, depth = 0;
    e !== undefined && depth < 6;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (e instanceof Error && (e.name === "NotCapable" || e.name === "PermissionDenied")) return e;
  }
  return undefined;
}

function causes(error: unknown): string {
  const lines: string[] = [];
  let cause = (error as { cause?: unknown }).cause;
  while (cause !== undefined && lines.length < 5) {
    lines.push(`  caused by: ${cause instanceof Error ? cause.message : String(cause)}`);
    cause = (cause as { cause?: unknown }).cause;
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** The reader of our output went away (`starmap models list | head`): stop quietly, as Unix tools do. */
function isBrokenPipe(error: unknown): boolean {
  const e = error as { code?: string; name?: string } | undefined;
  return e?.code === "EPIPE" || e?.name === "BrokenPipe";
}

/**
 * Maps any thrown value to an exit code and a message; `verbose` adds causes and stacks. `advice` (the CLI's
 * wording of a library error, see `_advice.ts`) replaces the library's neutral hint.
 */
export function reportError(error: unknown, verbose: boolean, advice?: string): ExitReport {
  if (error instanceof CommanderError) {
    const ok = error.code === "commander.helpDisplayed" || error.code === "commander.version" ||
      error.code === "commander.help";
    return { code: ok ? ExitCode.ok : ExitCode.invalid, message: "" };
  }
  if (isBrokenPipe(error)) return { code: ExitCode.ok, message: "" };
  if (error instanceof Interrupted) {
    const hint = error.hint ? `hint: ${error.hint}\n` : "";
    const detail = verbose ? causes(error) : "";
    return { code: bySignal[error.signal], message: `starmap: ${error.message}\n${hint}${detail}` };
  }
  const denied = deniedPermission(error);
  if (denied) return { code: ExitCode.invalid, message: `starmap: ${permissionMessage(denied)}\n` };
  if (error instanceof StarmapError) {
    const said = advice ?? error.hint;
    const hint = said ? `hint: ${said}\n` : "";
    const detail = verbose ? causes(error) : "";
    return { code: byKind[error.kind], message: `starmap: ${error.message}\n${hint}${detail}` };
  }
  const text = error instanceof Error
    ? (verbose ? error.stack ?? error.message : error.message)
    : String(error);
  return {
    code: ExitCode.unexpected,
    message: `starmap: unexpected error: ${text}\n${verbose ? "" : "hint: run with -v for details\n"}`,
  };
}
