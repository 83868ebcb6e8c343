/**
 * Runs the starmap CLI as a real process for end-to-end tests.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { isolatedDirs } from "./child_env.ts";

/** The project root. */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

/** The result of a CLI run. */
export interface CliResult {
  /** The exit code. */
  code: number;
  /** Everything written to stdout. */
  stdout: string;
  /** Everything written to stderr. */
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  /** Extra environment variables; the child gets only these, PATH and a temporary HOME (unless given). */
  env?: Record<string, string>;
  /** Deno permission flags. @default ["-A"] */
  permissions?: string[];
  /** Working directory. @default the project root */
  cwd?: string;
  /** Text for stdin. */
  stdin?: string;
}

/** Runs `deno run <permissions> main.ts <args>` and collects its output. */
export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const home = options.env?.HOME ?? await Deno.makeTempDir({ prefix: "starmap-home-" });
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...(options.permissions ?? ["-A"]), `${ROOT}main.ts`, ...args],
    cwd: options.cwd ?? ROOT,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: home,
      ...isolatedDirs(home),
      ...options.env,
    },
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = cmd.spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const out = await child.output();
  if (!options.env?.HOME) await Deno.remove(home, { recursive: true });
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
