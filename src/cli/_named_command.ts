/**
 * Which top-level command a command line runs, read before the command tree is built, so that a run builds the
 * definitions of that command only (the rest of the tree is for help, suggestions and completion).
 *
 * @module
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";

/**
 * The first word of `argv` that is neither one of the root's flags nor a flag's value, as commander reads them:
 * `--output json`, `--output=json`, `-o json`, `-ojson` and `-qo json` all take their value.
 */
export function namedCommand(root: CommandUnknownOpts, argv: readonly string[]): string | undefined {
  const takesValue = new Set<string>();
  for (const o of root.options) {
    if (!o.required && !o.optional) continue;
    if (o.long) takesValue.add(o.long);
    if (o.short) takesValue.add(o.short);
  }
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === "--") return undefined;
    if (!word.startsWith("-") || word === "-") return word;
    if (word.startsWith("--")) {
      if (takesValue.has(word)) i++;
      continue;
    }
    // A cluster of short flags: the first that takes a value takes the rest of the word, or the next word.
    for (let j = 1; j < word.length; j++) {
      if (!takesValue.has(`-${word[j]}`)) continue;
      if (j === word.length - 1) i++;
      break;
    }
  }
  return undefined;
}
