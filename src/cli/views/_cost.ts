/**
 * How costs read: the components of one model's cost, and the comparison of every provider of a bare id.
 *
 * @module
 */
import type { CostBreakdown, CostComponent } from "../../pricing/types.gen.ts";
import type { View } from "../render/mod.ts";

// Made when first used: an Intl formatter made when the module loads costs every command a few milliseconds.
const group = { format: (n: number) => n.toLocaleString("en-US") };
const usd = (text: string | null) => (text === null ? null : Number(text));

const plurals: Record<string, string> = { search: "searches", query: "queries" };
const plural = (unit: string) => plurals[unit] ?? `${unit}s`;

function perText(c: CostComponent): string {
  return c.per === 1 ? c.unit : `${c.per === 1_000_000 ? "1M" : "1K"} ${plural(c.unit)}`;
}

/** The components of one cost (`cost provider/model`). */
export const componentView: View<CostComponent> = {
  noun: "components",
  key: (c) => c.component,
  columns: [
    { name: "component", header: "COMPONENT", value: (c) => c.component, id: true },
    {
      name: "quantity",
      header: "QUANTITY",
      value: (c) => c.quantity,
      format: (c) => `${group.format(c.quantity)} ${c.quantity === 1 ? c.unit : plural(c.unit)}`,
      right: true,
      type: "number",
    },
    {
      name: "price_usd",
      header: "PRICE (USD)",
      value: (c) => c.price,
      format: (c) => (c.price === null ? "unknown" : `${c.price}/${perText(c)}`),
      right: true,
      type: "number",
    },
    { name: "price_from", header: "FROM", value: (c) => c.priceFrom, wide: true },
    {
      name: "usd",
      header: "COST (USD)",
      value: (c) => usd(c.usd),
      format: (c) => c.usd ?? "unknown",
      right: true,
      type: "number",
    },
  ],
};

function priceOf(r: CostBreakdown, name: string): number | null | undefined {
  return r.components.find((x) => x.component === name)?.pricePerMillion;
}

function priceText(r: CostBreakdown, name: string): string {
  const c = r.components.find((x) => x.component === name);
  return c ? (c.pricePerMillion === null ? "?" : String(c.pricePerMillion)) : "";
}

function totalText(r: CostBreakdown): string {
  if (r.status === "unknown") return "unknown price";
  if (r.status === "incomplete") return `${r.total} + unknown`;
  return r.total!;
}

/** The comparison of providers (`cost <bare id>`), cheapest first. */
export const compareView: View<CostBreakdown> = {
  noun: "providers",
  key: (r) => r.key,
  columns: [
    { name: "provider", header: "PROVIDER", value: (r) => r.provider, id: true },
    { name: "model", header: "MODEL", value: (r) => r.model, id: true },
    { name: "status", header: "STATUS", value: (r) => r.status },
    {
      name: "input_usd_per_1m",
      header: "IN/1M",
      value: (r) => priceOf(r, "input"),
      format: (r) => priceText(r, "input"),
      right: true,
      wide: true,
      type: "number",
    },
    {
      name: "output_usd_per_1m",
      header: "OUT/1M",
      value: (r) => priceOf(r, "output"),
      format: (r) => priceText(r, "output"),
      right: true,
      wide: true,
      type: "number",
    },
    {
      name: "tier",
      header: "TIER",
      value: (r) => r.tier,
      format: (r) => (r.tier === null ? "" : `>${r.tier}`),
      wide: true,
      type: "integer",
    },
    {
      name: "total_usd",
      header: "TOTAL (USD)",
      value: (r) => usd(r.total),
      format: totalText,
      right: true,
      type: "number",
    },
  ],
};

/** The lines under one model's components: what was priced, and the total. */
export function costSummary(r: CostBreakdown): string {
  const name = r.name && r.name !== r.model ? ` (${r.name})` : "";
  const tier = r.tier === null ? "" : `, context tier > ${group.format(r.tier)} tokens`;
  const override = r.overridden ? ", prices from the pricing file" : "";
  const service = r.service === "standard" ? "" : `, ${r.service} rate`;
  const notes = r.notes.map((n) => `note: ${n}\n`).join("");
  const total = r.status === "unknown" && r.service !== "standard"
    ? `unknown at the ${r.service} rate`
    : r.status === "unknown"
    ? "unknown: the catalog has no price for this model (not free)"
    : r.status === "incomplete"
    ? `${r.total} (incomplete: some components have no price)`
    : r.total;
  return `\n${r.key}${name}: ${r.status}${service}${tier}${override}\n${notes}TOTAL USD ${total}\n`;
}
