/**
 * What every command action gets: the IO, the resolved settings and the catalog, each made once per run.
 *
 * @module
 */
import type { Catalog } from "../catalog/mod.ts";
import type { CliIO } from "./_io.ts";
import {
  type GlobalFlags,
  globalFlags,
  type InvokedCommand,
  resolveSettings,
  type Settings,
} from "./_settings.ts";

/** The per-run context of the CLI. */
export class Context {
  /** The streams and environment. */
  readonly io: CliIO;
  #settings: Promise<Settings> | undefined;
  #catalog: Promise<Catalog> | undefined;

  /** Makes a context over an IO. */
  constructor(io: CliIO) {
    this.io = io;
  }

  /** The global settings, resolved from the global flags on first use. */
  settings(flags: GlobalFlags): Promise<Settings> {
    this.#settings ??= resolveSettings(flags, this.io).then((s) => {
      if (s.verbose) { for (const note of s.notes) this.io.err(`note: ${note}\n`); }
      return s;
    });
    return this.#settings;
  }

  /** The catalog snapshot: the user's updated catalog, else the embedded one. */
  catalog(flags: GlobalFlags): Promise<Catalog> {
    this.#catalog ??= this.settings(flags).then(async (s) => {
      const { loadCatalog } = await import("../catalog/_store.ts");
      // A catalog of an older version is linked into models and offerings: the linker loads only then.
      const upgrade = async (value: unknown) => (await import("../reconcile/mod.ts")).upgradeCatalog(value);
      const loaded = await loadCatalog({ dir: s.catalogDir, upgrade });
      if (s.verbose) this.io.err(`note: catalog from ${loaded.origin}\n`);
      if (loaded.migrated) this.io.err(`note: ${loaded.migrated}\n`);
      return loaded.catalog;
    });
    return this.#catalog;
  }

  /** What most actions start with: the command's global flags, the settings and the catalog. */
  async load(cmd: InvokedCommand): Promise<{ globals: GlobalFlags; settings: Settings; catalog: Catalog }> {
    const globals = globalFlags(cmd);
    return { globals, settings: await this.settings(globals), catalog: await this.catalog(globals) };
  }

  /**
   * Writes a rendered list to stdout. A table on a terminal ends with a count and goes through the pager when
   * it is taller than the terminal; elsewhere a list cut by `--limit` says so on stderr (unless `-q`).
   */
  async emitList(
    text: string,
    count: { shown: number; total?: number; noun: string },
    settings: Settings,
  ): Promise<void> {
    const { format } = settings.render;
    const table = format === "table" || format === "wide";
    const total = count.total ?? count.shown;
    const of = count.shown < total ? `${count.shown} of ${total}` : `${total}`;
    if (!table || !this.io.stdoutIsTTY) {
      if (table && !settings.quiet && count.shown < total) this.io.err(`showing ${of} ${count.noun}\n`);
      this.io.out(text);
      return;
    }
    const out = `${text}${settings.quiet ? "" : `\n${of} ${count.noun}\n`}`;
    const tall = out.split("\n").length - 1 > (this.io.rows ?? Infinity);
    if (tall && settings.pager && this.io.page && (await this.io.page(settings.pager, out))) return;
    this.io.out(out);
  }

  /** Writes a diagnostic line to stderr unless `-q`. */
  async info(flags: GlobalFlags, text: string): Promise<void> {
    if (!(await this.settings(flags)).quiet) this.io.err(`${text}\n`);
  }
}
