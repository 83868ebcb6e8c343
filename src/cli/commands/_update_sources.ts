/**
 * Building the update's sources from the CLI's settings: flags > environment > config, through the source
 * registry.
 *
 * @module
 */
import type { Catalog } from "../../catalog/mod.ts";
import { platformDir } from "../../runtime/mod.ts";
import { hasPermission } from "../../runtime/mod.ts";
import { buildSources, resolveSourceSettings, type SourceRegistryOptions } from "../../sources/mod.ts";
import type { Source } from "../../sources/mod.ts";
import type { Context } from "../_context.ts";
import type { Settings } from "../_settings.ts";

/** The source flags `update` and `auth verify` accept. */
export interface SourceFlags {
  /** `--models-dev-url`: models.dev api.json URL (or STARMAP_MODELS_DEV_URL). */
  modelsDevUrl?: string;
  /** `--models-dev-archive-url`: models.dev archive URL (or STARMAP_MODELS_DEV_ARCHIVE_URL). */
  modelsDevArchiveUrl?: string;
  /** `--models-dev-ref`: models.dev archive ref (or STARMAP_MODELS_DEV_REF). */
  modelsDevRef?: string;
  /** `--litellm`: LiteLLM price map (or STARMAP_LITELLM_URL). */
  litellm?: string;
  /** `--overrides-dir`: local override directory (or STARMAP_OVERRIDES_DIR). */
  overridesDir?: string;
}

function cacheDir(): string | undefined {
  const dir = platformDir("cache");
  return dir && hasPermission("read", dir) && hasPermission("write", dir) ? dir : undefined;
}

/** The registry options of a run: settings resolved from flags, environment and config. */
export function registryOptions(
  ctx: Context,
  settings: Settings,
  catalog: Catalog,
  flags: SourceFlags,
): SourceRegistryOptions {
  const resolved = resolveSourceSettings({
    flags: { ...flags },
    env: (name) => ctx.io.env(name),
    config: { sources: settings.config.sources, providers: settings.config.providers },
    catalogDir: settings.catalogDir,
  });
  return {
    ...resolved,
    providers: catalog.providers,
    cacheDir: cacheDir(),
    envAllowed: (name) => hasPermission("env", name),
  };
}

/** Builds the sources named by `ids` (the registry's defaults when empty). */
export function cliSources(
  ctx: Context,
  settings: Settings,
  catalog: Catalog,
  flags: SourceFlags,
  ids: readonly string[] | undefined,
): Source[] {
  const options = registryOptions(ctx, settings, catalog, flags);
  return buildSources({ ...options, ...(ids?.length ? { ids } : {}) });
}
