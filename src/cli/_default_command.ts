/**
 * Default subcommands that never swallow a typo: `starmap models` lists models, but `starmap models lst` is an
 * unknown command (exit 2, with a suggestion), not a search for "lst". Queries are explicit
 * (`models list <query>` or `--search`).
 *
 * @module
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { suggest } from "../words/mod.ts";

const defaults = new WeakSet<CommandUnknownOpts>();

/** Adds `sub` to `group` as the subcommand that runs when none is named. */
export function addDefault<G extends CommandUnknownOpts>(group: G, sub: CommandUnknownOpts): G {
  defaults.add(sub);
  group.addCommand(sub, { isDefault: true });
  return group;
}

/**
 * Lets the default subcommands of a tree take extra operands, so that {@link rejectImplicitOperands} can tell a
 * mistyped subcommand from them. Call it after settings are copied down the tree (that copy resets it).
 */
export function acceptOperands(cmd: CommandUnknownOpts): void {
  if (defaults.has(cmd)) cmd.allowExcessArguments(true);
  for (const sub of cmd.commands) acceptOperands(sub);
}

/**
 * Fails when a default subcommand runs without being named but with operands: the first operand was meant as
 * a subcommand. Called before every action.
 */
export function rejectImplicitOperands(action: CommandUnknownOpts): void {
  const group = action.parent;
  if (!group || !defaults.has(action)) return;
  const named = [action.name(), ...action.aliases()];
  const typed = action.args[0];
  if (typed === undefined) return;
  if (named.includes(group.args[0] ?? "")) {
    const declared = action.registeredArguments;
    if (declared.at(-1)?.variadic || action.args.length <= declared.length) return;
    action.error(`error: too many arguments for '${action.name()}'. Expected ${declared.length} arguments`, {
      code: "commander.excessArguments",
      exitCode: 2,
    });
  }
  const names = group.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  const near = suggest(typed, names, { limit: 1 });
  const hint = near.length ? `\n(Did you mean ${near[0]}?)` : "";
  group.error(`error: unknown command '${typed}' for '${group.name()}'${hint}`, {
    code: "commander.unknownCommand",
    exitCode: 2,
  });
}
