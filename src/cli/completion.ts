/**
 * Shell completion scripts (bash, zsh, fish) generated from the command tree, so they never drift from it.
 *
 * @module
 */
import type { Command } from "commander";

/** A shell starmap can complete in. */
export type Shell = "bash" | "zsh" | "fish";

/** One command of the tree: its path, subcommands and option flags with descriptions. */
interface Node {
  path: string;
  subs: { name: string; description: string }[];
  flags: { flag: string; description: string }[];
}

function walk(cmd: Command, path: string, inherited: Node["flags"], out: Node[]): void {
  const own = cmd.options.filter((o) => !o.hidden).flatMap((o) =>
    [o.short, o.long].filter((f): f is string => Boolean(f)).map((flag) => ({
      flag,
      description: o.description,
    }))
  );
  const flags = [...inherited, ...own, { flag: "--help", description: "show help" }];
  const subs = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
  out.push({ path, subs: subs.map((c) => ({ name: c.name(), description: c.description() })), flags });
  const pass = path === "" ? own : inherited;
  for (const c of subs) walk(c, path ? `${path} ${c.name()}` : c.name(), pass, out);
}

function nodes(program: Command): Node[] {
  const out: Node[] = [];
  walk(program, "", [], out);
  return out;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function caseTable(fn: string, list: Node[], pick: (n: Node) => string[]): string {
  const arms = list.map((n) => `    ${q(n.path)}) echo ${q(pick(n).join(" "))} ;;`).join("\n");
  return `${fn}() {\n  case "$1" in\n${arms}\n  esac\n}`;
}

function bash(list: Node[], name: string): string {
  return `# ${name} completion for bash: source <(${name} completion bash)
${caseTable(`_${name}_subs`, list, (n) => n.subs.map((s) => s.name))}
${caseTable(`_${name}_flags`, list, (n) => n.flags.map((f) => f.flag))}
_${name}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" w i subs
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in -*) continue ;; esac
    subs=" $(_${name}_subs "$path") "
    if [[ "$subs" == *" $w "* ]]; then path="\${path:+$path }$w"; fi
  done
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_${name}_flags "$path")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_${name}_subs "$path")" -- "$cur"))
  fi
}
complete -o default -F _${name} ${name}
`;
}

function zsh(list: Node[], name: string): string {
  const esc = (s: string) => s.replace(/[:\\]/g, "\\$&").replace(/'/g, `'\\''`);
  const arms = list.map((n) => {
    const subs = n.subs.map((s) => `'${esc(s.name)}:${esc(s.description)}'`).join(" ");
    const flags = n.flags.map((f) => `'${esc(f.flag)}:${esc(f.description)}'`).join(" ");
    return `    ${q(n.path)}) subs=(${subs}); flags=(${flags}) ;;`;
  }).join("\n");
  return `#compdef ${name}
# ${name} completion for zsh: ${name} completion zsh > "\${fpath[1]}/_${name}"
_${name}() {
  local path_="" w i
  local -a subs flags names
  for ((i = 2; i < CURRENT; i++)); do
    w="\${words[i]}"
    [[ "$w" == -* ]] && continue
    _${name}_node "$path_"
    names=(\${subs%%:*})
    if (( \${names[(Ie)$w]} )); then path_="\${path_:+$path_ }$w"; fi
  done
  _${name}_node "$path_"
  if [[ "\${words[CURRENT]}" == -* ]]; then _describe 'option' flags; else _describe 'command' subs; fi
}
_${name}_node() {
  subs=(); flags=()
  case "$1" in
${arms}
  esac
}
compdef _${name} ${name}
`;
}

function fish(list: Node[], name: string): string {
  const lines = [
    `# ${name} completion for fish: ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    `function __${name}_path`,
    `    set -l path`,
    `    set -l tokens (commandline -opc)`,
    `    for w in $tokens[2..-1]`,
    `        string match -q -- '-*' $w; and continue`,
    `        set -l candidate (string join ' ' $path $w)`,
    `        contains -- $candidate ${
      list.filter((n) => n.path).map((n) => q(n.path)).join(" ")
    }; and set path $candidate`,
    `    end`,
    `    string join ' ' $path`,
    `end`,
    `complete -c ${name} -f`,
  ];
  for (const n of list) {
    const cond = `-n "test (__${name}_path) = ${q(n.path).replace(/"/g, '\\"')}"`;
    for (const s of n.subs) lines.push(`complete -c ${name} ${cond} -a ${q(s.name)} -d ${q(s.description)}`);
    for (const f of n.flags) {
      const opt = f.flag.startsWith("--") ? `-l ${f.flag.slice(2)}` : `-s ${f.flag.slice(1)}`;
      lines.push(`complete -c ${name} ${cond} ${opt} -d ${q(f.description)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Generates the completion script of a shell for a command tree. */
export function completionScript(program: Command, shell: Shell): string {
  const list = nodes(program);
  const name = program.name();
  if (shell === "bash") return bash(list, name);
  if (shell === "zsh") return zsh(list, name);
  return fish(list, name);
}
