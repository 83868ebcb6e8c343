/**
 * Global settings resolved once per run: flags > environment > config file > defaults.
 *
 * @module
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../config/types.gen.ts";
import { StarmapError } from "../errors.ts";
import { platformDir } from "../runtime/mod.ts";
import { hasPermission } from "../runtime/mod.ts";
import type { CliIO } from "./_io.ts";
import {
  isOutputFormat,
  OUTPUT_FORMATS,
  type OutputFormat,
  prepareRenderer,
  type RenderOptions,
} from "./render/mod.ts";

/** The global flags every command accepts. */
export interface GlobalFlags {
  /** `-o, --output`: the output format. */
  output?: string | undefined;
  /** `--fields`: only these fields, comma-separated. */
  fields?: string | undefined;
  /** `--no-headers` sets it to false: no header line. */
  headers?: boolean | undefined;
  /** `--no-pager` sets it to false: never page. */
  pager?: boolean | undefined;
  /** `--verbose`: more detail on stderr. */
  verbose?: boolean | undefined;
  /** `--quiet`: only data and errors. */
  quiet?: boolean | undefined;
  /** `--config`: configuration file (default: platform config dir, or STARMAP_CONFIG). */
  config?: string | undefined;
  /** `--no-color` sets it to false: no ANSI colour. */
  color?: boolean | undefined;
  /** `--catalog-dir`: the user's catalog directory (or STARMAP_CATALOG_DIR). */
  catalogDir?: string | undefined;
}

/** Settings shared by every command, resolved once. */
export interface Settings {
  /** Output format and terminal facts for renderers. */
  render: RenderOptions;
  /** The pager command for long output on a terminal, undefined when output is not paged. */
  pager: string | undefined;
  /** `-v`: more detail on stderr. */
  verbose: boolean;
  /** `-q`: nothing but data and errors. */
  quiet: boolean;
  /** The parsed config file (empty when there is none). */
  config: Config;
  /** The config file that was read, if any. */
  configFile: string | undefined;
  /** The user's catalog directory, if it can be known and read. */
  catalogDir: string | undefined;
  /** Things the user may want to know at `-v` (settings skipped for lack of permission, …). */
  notes: string[];
}

function parseFormat(value: string, origin: string): OutputFormat {
  const format = value.toLowerCase();
  if (isOutputFormat(format)) return format;
  throw new StarmapError("invalid", `${origin}: unknown output format "${value}"`, {
    hint: `use one of ${OUTPUT_FORMATS.join(", ")}`,
  });
}

/** Whether a path exists; errors other than "no such file" count as existing, so that reading reports them. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== "ENOENT";
  }
}

async function readConfig(flags: GlobalFlags, io: CliIO, notes: string[]) {
  const explicit = flags.config ?? io.env("STARMAP_CONFIG");
  const dir = platformDir("config");
  const file = explicit ?? (dir ? join(dir, "config.yaml") : undefined);
  if (!file) {
    if (!hasPermission("env")) {
      notes.push("config file skipped: no env permission to find the config directory");
    }
    return { config: {}, file: undefined };
  }
  if (!hasPermission("read", file)) {
    if (explicit) {
      throw new StarmapError(
        "permission",
        `cannot read config file ${file}: read permission is not granted`,
        {
          hint: `grant it with --allow-read=${file}`,
        },
      );
    }
    notes.push(`config file ${file} skipped: no read permission`);
    return { config: {}, file: undefined };
  }
  // The config schemas (every part's section) load only when there is a file to read.
  if (explicit === undefined && !(await exists(file))) return { config: {}, file };
  const { loadConfig } = await import("../config/mod.ts");
  return { config: await loadConfig(file, explicit === undefined), file };
}

/** The settings module: loaded by an action, not at start (its section schemas need zod). */
type SettingsModule = typeof import("../settings/mod.ts");

function catalogDir(
  { resolveSection, CATALOG_SETTINGS }: SettingsModule,
  flags: GlobalFlags,
  io: CliIO,
  config: Config,
  notes: string[],
): string | undefined {
  const { values } = resolveSection(CATALOG_SETTINGS, {
    flags: { dir: flags.catalogDir },
    env: (n) => io.env(n),
    config,
  });
  const dataDir = platformDir("data");
  const dir = values.dir ?? (dataDir ? join(dataDir, "catalog") : undefined);
  if (dir && !hasPermission("read", dir)) {
    notes.push(`catalog directory ${dir} skipped: no read permission (using the embedded catalog)`);
    return undefined;
  }
  return dir;
}

/** The output format and colour: flags > `STARMAP_OUTPUT` > config `output.*` > defaults. */
function output(
  { resolveSection, OUTPUT_SETTINGS }: SettingsModule,
  flags: GlobalFlags,
  io: CliIO,
  config: Config,
): { format: OutputFormat; color: boolean } {
  const { values, origins } = resolveSection(OUTPUT_SETTINGS, {
    flags: { format: flags.output, color: flags.color === false ? false : undefined },
    env: (n) => io.env(n),
    config,
  });
  return { format: parseFormat(values.format, origins.format ?? "output"), color: values.color };
}

/**
 * The pager, as git chooses it: none unless stdout is a terminal or with `--no-pager`; else `STARMAP_PAGER`,
 * then `PAGER`, then `less`; an empty value or `cat` means none.
 */
function pagerCommand(flags: GlobalFlags, io: CliIO): string | undefined {
  if (!io.stdoutIsTTY || flags.pager === false) return undefined;
  const chosen = (io.env("STARMAP_PAGER") ?? io.env("PAGER") ?? "less").trim();
  return chosen === "" || chosen === "cat" ? undefined : chosen;
}

/** Resolves the global settings of a run. @throws {StarmapError} `invalid` for a bad flag, variable or config. */
export async function resolveSettings(flags: GlobalFlags, io: CliIO): Promise<Settings> {
  const notes: string[] = [];
  const { config, file }: { config: Config; file: string | undefined } = await readConfig(flags, io, notes);
  const settings = await import("../settings/mod.ts");
  const chosen = output(settings, flags, io, config);
  const format = chosen.format;
  const noColor = (io.env("NO_COLOR") ?? "") !== "";
  await prepareRenderer(format);
  const color = io.stdoutIsTTY && !noColor && chosen.color;
  const fields = flags.fields?.split(",").map((f) => f.trim()).filter(Boolean);
  return {
    render: {
      format,
      width: io.columns,
      color,
      headers: flags.headers !== false,
      ...(fields?.length ? { fields } : {}),
    },
    pager: pagerCommand(flags, io),
    verbose: flags.verbose === true,
    quiet: flags.quiet === true,
    config,
    configFile: file,
    catalogDir: catalogDir(settings, flags, io, config, notes),
    notes,
  };
}

/** What a command's action uses of the command it runs in (commander's Command has all of it). */
export interface InvokedCommand {
  /** The command's options merged with its ancestors'. */
  optsWithGlobals(): unknown;
  /** The command's own options. */
  opts(): unknown;
  /** The parent command (null at the root). */
  readonly parent: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);

/** The global flags of a command as parsed by commander (the root's options, seen from any subcommand). */
export function globalFlags(cmd: { optsWithGlobals(): unknown }): GlobalFlags {
  const all: Record<string, unknown> = Object(cmd.optsWithGlobals());
  return {
    output: text(all.output),
    fields: text(all.fields),
    headers: bool(all.headers),
    pager: bool(all.pager),
    verbose: bool(all.verbose),
    quiet: bool(all.quiet),
    config: text(all.config),
    color: bool(all.color),
    catalogDir: text(all.catalogDir),
  };
}
