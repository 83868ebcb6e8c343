/**
 * Handlers of the offering routes: `GET /offerings` (one item per provider's service of a model, with the model
 * filters) and `GET /offerings/{provider}/{id}`.
 *
 * @module
 */
import type { Offering } from "../catalog/types.gen.ts";
import { offeringPage, pathRest } from "./_catalog_handlers.ts";
import { HttpError } from "./_errors.ts";
import { filterFromQuery } from "./_query.ts";
import type { RouteRequest } from "./_route.ts";

/** `GET /offerings`. */
export function listOfferings(r: RouteRequest): unknown {
  return offeringPage(r, filterFromQuery(r.url.searchParams));
}

/** `GET /offerings/{provider}/{id}`; the id may contain `/`. */
export function getOffering(r: RouteRequest): Offering {
  const catalog = r.catalog();
  const key = pathRest(r, "offerings");
  const found = catalog.offering(key);
  if (found) return found;
  const suggestions = catalog.suggestModels(key);
  throw new HttpError(
    404,
    "not_found",
    `offering "${key}" not found`,
    suggestions.length ? { suggestions } : {},
  );
}
