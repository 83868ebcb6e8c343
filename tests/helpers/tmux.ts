/**
 * Real shells in a real pseudo-terminal: a private tmux server runs the shell, the test types keys and reads
 * the screen. Used by the completion tests, which press Tab as a user does.
 *
 * @module
 */
import { ROOT } from "./cli.ts";
import { isolatedDirs } from "./child_env.ts";

/** Whether a program is on PATH. */
export async function installed(program: string): Promise<boolean> {
  const out = await new Deno.Command("sh", { args: ["-c", `command -v ${program}`], stdout: "null" })
    .output();
  return out.success;
}

/**
 * Removes a shell's temporary home once its last child has let go: a shell torn down with its tmux server may
 * still be writing its history or state for a moment.
 */
export async function removeHome(home: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const removed = await Deno.remove(home, { recursive: true }).then(() => true, () => false);
    if (removed) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A temporary home with a `starmap` on PATH that runs this checkout's CLI. */
export async function starmapHome(): Promise<{ home: string; env: Record<string, string> }> {
  const home = await Deno.makeTempDir({ prefix: "starmap-shell-" });
  const bin = `${home}/bin`;
  await Deno.mkdir(bin);
  const wrapper = `#!/bin/sh\nexec "${Deno.execPath()}" run --quiet -A "${ROOT}main.ts" "$@"\n`;
  await Deno.writeTextFile(`${bin}/starmap`, wrapper, { mode: 0o755 });
  const env = {
    PATH: `${bin}:${Deno.env.get("PATH") ?? ""}`,
    HOME: home,
    TERM: "xterm-256color",
    ...isolatedDirs(home),
  };
  return { home, env };
}

/** One shell in a tmux session of its own server. */
export class Terminal {
  readonly #socket: string;
  readonly #env: Record<string, string>;

  private constructor(socket: string, env: Record<string, string>) {
    this.#socket = socket;
    this.#env = env;
  }

  /** Starts `command` (a shell) in a 160×40 terminal. */
  static async start(command: string[], env: Record<string, string>): Promise<Terminal> {
    const socket = `${env.HOME}/tmux.sock`;
    const t = new Terminal(socket, env);
    await t.#tmux(["new-session", "-d", "-x", "160", "-y", "40", "-s", "t", ...command]);
    return t;
  }

  async #tmux(args: string[]): Promise<string> {
    const out = await new Deno.Command("tmux", {
      args: ["-S", this.#socket, "-f", "/dev/null", ...args],
      env: this.#env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(`tmux ${args[0]}: ${new TextDecoder().decode(out.stderr)}`);
    return new TextDecoder().decode(out.stdout);
  }

  /** Types text literally, then presses the named keys (`Tab`, `Enter`, `C-u`). */
  async type(text: string, ...keys: string[]): Promise<void> {
    if (text) await this.#tmux(["send-keys", "-t", "t", "-l", text]);
    if (keys.length) await this.#tmux(["send-keys", "-t", "t", ...keys]);
  }

  /** The visible screen. */
  screen(): Promise<string> {
    return this.#tmux(["capture-pane", "-p", "-t", "t"]);
  }

  /** Waits until the screen matches, and returns it; throws with the screen after `ms`. */
  async waitFor(pattern: RegExp, ms = 20_000): Promise<string> {
    const end = Date.now() + ms;
    let screen = "";
    while (Date.now() < end) {
      screen = await this.screen();
      if (pattern.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`the screen never matched ${pattern}:\n${screen}`);
  }

  /** Stops the shell and its tmux server. */
  async close(): Promise<void> {
    await this.#tmux(["kill-server"]).catch(() => "");
  }
}
