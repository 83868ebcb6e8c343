/**
 * What `starmap version` does: gather the build, runtime and catalog facts and render them.
 *
 * @module
 */
import { archName, osName, runtimeVersion } from "../../runtime/mod.ts";
import { BUILT_AT, COMMIT, VERSION } from "../../build_info.ts";
import type { Context } from "../_context.ts";
import { renderData, renderFields } from "../render/mod.ts";
import type { InvokedCommand } from "../_settings.ts";

/** `version`: version, commit, runtime, platform and the catalog's date and size. */
export async function showVersion(
  ctx: Context,
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const info = {
    version: VERSION,
    commit: COMMIT,
    builtAt: BUILT_AT || undefined,
    runtime: runtimeVersion(),
    platform: `${osName()}/${archName()}`,
    catalog: {
      updatedAt: catalog.data.updatedAt,
      providers: catalog.providers.length,
      models: catalog.models.length,
    },
  };
  const { format } = settings.render;
  if (format === "json" || format === "yaml") {
    ctx.io.out(renderData(info, format));
    return;
  }
  ctx.io.out(renderFields([
    ["starmap", VERSION],
    ["Commit", COMMIT],
    ["Built", BUILT_AT || undefined],
    ["Runtime", info.runtime],
    ["Platform", info.platform],
    [
      "Catalog",
      `${catalog.models.length} models, ${catalog.providers.length} providers, updated ${catalog.data.updatedAt}`,
    ],
  ], settings.render));
}
