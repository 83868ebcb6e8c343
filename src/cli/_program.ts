/**
 * The command tree of starmap and the in-process entry point that runs it. Every command is defined here up
 * front (help, completion and suggestions see the whole tree), but its action loads the module that does its
 * work only when it runs, so a run pays for one command, not all of them.
 *
 * The global flags belong to the root and commander reads them in any position; no subcommand declares a flag
 * of the same name (that is why `cost` counts `--output-tokens`), so no flag is ever taken by the wrong owner.
 * `--version` is not a global flag but the root's own action, answered only as the first argument, so a
 * subcommand may take a `--version <v>` of its own (`weights pack`).
 *
 * @module
 */
import { Command, type CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { VERSION } from "../build_info.ts";
import { StarmapError } from "../errors.ts";
import { authCommand } from "./commands/_auth.ts";
import { authorsCommand } from "./commands/_authors.ts";
import { completionCommand } from "./commands/_completion.ts";
import { costCommand } from "./commands/_cost.ts";
import { exportCommand } from "./commands/_export.ts";
import { modelsCommand } from "./commands/_models.ts";
import { providersCommand } from "./commands/_providers.ts";
import { schemaCommand } from "./commands/_schema.ts";
import { updateCommand } from "./commands/_update.ts";
import { validateCommand } from "./commands/_validate.ts";
import { serveCommand } from "./commands/_serve.ts";
import { versionCommand } from "./commands/_version.ts";
import { weightsCommand } from "./commands/_weights.ts";
import { Context } from "./_context.ts";
import { acceptOperands, rejectImplicitOperands } from "./_default_command.ts";
import { reportError } from "./_exit_codes.ts";
import { addExamples } from "./_help_examples.ts";
import { namedCommand } from "./_named_command.ts";
import type { CliIO } from "./_io.ts";
import { OUTPUT_FORMATS } from "./render/mod.ts";

/** The root command with the global flags, before any subcommand is added. */
function root(ctx: Context) {
  return new Command("starmap")
    .description("a unified catalog of AI models, and a puller of model weights")
    .usage("[options] [command]\n       starmap --version")
    .addOption(new Option("-o, --output <format>", "output format").choices(OUTPUT_FORMATS))
    .option("--fields <names>", "only these columns, by machine name (starmap schema models-row lists them)")
    .option("--no-headers", "tables, csv and tsv without the header line")
    .option("--no-pager", "never page long output on a terminal (also STARMAP_PAGER=cat)")
    .option("-v, --verbose", "more detail on stderr")
    .option("-q, --quiet", "only data and errors")
    .option("--config <file>", "configuration file (default: platform config dir, or STARMAP_CONFIG)")
    .option("--catalog-dir <dir>", "the user's catalog directory (or STARMAP_CATALOG_DIR)")
    .option("--no-color", "no ANSI colour (also NO_COLOR)")
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.out(s),
      writeErr: (s) => ctx.io.err(s),
      getOutHelpWidth: () => ctx.io.columns ?? 80,
      getErrHelpWidth: () => ctx.io.columns ?? 80,
    });
}

/** The top-level commands, in the order help lists them, each made when the tree needs it. */
const COMMANDS: Readonly<
  Record<string, (ctx: Context, program: () => CommandUnknownOpts) => CommandUnknownOpts>
> = {
  models: modelsCommand,
  providers: providersCommand,
  authors: authorsCommand,
  version: versionCommand,
  update: updateCommand,
  validate: validateCommand,
  auth: authCommand,
  weights: weightsCommand,
  cost: costCommand,
  export: exportCommand,
  serve: serveCommand,
  schema: schemaCommand,
  completion: completionCommand,
};

/** The names of the top-level commands. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/**
 * Builds the command tree over a context. Commands throw; nothing here exits the process. With `argv`, a command
 * line that names a top-level command gets a tree with that command only: it is all commander reads then, and
 * building the others is a few milliseconds of every start.
 */
export function buildProgram(ctx: Context, argv?: readonly string[]): CommandUnknownOpts {
  const program: CommandUnknownOpts = root(ctx);
  const named = argv && namedCommand(program, argv);
  const names = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : COMMAND_NAMES;
  for (const name of names) program.addCommand(COMMANDS[name]!(ctx, () => program));
  inheritSettings(program);
  acceptOperands(program);
  addExamples(program);
  program.hook("preAction", (_root, action) => rejectImplicitOperands(action));
  return program;
}

/** Commander settings do not reach subcommands added later: copy exit and output handling down the tree. */
function inheritSettings(cmd: CommandUnknownOpts): void {
  for (const sub of cmd.commands) {
    sub.copyInheritedSettings(cmd);
    inheritSettings(sub);
  }
}

/**
 * Runs the CLI in-process: parses `argv` (without the program name), runs the command and returns the exit code.
 *
 * @example
 * ```ts
 * const code = await run(["models", "show", "openai/gpt-4o", "-o", "json"], processIO());
 * ```
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === "--version") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  // A command that wrote its JSON report before failing (`update -o json`) already answered on stdout.
  let wroteData = false;
  const ctx = new Context({ ...io, out: (text) => ((wroteData = true), io.out(text)) });
  const program = buildProgram(ctx, argv[0] === "__complete" ? undefined : argv);
  try {
    if (argv[0] === "__complete") {
      const { answerCompletion } = await import("./commands/_completion_actions.ts");
      return answerCompletion(program, argv.slice(1), io);
    }
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    const verbose = argv.includes("-v") || argv.includes("--verbose");
    // The advice table needs the settings declarations (and zod): it loads only for errors that carry a code.
    const advice = error instanceof StarmapError && (error.code !== undefined || error.setting !== undefined)
      ? (await import("./_advice.ts")).cliHint(error)
      : undefined;
    const report = reportError(error, verbose, advice);
    if (report.code !== 0 && !wroteData) {
      const json = await import("./_error_json.ts");
      if (json.wantsJson(argv)) io.out(json.errorJson(error, advice));
    }
    if (report.message) io.err(report.message);
    return report.code;
  }
}
