/**
 * The shell completion scripts. Each is a thin adapter: it hands the words typed so far to
 * `<name> __complete <shell> -- <words…>` and offers what comes back, so commands, flags and catalog ids are
 * completed by one engine (`_engine.ts`) that never drifts from the command tree.
 *
 * @module
 */

/** A shell starmap can complete in. */
export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;
/** A shell starmap can complete in. */
export type Shell = typeof SHELLS[number];

function bash(name: string): string {
  return `# ${name} completion for bash: source <(${name} completion bash), or: ${name} completion install
_${name}_complete() {
  local line="\${COMP_LINE:0:COMP_POINT}" cur
  local -a words
  read -ra words <<< "$line"
  [[ "$line" =~ [[:space:]]$ ]] && words+=("")
  cur="\${words[\${#words[@]}-1]}"
  local IFS=$'\\n'
  COMPREPLY=($(command ${name} __complete bash -- "\${words[@]:1}" 2>/dev/null))
  # bash splits words at ':' (COMP_WORDBREAKS): offer only what follows the word's last ':'.
  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
    local prefix="\${cur%"\${cur##*:}"}"
    COMPREPLY=("\${COMPREPLY[@]#"$prefix"}")
  fi
  if [[ \${#COMPREPLY[@]} -eq 1 && "\${COMPREPLY[0]}" == *[/=,] ]]; then compopt -o nospace 2>/dev/null; fi
  return 0
}
complete -o default -F _${name}_complete ${name}
`;
}

function zsh(name: string): string {
  return `#compdef ${name}
# ${name} completion for zsh: ${name} completion install, or save as _${name} in a directory of $fpath
_${name}() {
  local -a lines described
  local line value
  lines=("\${(@f)$(command ${name} __complete zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "\${lines[@]}"; do
    [[ -z "$line" ]] && continue
    value="\${line%%$'\\t'*}"
    if [[ "$line" == *$'\\t'* ]]; then
      described+=("\${value//:/\\\\:}:\${line#*$'\\t'}")
    else
      described+=("\${value//:/\\\\:}")
    fi
  done
  if (( \${#described} )); then
    _describe -t values '${name}' described
  else
    _files
  fi
}
if [[ "\${funcstack[1]}" == "_${name}" ]]; then
  _${name} "$@"
else
  compdef _${name} ${name}
fi
`;
}

function fish(name: string): string {
  return `# ${name} completion for fish: ${name} completion install
function __${name}_complete
    # fish 4 names the expanded tokens -x; fish 3 only knows the older -o.
    set -l words (commandline -xpc 2>/dev/null; or commandline -opc) (commandline -ct)
    command ${name} __complete fish -- $words[2..-1] 2>/dev/null
end
complete -c ${name} -f -a '(__${name}_complete)'
`;
}

function powershell(name: string): string {
  return `# ${name} completion for PowerShell: ${name} completion install, or add to $PROFILE:
#   ${name} completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName ${name} -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @($commandAst.CommandElements |
    Where-Object { $_.Extent.StartOffset -lt $cursorPosition } |
    ForEach-Object { $_.ToString() } | Select-Object -Skip 1)
  # A blank word stands for the empty one being completed (older PowerShell drops empty arguments).
  if ($wordToComplete -eq '') { $words += ' ' }
  & ${name} __complete powershell -- @words 2>$null | ForEach-Object {
    $value, $description = $_ -split "\`t", 2
    if (-not $description) { $description = $value }
    [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $description)
  }
}
`;
}

/** The completion script of a shell for a program name. */
export function completionScript(shell: Shell, name: string): string {
  if (shell === "bash") return bash(name);
  if (shell === "zsh") return zsh(name);
  if (shell === "fish") return fish(name);
  return powershell(name);
}
