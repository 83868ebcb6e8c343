/**
 * `POST /cost`: the pricing library's calculator over the request's snapshot.
 *
 * @module
 */
import type { Catalog } from "../catalog/mod.ts";
import { CostCalculator, CostRequest, PriceBook } from "../pricing/mod.ts";
import { readJson } from "./_body.ts";
import type { RouteRequest } from "./_route.ts";

const calculators = new WeakMap<Catalog, CostCalculator>();

/** `POST /cost`: one breakdown, or one per provider (cheapest first) for a bare id. */
export async function cost(r: RouteRequest): Promise<unknown> {
  const request = await readJson(r.c.req.raw, CostRequest, { max: r.state.options.maxBodyBytes });
  const catalog = r.catalog();
  let calc = calculators.get(catalog);
  if (!calc) {
    const overrides = r.state.options.pricingOverrides;
    calc = new CostCalculator(new PriceBook(catalog, overrides ? { overrides } : {}));
    calculators.set(catalog, calc);
  }
  return calc.calculate(request);
}
