/**
 * What `starmap auth status|verify` do: find each provider API's key variable, and call the keyed ones.
 *
 * @module
 */
import type { Catalog } from "../../catalog/catalog.ts";
import { StarmapError } from "../../errors.ts";
import { HttpClient } from "../../http/client.ts";
import { resolveProviderSource } from "../../sources/providers/from_env.ts";
import { KNOWN_PROVIDERS } from "../../sources/providers/known.ts";
import type { Context } from "../context.ts";
import { renderList } from "../render/format.ts";
import type { View } from "../render/columns.ts";
import type { InvokedCommand, Settings } from "../settings.ts";

/** One provider API's key state. */
interface KeyState {
  provider: string;
  keyEnv: string | undefined;
  key: "set" | "missing" | "not required";
  url: string;
}

function apiProviders(catalog: Catalog, settings: Settings): string[] {
  return [
    ...new Set([
      ...Object.keys(KNOWN_PROVIDERS),
      ...catalog.providers.filter((p) => p.endpoint && p.endpoint.type !== "none").map((p) => p.id),
      ...Object.keys(settings.config.providers ?? {}),
    ]),
  ].sort();
}

function keyEnvOf(ctx: Context, catalog: Catalog, settings: Settings, id: string): string | undefined {
  const configured = settings.config.providers?.[id]?.apiKeyEnv;
  if (configured) return configured;
  const candidates = [
    ...new Set([
      ...(KNOWN_PROVIDERS[id] ? [KNOWN_PROVIDERS[id].keyEnv] : []),
      ...(catalog.provider(id)?.env ?? []),
    ]),
  ];
  return candidates.find((n) => ctx.io.env(n)) ?? candidates[0];
}

function states(ctx: Context, catalog: Catalog, settings: Settings, http: HttpClient, ids: string[]) {
  return ids.flatMap((id) => {
    const source = resolveProviderSource(id, {
      http,
      providers: catalog.providers,
      env: (n) => ctx.io.env(n),
      settings: settings.config.providers,
    });
    if (!source) return [];
    const keyEnv = keyEnvOf(ctx, catalog, settings, id);
    const hasKey = keyEnv !== undefined && Boolean(ctx.io.env(keyEnv));
    const state: KeyState = {
      provider: id,
      keyEnv,
      key: hasKey ? "set" : source.usable ? "not required" : "missing",
      url: source.url,
    };
    return [{ state, source }];
  });
}

const statusView: View<KeyState> = {
  noun: "providers",
  key: (s) => s.provider,
  columns: [
    { name: "provider", header: "PROVIDER", value: (s) => s.provider, id: true },
    { name: "key_env", header: "KEY VARIABLE", value: (s) => s.keyEnv },
    { name: "key", header: "KEY", value: (s) => s.key },
    { name: "list_url", header: "LIST URL", value: (s) => s.url, wide: true },
  ],
};

interface Verified {
  provider: string;
  ok: boolean;
  models?: number;
  error?: string;
}

const verifyView: View<Verified> = {
  noun: "providers",
  key: (v) => v.provider,
  columns: [
    { name: "provider", header: "PROVIDER", value: (v) => v.provider, id: true },
    {
      name: "ok",
      header: "RESULT",
      value: (v) => v.ok,
      format: (v) => (v.ok ? "ok" : "FAILED"),
      type: "boolean",
    },
    { name: "models", header: "MODELS", value: (v) => v.models, right: true, wide: true, type: "integer" },
    {
      name: "detail",
      header: "DETAIL",
      value: (v) => (v.ok ? `${v.models} models listed` : v.error ?? ""),
    },
  ],
};

/** `auth status`. */
export async function authStatus(
  ctx: Context,
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const rows = states(ctx, catalog, settings, new HttpClient(), apiProviders(catalog, settings)).map((
    r,
  ) => r.state);
  ctx.io.out(renderList(rows, statusView, rows, settings.render));
}

/** `auth verify [provider]`. */
export async function authVerify(
  ctx: Context,
  provider: string | undefined,
  flags: { timeout?: number },
  cmd: InvokedCommand,
): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const ids = provider ? [catalog.resolveProvider(provider).id] : apiProviders(catalog, settings);
  const found = states(ctx, catalog, settings, new HttpClient(), ids);
  if (provider && !found.length) {
    throw new StarmapError("invalid", `provider "${provider}" has no list-models API starmap can call`);
  }
  // A named provider is called when it has a key or needs none; otherwise only the keys that are set are
  // tested (a keyless public list, such as OpenRouter's, has no key to verify).
  const keyed = found.filter((f) => provider ? f.state.key !== "missing" : f.state.key === "set");
  if (provider && !keyed.length) {
    throw new StarmapError("invalid", `no API key for ${provider}`, {
      hint: `set ${found[0]!.state.keyEnv ?? "its key variable"}`,
    });
  }
  if (!keyed.length && !settings.quiet) {
    ctx.io.err("no provider API has a key; see starmap auth status\n");
  }
  const results = await Promise.all(keyed.map(async ({ state, source }): Promise<Verified> => {
    try {
      const signal = AbortSignal.timeout(flags.timeout ?? 30_000);
      const result = await source.fetch({ signal });
      return { provider: state.provider, ok: true, models: result.models.length };
    } catch (error) {
      return { provider: state.provider, ok: false, error: (error as Error).message };
    }
  }));
  ctx.io.out(renderList(results, verifyView, results, settings.render));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    throw new StarmapError("network", `${failed.length} of ${results.length} keys failed verification`);
  }
}
