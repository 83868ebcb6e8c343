/**
 * Handlers of the catalog read routes: models, providers, authors and stats.
 *
 * @module
 */
import { type Catalog, modelKey } from "../catalog/catalog.ts";
import type { ModelFilter } from "../catalog/filter.ts";
import type { Model } from "../catalog/schema.ts";
import { suggest } from "../catalog/suggest.ts";
import { readJson } from "./body.ts";
import { badParameter, HttpError } from "./errors.ts";
import { DEFAULT_LIMIT, filterFromQuery } from "./query.ts";
import type { RouteRequest } from "./route.ts";
import { SearchRequest } from "./schemas.ts";
import { safePath } from "./guards.ts";
import { suggestModels } from "./suggest_index.ts";

function checkNames(catalog: Catalog, filter: ModelFilter): void {
  for (const id of filter.provider ?? []) {
    if (!catalog.provider(id)) {
      throw badParameter(
        "provider",
        `unknown provider "${id}"`,
        suggest(id, catalog.providers.map((p) => p.id)),
      );
    }
  }
  for (const id of filter.author ?? []) {
    if (!catalog.author(id)) {
      throw badParameter("author", `unknown author "${id}"`, suggest(id, catalog.authors.map((a) => a.id)));
    }
  }
}

function page(r: RouteRequest, filter: ModelFilter) {
  const catalog = r.catalog();
  checkNames(catalog, filter);
  const result = catalog.query(filter);
  return {
    version: r.version(),
    total: result.total,
    offset: filter.offset ?? 0,
    limit: filter.limit ?? DEFAULT_LIMIT,
    items: result.items,
  };
}

/** `GET /models`. */
export function listModels(r: RouteRequest): unknown {
  return page(r, filterFromQuery(r.url.searchParams));
}

/** `POST /models/search`. */
export async function searchModels(r: RouteRequest): Promise<unknown> {
  const filter = await readJson(r.c.req.raw, SearchRequest, { max: r.state.options.maxBodyBytes });
  return page(r, { ...filter, limit: filter.limit ?? DEFAULT_LIMIT });
}

function noModel(catalog: Catalog, ref: string): HttpError {
  const suggestions = suggestModels(catalog, ref);
  return new HttpError(
    404,
    "not_found",
    `model "${ref.slice(0, 200)}" not found`,
    suggestions.length ? { suggestions } : {},
  );
}

/** The part of the path after `/models/`, decoded. */
function modelPath(r: RouteRequest): string {
  const marker = `${r.state.options.prefix}/models/`;
  return safePath(r.url.pathname.slice(marker.length));
}

/** Whether a `/models/…` path names the providers of a bare id rather than one model. */
export function isProvidersPath(r: RouteRequest): boolean {
  const rest = modelPath(r);
  return rest.endsWith("/providers") && !r.catalog().model(rest);
}

/** `GET /models/{provider}/{model}`; the model id may contain `/`. */
export function getModel(r: RouteRequest): Model {
  const catalog = r.catalog();
  const rest = modelPath(r);
  const slash = rest.indexOf("/");
  if (slash <= 0 || slash === rest.length - 1) {
    const hint = catalog.modelsById(rest).length
      ? ` (see ${r.state.options.prefix}/models/${rest}/providers)`
      : "";
    throw new HttpError(
      404,
      "not_found",
      `expected /models/{provider}/{model}, got "${rest.slice(0, 200)}"${hint}`,
    );
  }
  const provider = catalog.provider(rest.slice(0, slash));
  if (!provider) {
    const id = rest.slice(0, slash);
    throw new HttpError(404, "not_found", `provider "${id.slice(0, 200)}" not found`, {
      parameter: "provider",
      suggestions: suggest(id.slice(0, 96), catalog.providers.map((p) => p.id)),
    });
  }
  return catalog.model(`${provider.id}/${rest.slice(slash + 1)}`) ?? (() => {
    throw noModel(catalog, rest);
  })();
}

/** `GET /models/{model}/providers`: every provider serving a bare id, with its prices. */
export function modelProviders(r: RouteRequest): unknown {
  const catalog = r.catalog();
  const id = modelPath(r).slice(0, -"/providers".length);
  const models = catalog.modelsById(id);
  if (!models.length) throw noModel(catalog, id);
  const items = models.map((m) => ({
    key: modelKey(m),
    provider: m.provider,
    providerName: catalog.provider(m.provider)?.name ?? m.provider,
    name: m.name,
    ...(m.status ? { status: m.status } : {}),
    limits: m.limits,
    ...(m.pricing ? { pricing: m.pricing } : {}),
  }));
  return { version: r.version(), id, total: items.length, items };
}

function countBy(models: readonly Model[], key: (m: Model) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of models) out[key(m)] = (out[key(m)] ?? 0) + 1;
  return out;
}

/** `GET /providers`. */
export function listProviders(r: RouteRequest): unknown {
  const catalog = r.catalog();
  const items = catalog.providers.map((p) => ({ ...p, modelCount: catalog.modelsByProvider(p.id).length }));
  return { version: r.version(), total: items.length, items };
}

/** `GET /providers/{id}`. */
export function getProvider(r: RouteRequest): unknown {
  const catalog = r.catalog();
  const p = catalog.resolveProvider(r.params.id!);
  return { ...p, modelCount: catalog.modelsByProvider(p.id).length };
}

/** `GET /providers/{id}/models`. */
export function providerModels(r: RouteRequest): unknown {
  const p = r.catalog().resolveProvider(r.params.id!);
  return page(r, { ...filterFromQuery(r.url.searchParams, ["provider"]), provider: [p.id] });
}

function authorSummary(catalog: Catalog, id: string) {
  const a = catalog.resolveAuthor(id);
  return {
    ...a,
    modelCount: catalog.modelsByAuthor(a.id).length,
    providers: Object.fromEntries(catalog.authorProviders(a.id)),
  };
}

/** `GET /authors`. */
export function listAuthors(r: RouteRequest): unknown {
  const catalog = r.catalog();
  const items = catalog.authors.map((a) => authorSummary(catalog, a.id));
  return { version: r.version(), total: items.length, items };
}

/** `GET /authors/{id}`. */
export function getAuthor(r: RouteRequest): unknown {
  return authorSummary(r.catalog(), r.params.id!);
}

/** `GET /authors/{id}/models`. */
export function authorModels(r: RouteRequest): unknown {
  const a = r.catalog().resolveAuthor(r.params.id!);
  return page(r, { ...filterFromQuery(r.url.searchParams, ["author"]), author: [a.id] });
}

const stats = new WeakMap<Catalog, Record<string, unknown>>();

/** `GET /stats`, computed once per snapshot. */
export function getStats(r: RouteRequest): unknown {
  const catalog = r.catalog();
  let s = stats.get(catalog);
  if (!s) {
    const ms = catalog.models;
    s = {
      version: r.version(),
      updatedAt: catalog.data.updatedAt,
      providers: catalog.providers.length,
      authors: catalog.authors.length,
      models: ms.length,
      withPricing: ms.filter((m) => m.pricing?.input !== undefined || m.pricing?.output !== undefined).length,
      openWeights: ms.filter((m) => m.openWeights === true).length,
      reasoning: ms.filter((m) => m.capabilities.reasoning).length,
      toolCalls: ms.filter((m) => m.capabilities.toolCalls).length,
      byStatus: countBy(ms, (m) => m.status ?? "active"),
      byProvider: countBy(ms, (m) => m.provider),
    };
    stats.set(catalog, s);
  }
  return s;
}
