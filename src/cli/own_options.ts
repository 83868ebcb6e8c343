/**
 * Lets a subcommand own a flag that is also a global flag.
 *
 * Commander recognises the root's options anywhere on the command line, before the subcommand sees them, so a
 * subcommand that declares `--output <n>` (`cost`) or `--format <f>` (`export pricing`) would have its value taken
 * and rejected by the global `-o/--output` or the hidden `--format`. With this, a flag that the invoked
 * subcommand declares itself is left to it; every other global flag keeps working anywhere.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";

/** The parts of commander's Command this relies on (public in JS, untyped in the typings). */
interface Internals {
  parseOptions(args: string[]): { operands: string[]; unknown: string[] };
  _findOption(arg: string): unknown;
}

type AnyCommand = Command<unknown[], Record<string, unknown>, Record<string, unknown>>;

/** The command a command line invokes: follow subcommand names (and aliases) from the root. */
function invoked(root: AnyCommand, args: readonly string[]): AnyCommand {
  let cmd = root;
  for (const arg of args) {
    if (arg === "--") break;
    if (arg.startsWith("-")) continue;
    const sub = (cmd.commands as AnyCommand[]).find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) {
      if (cmd !== root) break;
      continue;
    }
    cmd = sub;
  }
  return cmd;
}

function ownFlags(cmd: AnyCommand): Set<string> {
  const flags = new Set<string>();
  for (const option of cmd.options) {
    if (option.long) flags.add(option.long);
    if (option.short) flags.add(option.short);
  }
  return flags;
}

/** Makes the root leave to the invoked subcommand every flag that subcommand declares itself. */
export function preferSubcommandOptions(root: Command): void {
  const internals = root as unknown as Internals;
  const parseOptions = internals.parseOptions.bind(internals);
  const findOption = internals._findOption.bind(internals);
  let owned = new Set<string>();
  internals.parseOptions = (args) => {
    const target = invoked(root as unknown as AnyCommand, args);
    owned = target === (root as unknown) ? new Set() : ownFlags(target);
    try {
      return parseOptions(args);
    } finally {
      owned = new Set();
    }
  };
  internals._findOption = (arg) => (owned.has(arg) ? undefined : findOption(arg));
}
