/**
 * What `starmap schema <kind>` does: the JSON Schema (draft 2020-12) of each output, generated from the zod
 * schemas of the records and from the column specs of the rows, so it cannot drift from what is printed.
 *
 * @module
 */
import { z } from "zod";
import {
  Author,
  AuthorSummary,
  CatalogData,
  Model,
  ModelFields,
  Offering,
  Provider,
  ProviderSummary,
} from "../../catalog/mod.ts";
import { CostResponse } from "../../pricing/mod.ts";
import type { Column, View } from "../render/mod.ts";
import { renderData } from "../render/mod.ts";
import type { Context } from "../_context.ts";
import { compareView } from "../views/mod.ts";
import { modelView, offeringView } from "../views/mod.ts";
import { authorView, providerView } from "../views/mod.ts";
import type { SCHEMA_KINDS } from "./_schema_kinds.ts";

type Kind = typeof SCHEMA_KINDS[number];

const count = z.number().int().nonnegative();
const ProviderShown = Provider.extend({ models: z.array(z.string()) });
const AuthorShown = Author.extend({ providers: z.array(z.string()), models: z.array(z.string()) });
const ModelShown = z.object({
  model: Model,
  offering: Offering.optional(),
  offerings: z.array(Offering).optional(),
});
const ModelListed = ModelFields.extend({
  providers: count,
  offerings: count,
  cheapest: z.object({ input: z.number().optional(), output: z.number().optional() }),
});

function columnSchema<T>(c: Column<T>): Record<string, unknown> {
  const type = c.type ?? "string";
  const base = type === "array"
    ? { type: ["array", "null"], items: { type: "string" } }
    : { type: [type, "null"] };
  return { ...base, description: c.header };
}

/** The schema of one row of a view, as csv, tsv and `--fields` carry it (every field may be null). */
export function rowSchema<T>(view: View<T>): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: Object.fromEntries(view.columns.map((c) => [c.name, columnSchema(c)])),
    additionalProperties: false,
  };
}

function recordSchema(kind: Kind): z.ZodType | undefined {
  const records: Partial<Record<Kind, z.ZodType>> = {
    model: ModelShown,
    models: z.array(ModelListed),
    offering: Offering,
    offerings: z.array(Offering),
    provider: ProviderShown,
    providers: z.array(ProviderSummary),
    author: AuthorShown,
    authors: z.array(AuthorSummary),
    cost: CostResponse,
    catalog: CatalogData,
  };
  return records[kind];
}

/** The JSON Schema of an output. */
export function outputSchema(kind: Kind): Record<string, unknown> {
  const record = recordSchema(kind);
  if (record) return z.toJSONSchema(record, { io: "output", unrepresentable: "any" });
  if (kind === "providers-row") return rowSchema(providerView);
  if (kind === "authors-row") return rowSchema(authorView);
  if (kind === "cost-row") return rowSchema(compareView);
  if (kind === "offerings-row") return rowSchema(offeringView);
  return rowSchema(modelView);
}

/** `schema <kind>`. */
export function printSchema(ctx: Context, kind: Kind): void {
  ctx.io.out(renderData(outputSchema(kind), "json"));
}
