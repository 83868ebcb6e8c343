/**
 * What `starmap validate [path]` does: validate the files and report every problem.
 *
 * @module
 */
import type { Problem } from "../../catalog/mod.ts";
import { StarmapError } from "../../errors.ts";
import { validateEmbedded, validatePath } from "../../sync/mod.ts";
import type { Context } from "../_context.ts";
import { renderList } from "../render/mod.ts";
import type { TextColumn as Column } from "../render/mod.ts";
import { exists, globalFlags, type InvokedCommand } from "../_settings.ts";

const columns: readonly Column<Problem>[] = [
  { header: "FILE", get: (p) => p.file },
  { header: "FIELD", get: (p) => p.field },
  { header: "PROBLEM", get: (p) => p.message, flex: true },
];

/** `validate [path]`. */
export async function validate(
  ctx: Context,
  path: string | undefined,
  cmd: InvokedCommand,
): Promise<void> {
  const globals = globalFlags(cmd);
  const settings = await ctx.settings(globals);
  const target = path ?? settings.catalogDir;
  // Without a path or a catalog directory of its own, starmap reads the embedded catalog: check that.
  const report = target && (path || await exists(target))
    ? await validatePath(target)
    : await validateEmbedded();
  for (const note of report.notes ?? []) ctx.io.err(`note: ${note}\n`);
  const { format } = settings.render;
  if (format === "json" || format === "yaml" || report.problems.length) {
    ctx.io.out(
      renderList(
        report.problems,
        columns,
        { valid: !report.problems.length, ...report },
        settings.render,
      ),
    );
  }
  if (report.problems.length) {
    throw new StarmapError(
      "invalid",
      `${report.problems.length} problems in ${report.checked.join(", ")}`,
    );
  }
  if (!settings.quiet) ctx.io.err(`ok: ${report.checked.join(", ")}\n`);
}
