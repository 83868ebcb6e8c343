/**
 * Running the starmap CLI as a real child process for the weights end-to-end tests.
 *
 * @module
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (where main.ts is). */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

/** The outcome of a CLI run. */
export interface CliResult {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** Environment for a run: an isolated home/config, the models dir and the registry. */
export function cliEnv(
  modelsDir: string,
  registry?: string,
  home = `${modelsDir}-home`,
): Record<string, string> {
  return {
    HOME: home,
    XDG_CONFIG_HOME: `${home}/config`,
    STARMAP_MODELS_DIR: modelsDir,
    NO_COLOR: "1",
    ...(registry ? { STARMAP_REGISTRY_URL: registry } : {}),
  };
}

/** Starts `deno run -A main.ts …args` (stdin closed). */
export function spawnCli(args: string[], env: Record<string, string>): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", "main.ts", ...args],
    cwd: ROOT,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Waits for a started CLI and decodes its output. */
export async function finish(child: Deno.ChildProcess): Promise<CliResult> {
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return finish(spawnCli(args, env));
}

/** Waits until a pull's journal in the models directory `data` records a verified chunk: the download is under way. */
export async function pullStarted(data: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    for (const name of await readdir(join(data, ".staging")).catch(() => [] as string[])) {
      const journal = await readFile(join(data, ".staging", name, "journal"), "utf8").catch(() => "");
      if (journal.includes('{"c":')) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the pull did not start");
}
