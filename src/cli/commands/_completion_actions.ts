/**
 * What `starmap completion install|uninstall` and `starmap __complete` do.
 *
 * @module
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { embeddedCatalogData } from "../../catalog/mod.ts";
import { osName } from "../../runtime/mod.ts";
import { type Candidate, complete, type Ids } from "../completion/mod.ts";
import { detectShell, install, placement, uninstall } from "../completion/mod.ts";
import type { Context } from "../_context.ts";
import type { CliIO } from "../_io.ts";
import type { InvokedCommand } from "../_settings.ts";
import { compareView } from "../views/mod.ts";
import { modelView } from "../views/mod.ts";
import { authorView, providerView } from "../views/mod.ts";

/** `completion install|uninstall [shell]`. */
export async function installCompletion(
  ctx: Context,
  verb: "install" | "uninstall",
  named: string | undefined,
  name: string,
  cmd: InvokedCommand,
): Promise<void> {
  const shell = detectShell(ctx.io.env, named);
  const where = placement(shell, { env: ctx.io.env, os: osName() }, name);
  const { globalFlags } = await import("../_settings.ts");
  const globals = globalFlags(cmd);
  if (verb === "install") {
    const written = await install(where, name);
    await ctx.info(
      globals,
      `installed ${shell} completion: ${written.join(", ")}\nopen a new shell to use it`,
    );
  } else {
    const changed = await uninstall(where);
    await ctx.info(
      globals,
      changed.length ? `removed: ${changed.join(", ")}` : `no ${shell} completion installed`,
    );
  }
}

/** The embedded catalog's ids, read on first use (completing a flag never parses the catalog), and field names. */
function embeddedIds(): Ids {
  let data: ReturnType<typeof embeddedCatalogData> | undefined;
  const load = () => (data ??= embeddedCatalogData());
  return {
    // `models show` takes a model id (`author/slug`) or an offering key (`provider/id`).
    models: () => {
      const seen = new Set<string>();
      const out: Candidate[] = [];
      for (
        const m of [...load().models, ...load().offerings.map((o) => ({ ...o, id: `${o.provider}/${o.id}` }))]
      ) {
        if (!seen.has(m.id)) out.push({ value: m.id, description: m.name });
        seen.add(m.id);
      }
      return out;
    },
    providers: () => load().providers.map((p) => ({ value: p.id, description: p.name })),
    authors: () => load().authors.map((a) => ({ value: a.id, description: a.name })),
    fields: () => {
      const columns = [
        ...modelView.columns,
        ...providerView.columns,
        ...authorView.columns,
        ...compareView.columns,
      ];
      const first = new Map<string, Candidate>();
      for (const c of columns) {
        if (!first.has(c.name)) first.set(c.name, { value: c.name, description: c.header });
      }
      return [...first.values()];
    },
  };
}

function line(c: Candidate, described: boolean): string {
  const description = c.description?.replace(/[\t\n]+/g, " ");
  return described && description ? `${c.value}\t${description}\n` : `${c.value}\n`;
}

/**
 * `__complete <shell> -- <words…>`: one candidate per line (with a tab and a description except for bash).
 * It never fails loudly: a shell calls it on every Tab.
 */
export function answerCompletion(program: CommandUnknownOpts, argv: readonly string[], io: CliIO): number {
  const shell = argv[0] ?? "bash";
  const dash = argv.indexOf("--");
  const words = dash >= 0 ? argv.slice(dash + 1) : argv.slice(1);
  const seen = new Set<string>();
  let out = "";
  for (const c of complete(program, words.length ? words : [""], embeddedIds())) {
    if (seen.has(c.value)) continue;
    seen.add(c.value);
    out += line(c, shell !== "bash");
  }
  io.out(out);
  return 0;
}
