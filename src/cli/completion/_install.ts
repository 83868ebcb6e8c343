/**
 * `starmap completion install|uninstall`: puts the current shell's script where that shell loads it, and
 * takes it away again. Only a marked block is ever added to (or removed from) a startup file.
 *
 * @module
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { StarmapError } from "../../errors.ts";
import { completionScript, type Shell, SHELLS } from "./_scripts.ts";

/** What install needs of the environment. */
export interface InstallEnv {
  /** Reads an environment variable. */
  env(name: string): string | undefined;
  /** The operating system (`windows` chooses PowerShell's Windows profile). */
  os: string;
}

/** Where a shell's script goes, and the startup file that loads it (if the shell does not load it alone). */
export interface Placement {
  /** The shell. */
  shell: Shell;
  /** The script file. */
  script: string;
  /** The startup file that gets a marked block, if any. */
  rc?: string;
  /** The lines of the marked block. */
  block?: string;
}

const BEGIN = "# >>> starmap completion >>>";
const END = "# <<< starmap completion <<<";

/** The shell to install for: the one named, else the login shell (`$SHELL`), else PowerShell when it runs us. */
export function detectShell(env: InstallEnv["env"], named?: string): Shell {
  const candidate = named ?? env("SHELL")?.split(/[\\/]/).pop()?.replace(/\.exe$/, "") ??
    (env("PSModulePath") ? "powershell" : undefined);
  const shell = candidate === "pwsh" ? "powershell" : candidate;
  const known = SHELLS.find((s) => s === shell);
  if (known) return known;
  throw new StarmapError("invalid", `cannot install completion for shell "${shell ?? "unknown"}"`, {
    hint: `name one: starmap completion install ${SHELLS.join("|")}`,
  });
}

/** Where each shell's script goes under a home directory. */
export function placement(shell: Shell, ie: InstallEnv, name: string): Placement {
  const home = ie.env("HOME") ?? ie.env("USERPROFILE");
  if (!home) throw new StarmapError("invalid", "cannot find the home directory (HOME is not set)");
  const data = ie.env("XDG_DATA_HOME") || join(home, ".local", "share");
  const config = ie.env("XDG_CONFIG_HOME") || join(home, ".config");
  if (shell === "fish") return { shell, script: join(config, "fish", "completions", `${name}.fish`) };
  if (shell === "bash") {
    const script = join(data, "bash-completion", "completions", name);
    return { shell, script, rc: join(home, ".bashrc"), block: `[ -f "${script}" ] && . "${script}"` };
  }
  if (shell === "zsh") {
    const dir = join(data, "zsh", "site-functions");
    const rc = join(ie.env("ZDOTDIR") || home, ".zshrc");
    const block = `fpath=("${dir}" $fpath)\nautoload -Uz compinit && compinit`;
    return { shell, script: join(dir, `_${name}`), rc, block };
  }
  const profileDir = ie.os === "windows" ? join(home, "Documents", "PowerShell") : join(config, "powershell");
  const script = join(profileDir, `${name}-completion.ps1`);
  return {
    shell,
    script,
    rc: join(profileDir, "Microsoft.PowerShell_profile.ps1"),
    block: `. "${script}"`,
  };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return "";
    throw error;
  }
}

function withoutBlock(text: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return text;
  return `${text.slice(0, start).replace(/\n+$/, "\n")}${text.slice(end + END.length).replace(/^\n/, "")}`;
}

/** Writes the script and the startup block (replacing an earlier one). Returns what was written. */
export async function install(p: Placement, name: string): Promise<string[]> {
  await mkdir(dirname(p.script), { recursive: true });
  await writeFile(p.script, completionScript(p.shell, name));
  const written = [p.script];
  if (p.rc && p.block) {
    const before = withoutBlock(await readText(p.rc));
    const sep = before === "" || before.endsWith("\n") ? "" : "\n";
    await mkdir(dirname(p.rc), { recursive: true });
    await writeFile(p.rc, `${before}${sep}${BEGIN}\n${p.block}\n${END}\n`);
    written.push(p.rc);
  }
  return written;
}

/** Removes the script and the startup block. Returns what was changed. */
export async function uninstall(p: Placement): Promise<string[]> {
  const changed: string[] = [];
  const had = (await readText(p.script)) !== "";
  await rm(p.script, { force: true });
  if (had) changed.push(p.script);
  if (p.rc) {
    const text = await readText(p.rc);
    const after = withoutBlock(text);
    if (after !== text) {
      await writeFile(p.rc, after);
      changed.push(p.rc);
    }
  }
  return changed;
}
