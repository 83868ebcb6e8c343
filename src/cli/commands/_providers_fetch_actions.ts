/**
 * What `starmap providers fetch <id>` does: call the provider's list-models API and render what it returns.
 *
 * @module
 */
import type { OfferingRecord } from "../../catalog/types.gen.ts";
import { StarmapError } from "../../errors.ts";
import { isProviderApiId, resolveProviderSource } from "../../sources/mod.ts";
import { hasPermission } from "../../runtime/mod.ts";
import type { Context } from "../_context.ts";
import { saveSourceState, sourceHttp } from "./_source_state.ts";
import { renderData, renderList } from "../render/mod.ts";
import type { View } from "../render/mod.ts";
import type { InvokedCommand } from "../_settings.ts";
import { price, tokens } from "../views/mod.ts";

/** The translated records of a provider's API, before reconciliation (so most fields may be missing). */
const recordView: View<OfferingRecord> = {
  noun: "offerings",
  key: (m) => m.id,
  columns: [
    { name: "id", header: "ID", value: (m) => m.id, id: true },
    { name: "name", header: "NAME", value: (m) => m.name, priority: 2 },
    {
      name: "context_tokens",
      header: "CONTEXT",
      value: (m) => m.limits?.context,
      format: (m) => tokens(m.limits?.context),
      right: true,
      type: "integer",
    },
    {
      name: "output_tokens",
      header: "OUTPUT",
      value: (m) => m.limits?.output,
      format: (m) => tokens(m.limits?.output),
      right: true,
      type: "integer",
    },
    {
      name: "input_usd_per_1m",
      header: "INPUT $/1M",
      value: (m) => m.pricing?.input,
      format: (m) => price(m.pricing?.input),
      right: true,
      wide: true,
      type: "number",
    },
    {
      name: "output_usd_per_1m",
      header: "OUTPUT $/1M",
      value: (m) => m.pricing?.output,
      format: (m) => price(m.pricing?.output),
      right: true,
      wide: true,
      type: "number",
    },
    { name: "release_date", header: "RELEASED", value: (m) => m.releaseDate, wide: true },
  ],
};

/** `providers fetch <provider>`. */
export async function fetchProvider(
  ctx: Context,
  id: string,
  flags: { raw?: true; baseUrl?: string; apiKeyEnv?: string; timeout?: number },
  cmd: InvokedCommand,
): Promise<void> {
  const { globals, settings, catalog } = await ctx.load(cmd);
  const configuredProviders = settings.config.providers;
  // As `update --source <id>` does: a provider API id (built-in, in the catalog, in the config file, or given a
  // STARMAP_<ID>_BASE_URL) is taken as given; anything else must name a catalog provider or alias.
  const providerId = isProviderApiId(id, catalog.providers, configuredProviders, ctx.io.env)
    ? id
    : catalog.resolveProvider(id).id;
  const configured = configuredProviders?.[providerId] ?? {};
  const setting = {
    ...configured,
    ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
    ...(flags.apiKeyEnv ? { apiKeyEnv: flags.apiKeyEnv } : {}),
  };
  const { http } = await sourceHttp(ctx, settings, flags.timeout);
  const source = resolveProviderSource(providerId, {
    http,
    providers: catalog.providers,
    env: ctx.io.env,
    envAllowed: (name) => hasPermission("env", name),
    settings: { [providerId]: setting },
  });
  if (!source) {
    throw new StarmapError(
      "invalid",
      `provider "${providerId}" has no list-models API starmap can call`,
      {
        hint: "give its OpenAI-compatible base URL with --base-url",
      },
    );
  }
  const blocker = source.blocker;
  if (blocker?.startsWith("needs")) {
    throw new StarmapError("invalid", `provider "${providerId}" ${blocker}`, { hint: "or give --base-url" });
  }
  if (blocker) {
    throw new StarmapError("invalid", `no API key for provider "${providerId}"`, {
      hint: source.key?.problem ??
        (source.keyEnv
          ? `set ${source.keyEnv}, or name another variable with --api-key-env`
          : "use --api-key-env"),
    });
  }
  const pages = await source.fetchRaw(new AbortController().signal).finally(saveSourceState);
  if (flags.raw) {
    ctx.io.out(renderData(pages.length === 1 ? pages[0] : pages, "json"));
    return;
  }
  const result = source.translate(pages);
  await ctx.info(globals, `${providerId}: ${result.offerings.length} models from ${source.url}`);
  for (const note of result.notes) await ctx.info(globals, `note: ${note}`);
  const text = renderList(result.offerings, recordView, result.offerings, settings.render);
  await ctx.emitList(text, { shown: result.offerings.length, noun: "models" }, settings);
}
