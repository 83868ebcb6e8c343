/**
 * What `starmap auth status|verify` do: find where each provider API's key comes from, and call the keyed ones.
 *
 * @module
 */
import type { Catalog } from "../../catalog/mod.ts";
import { StarmapError } from "../../errors.ts";
import { anySignal, HttpClient } from "../../http/mod.ts";
import type { SourceHealth } from "../../http/mod.ts";
import { hasPermission } from "../../runtime/mod.ts";
import type { ProviderApiSource } from "../../sources/mod.ts";
import { providerApiIds, resolveProviderSource } from "../../sources/mod.ts";
import type { Context } from "../_context.ts";
import { renderList } from "../render/mod.ts";
import type { View } from "../render/mod.ts";
import type { InvokedCommand, Settings } from "../_settings.ts";
import { loadSourceState, saveSourceState, sourceHttp } from "./_source_state.ts";

/** One provider API's key state and source health. */
interface KeyState {
  provider: string;
  keyEnv: string | undefined;
  key: string;
  problem?: string | undefined;
  circuit: "closed" | "open";
  lastSuccess?: string | undefined;
  lastError?: string | undefined;
  url: string;
}

function keyWord(source: ProviderApiSource): string {
  const key = source.key;
  if (key?.value) return key.problem ? "set (unexpected format)" : "set";
  if (key?.problem) return "unreadable";
  if (source.keyOptional) return "not required";
  if (key?.denied.length) return "not permitted";
  return "missing";
}

function states(ctx: Context, catalog: Catalog, settings: Settings, http: HttpClient, ids: string[]) {
  const health = new Map<string, SourceHealth>(http.breaker.health().map((h) => [h.source, h]));
  return ids.flatMap((id) => {
    const source = resolveProviderSource(id, {
      http,
      providers: catalog.providers,
      env: (n) => ctx.io.env(n),
      envAllowed: (n) => hasPermission("env", n),
      settings: settings.config.providers,
    });
    if (!source) return [];
    const h = health.get(id);
    const denied = source.key?.denied ?? [];
    const state: KeyState = {
      provider: id,
      keyEnv: source.keyEnv,
      key: keyWord(source),
      problem: source.key?.problem ??
        (denied.length && !source.key?.value
          ? `no permission to read ${denied.join(", ")} (add --allow-env)`
          : undefined),
      circuit: h?.circuit ?? "closed",
      lastSuccess: h?.lastSuccess,
      lastError: h?.lastError,
      url: source.url || `(needs ${source.blocker?.replace(/^needs /, "") ?? "a base URL"})`,
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
    { name: "circuit", header: "CIRCUIT", value: (s) => s.circuit },
    {
      name: "last_success",
      header: "LAST SUCCESS",
      value: (s) => s.lastSuccess,
      format: (s) => s.lastSuccess?.slice(0, 19).replace("T", " ") ?? "-",
    },
    { name: "note", header: "NOTE", value: (s) => s.problem, wide: true },
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

function apiProviders(catalog: Catalog, settings: Settings): string[] {
  return providerApiIds(catalog.providers, settings.config.providers).sort();
}

/** `auth status`. */
export async function authStatus(ctx: Context, cmd: InvokedCommand): Promise<void> {
  const { settings, catalog } = await ctx.load(cmd);
  const http = new HttpClient({ breaker: await loadSourceState() });
  const rows = states(ctx, catalog, settings, http, apiProviders(catalog, settings)).map((r) => r.state);
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
  const { http, timeoutMs } = await sourceHttp(ctx, settings, flags.timeout);
  const ids = provider ? [catalog.resolveProvider(provider).id] : apiProviders(catalog, settings);
  const found = states(ctx, catalog, settings, http, ids);
  if (provider && !found.length) {
    throw new StarmapError("invalid", `provider "${provider}" has no list-models API starmap can call`);
  }
  // A named provider is called when it can run; otherwise only the keys that are set are tested (a keyless public
  // list, such as OpenRouter's, has no key to verify).
  const keyed = found.filter((f) => provider ? f.source.usable : Boolean(f.source.key?.value));
  if (provider && !keyed.length) {
    const blocker = found[0]!.source.blocker;
    throw new StarmapError("invalid", `no API key for ${provider}`, {
      hint: blocker?.startsWith("needs") ? blocker : `set ${found[0]!.state.keyEnv ?? "its key variable"}`,
    });
  }
  if (!keyed.length && !settings.quiet) {
    ctx.io.err("no provider API has a key; see starmap auth status\n");
  }
  const results = await Promise.all(keyed.map(async ({ state, source }): Promise<Verified> => {
    try {
      const signal = anySignal([], timeoutMs);
      const result = await source.fetch({ signal });
      return { provider: state.provider, ok: true, models: result.offerings.length };
    } catch (error) {
      return { provider: state.provider, ok: false, error: (error as Error).message };
    }
  }));
  await saveSourceState();
  ctx.io.out(renderList(results, verifyView, results, settings.render));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    throw new StarmapError("network", `${failed.length} of ${results.length} keys failed verification`);
  }
}
