/**
 * Handlers of the catalog read routes: models, offerings, providers, authors and stats.
 *
 * @module
 */
import {
  authorSummary,
  type Catalog,
  type ModelListing,
  offeringKey,
  providerSummary,
} from "../catalog/mod.ts";
import type { ModelFilter } from "../catalog/types.gen.ts";
import type { Offering } from "../catalog/types.gen.ts";
import { readJson } from "./_body.ts";
import { resolveParameter } from "./_errors.ts";
import { DEFAULT_LIMIT, filterFromQuery } from "./_query.ts";
import type { RouteRequest } from "./_route.ts";
import { SearchRequest } from "./_schemas.ts";
import { safePath } from "./_guards.ts";
import { isStarmapError } from "../errors.ts";
import { HttpError } from "./_errors.ts";

/** The filter's provider and author names, resolved by the catalog; an unknown one is a 400 naming the parameter. */
function checkNames(catalog: Catalog, filter: ModelFilter): void {
  for (const id of filter.provider ?? []) resolveParameter("provider", id, (n) => catalog.resolveProvider(n));
  for (const id of filter.author ?? []) resolveParameter("author", id, (n) => catalog.resolveAuthor(n));
}

/** A model as the list routes show it: its fields and what its offerings add up to. */
export function modelSummary(l: ModelListing): Record<string, unknown> {
  return {
    ...l.model,
    providers: l.providers,
    offerings: l.offerings.length,
    ...(l.context !== undefined ? { context: l.context } : {}),
    cheapest: {
      ...(l.input !== undefined ? { input: l.input } : {}),
      ...(l.output !== undefined ? { output: l.output } : {}),
    },
  };
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
    items: result.items.map(modelSummary),
  };
}

/** A page of offerings. */
export function offeringPage(r: RouteRequest, filter: ModelFilter): Record<string, unknown> {
  const catalog = r.catalog();
  checkNames(catalog, filter);
  const result = catalog.queryOfferings(filter);
  return {
    version: r.version(),
    total: result.total,
    offset: filter.offset ?? 0,
    limit: filter.limit ?? DEFAULT_LIMIT,
    items: result.items,
  };
}

/** `GET /models`: one item per model. */
export function listModels(r: RouteRequest): unknown {
  return page(r, filterFromQuery(r.url.searchParams));
}

/** `POST /models/search`. */
export async function searchModels(r: RouteRequest): Promise<unknown> {
  const filter = await readJson(r.c.req.raw, SearchRequest, { max: r.state.options.maxBodyBytes });
  return page(r, { ...filter, limit: filter.limit ?? DEFAULT_LIMIT });
}

/** The part of the path after `/<collection>/`, decoded and bounded. */
export function pathRest(r: RouteRequest, collection: string): string {
  const marker = `${r.state.options.prefix}/${collection}/`;
  return safePath(r.url.pathname.slice(marker.length));
}

/** Whether a `/models/…` path names the offerings of a model (`…/providers`) rather than the model. */
export function isProvidersPath(r: RouteRequest): boolean {
  const rest = pathRest(r, "models");
  return rest.endsWith("/providers") && !r.catalog().model(rest) && !r.catalog().offering(rest);
}

/** `GET /models/{model}`: a model by any spelling with every offering, cheapest first (and the offering named). */
export function getModel(r: RouteRequest): unknown {
  const catalog = r.catalog();
  const ref = pathRest(r, "models");
  let resolved;
  try {
    resolved = catalog.resolve(ref);
  } catch (error) {
    if (!isStarmapError(error, "not_found")) throw error;
    // The catalog's not-found with its suggestions, the name cut so a long request is not echoed whole.
    throw new HttpError(404, "not_found", `model "${ref.slice(0, 200)}" not found`, {
      ...(error.suggestions.length ? { suggestions: error.suggestions } : {}),
    });
  }
  const { model, offering } = resolved;
  return { model, ...(offering ? { offering } : {}), offerings: catalog.offerings(model.id) };
}

/** `GET /models/{model}/providers`: every offering of a model, cheapest first. */
export function modelProviders(r: RouteRequest): unknown {
  const catalog = r.catalog();
  const ref = pathRest(r, "models").slice(0, -"/providers".length);
  const { model } = catalog.resolve(ref);
  const items = catalog.offerings(model.id).map((m) => ({
    key: offeringKey(m),
    provider: m.provider,
    providerName: catalog.provider(m.provider)?.name ?? m.provider,
    id: m.id,
    model: m.model,
    name: m.name,
    ...(m.lifecycle ? { lifecycle: m.lifecycle } : {}),
    limits: m.limits,
    ...(m.pricing ? { pricing: m.pricing } : {}),
    ...(m.regions ? { regions: m.regions } : {}),
  }));
  return { version: r.version(), id: model.id, total: items.length, items };
}

function countBy(models: readonly Offering[], key: (m: Offering) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of models) out[key(m)] = (out[key(m)] ?? 0) + 1;
  return out;
}

/** `GET /providers`. */
export function listProviders(r: RouteRequest): unknown {
  const catalog = r.catalog();
  const items = catalog.providers.map((p) => providerSummary(catalog, p.id));
  return { version: r.version(), total: items.length, items };
}

/** `GET /providers/{id}`. */
export function getProvider(r: RouteRequest): unknown {
  return providerSummary(r.catalog(), r.params.id!);
}

/** `GET /providers/{id}/models`: the provider's offerings. */
export function providerModels(r: RouteRequest): unknown {
  const p = r.catalog().resolveProvider(r.params.id!);
  return offeringPage(r, { ...filterFromQuery(r.url.searchParams, ["provider"]), provider: [p.id] });
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
    const ms = catalog.allOfferings;
    s = {
      version: r.version(),
      updatedAt: catalog.data.updatedAt,
      providers: catalog.providers.length,
      authors: catalog.authors.length,
      models: catalog.models.length,
      offerings: ms.length,
      withPricing: ms.filter((m) => m.pricing?.input !== undefined || m.pricing?.output !== undefined).length,
      openWeights: ms.filter((m) => m.openWeights === true).length,
      reasoning: ms.filter((m) => m.capabilities.reasoning === true).length,
      toolCalls: ms.filter((m) => m.capabilities.toolCalls === true).length,
      byStatus: countBy(ms, (m) => m.lifecycle?.status ?? "active"),
      byProvider: countBy(ms, (m) => m.provider),
    };
    stats.set(catalog, s);
  }
  return s;
}
