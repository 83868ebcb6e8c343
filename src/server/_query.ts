/**
 * Strict parsing of the model-filter query parameters of `GET /models`: every parameter is known, single
 * parameters appear once, lists may repeat and hold comma-separated values, and a bad value is a 400 that names
 * its parameter.
 *
 * @module
 */
import { z } from "zod";
import { Capability, type ModelFilter, ModelSortKey } from "../catalog/mod.ts";
import { CatalogDate, Modality, ModelStatus, Operation } from "../catalog/mod.ts";
import { suggest } from "../words/mod.ts";
import { badParameter } from "./_errors.ts";

/** The most models one page may hold. */
export const MAX_LIMIT = 1000;
/** The page size when `limit` is not given. */
export const DEFAULT_LIMIT = 100;
/** The most values a list parameter may hold (over all its repeats). */
export const MAX_LIST_ITEMS = 32;
/** The longest value, in characters. */
export const MAX_VALUE_LENGTH = 256;
/** The most parameters (counting repeats) a query may hold. */
export const MAX_PARAMS = 64;

/** Whether `YYYY-MM-DD` (or `YYYY-MM`) names a day (or month) the calendar has. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && day >= 1 && date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
}

/** A catalog date that is also a real calendar date (`2025-02-31` and `2025-25-11` are refused). */
export const QueryDate = CatalogDate.refine(isCalendarDate, "not a calendar date");

type Kind = "string" | "int" | "number" | "bool" | "tokens";

/** One query parameter: its name, the filter key it sets, its value schema and how text becomes a value. */
export interface QueryParam {
  /** The parameter name in the URL. */
  name: string;
  /** The key it sets in the parsed result (a {@link ModelFilter} key for the model lists). */
  key: string;
  /** Whether it may repeat and hold comma-separated values. */
  list: boolean;
  /** How the text is read before validation. */
  kind: Kind;
  /** The schema of one value (documented in OpenAPI). */
  schema: z.ZodType;
  /** What it does. */
  description: string;
}

const p = (
  name: string,
  key: string,
  list: boolean,
  kind: Kind,
  schema: z.ZodType,
  description: string,
): QueryParam => ({ name, key, list, kind, schema, description });

/** Every filter parameter of the model list routes. */
export const MODEL_QUERY: readonly QueryParam[] = [
  p("provider", "provider", true, "string", z.string().min(1), "provider ids or aliases (any matches)"),
  p("author", "author", true, "string", z.string().min(1), "author ids (any matches)"),
  p(
    "search",
    "search",
    true,
    "string",
    z.string().min(1).max(MAX_VALUE_LENGTH),
    "terms over id, name, family, aliases (all match)",
  ),
  p("capability", "capabilities", true, "string", Capability, "required capabilities (all)"),
  p("input", "input", true, "string", Modality, "required input modalities (all)"),
  p("output", "output", true, "string", Modality, "required output modalities (all)"),
  p(
    "min_context",
    "minContext",
    false,
    "tokens",
    z.number().int().nonnegative(),
    "minimum context (128000, 128k)",
  ),
  p(
    "max_price",
    "maxInputPrice",
    false,
    "number",
    z.number().nonnegative(),
    "maximum input USD per 1M tokens",
  ),
  p(
    "max_output_price",
    "maxOutputPrice",
    false,
    "number",
    z.number().nonnegative(),
    "maximum output USD per 1M",
  ),
  p("status", "status", true, "string", ModelStatus, "life-cycle states (any matches)"),
  p(
    "open_weights",
    "openWeights",
    false,
    "bool",
    z.boolean(),
    "only models with (true) or without open weights",
  ),
  p(
    "released_after",
    "releasedAfter",
    false,
    "string",
    QueryDate,
    "released on or after (YYYY-MM-DD or YYYY-MM)",
  ),
  p(
    "released_before",
    "releasedBefore",
    false,
    "string",
    QueryDate,
    "released on or before (YYYY-MM-DD, or YYYY-MM: the whole month)",
  ),
  p("param", "param", true, "string", z.string().min(1), "request parameters an offering accepts (all)"),
  p("operation", "operation", true, "string", Operation, "operations an offering serves (all)"),
  p("lifecycle", "status", true, "string", ModelStatus, "the same as status"),
  p(
    "retiring_before",
    "retiringBefore",
    false,
    "string",
    QueryDate,
    "offerings retired or deprecated on or before (YYYY-MM-DD, or YYYY-MM: the whole month)",
  ),
  p("region", "region", true, "string", z.string().min(1), "regions an offering is served in (any)"),
  p("sort", "sort", false, "string", ModelSortKey, "sort key"),
  p("order", "order", false, "string", z.enum(["asc", "desc"]), "sort order"),
  p("limit", "limit", false, "int", z.number().int().min(1).max(MAX_LIMIT), `page size, 1–${MAX_LIMIT}`),
  p("offset", "offset", false, "int", z.number().int().nonnegative(), "models to skip"),
];

const tokenSuffix: Record<string, number> = { "": 1, k: 1e3, m: 1e6 };

function convert(kind: Kind, text: string): unknown {
  switch (kind) {
    case "string":
      return text;
    case "int":
      return /^\d+$/.test(text) ? Number(text) : text;
    case "number":
      return /^\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case "bool":
      return text === "true" || text === "1" ? true : text === "false" || text === "0" ? false : text;
    case "tokens": {
      const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text);
      return m ? Math.round(Number(m[1]) * tokenSuffix[m[2]!.toLowerCase()]!) : text;
    }
  }
}

/** The query parameters of `POST /update`: what to update (the same as the JSON body's fields). */
export const UPDATE_QUERY: readonly QueryParam[] = [
  p("provider", "provider", false, "string", z.string().min(1), "update only this provider's data"),
  p("source", "sources", true, "string", z.string().min(1), "update only from these sources (by id)"),
];

/** The query of `GET /ws`: where a reconnecting client resumes. */
export const WS_QUERY: readonly QueryParam[] = [
  p(
    "since",
    "since",
    false,
    "string",
    z.string().regex(/^\d{1,15}$/),
    "the id of the last event this client saw: the events after it are sent after `ready` (or a `refetch` event " +
      "when they are no longer held), as `Last-Event-ID` does for `/events`",
  ),
];

/** What text a kind reads, for a value it cannot read (zod would only say "expected number, received string"). */
const expected: Record<Exclude<Kind, "string">, string> = {
  int: "a whole number 0 or more",
  number: "a number 0 or more",
  bool: "true or false",
  tokens: "a token count like 128000 or 128k",
};

function value(param: QueryParam, text: string): unknown {
  if (text.length > MAX_VALUE_LENGTH) {
    throw badParameter(param.name, `longer than ${MAX_VALUE_LENGTH} characters`);
  }
  const converted = convert(param.kind, text.trim());
  if (param.kind !== "string" && typeof converted === "string") {
    throw badParameter(param.name, `expected ${expected[param.kind]} (got "${text}")`);
  }
  const result = param.schema.safeParse(converted);
  if (result.success) return result.data;
  throw badParameter(param.name, `${result.error.issues[0]!.message} (got "${text}")`);
}

/**
 * Parses query parameters strictly against `spec`: unknown names, repeated singles, empty, invalid or over-long
 * values, more than {@link MAX_LIST_ITEMS} values in a list and more than {@link MAX_PARAMS} parameters are 400s.
 *
 * @throws {HttpError} 400 naming the parameter.
 */
export function parseQuery(params: URLSearchParams, spec: readonly QueryParam[]): Record<string, unknown> {
  const byName = new Map(spec.map((q) => [q.name, q]));
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  let count = 0;
  for (const [name, text] of params) {
    if (++count > MAX_PARAMS) throw badParameter("query", `more than ${MAX_PARAMS} parameters`);
    const param = byName.get(name);
    if (!param) {
      const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
      throw badParameter(shown, "unknown query parameter", suggest(shown, byName.keys()));
    }
    if (!param.list) {
      if (seen.has(name)) throw badParameter(name, "given more than once");
      seen.add(name);
      out[param.key] = value(param, text);
      continue;
    }
    const items = text.split(",").map((t) => t.trim()).filter((t) => t.length > 0);
    if (!items.length) throw badParameter(name, "is empty");
    const list = (out[param.key] as unknown[] | undefined) ?? [];
    if (list.length + items.length > MAX_LIST_ITEMS) {
      throw badParameter(name, `more than ${MAX_LIST_ITEMS} values`);
    }
    for (const item of items) list.push(value(param, item));
    out[param.key] = list;
  }
  return out;
}

/**
 * Builds a model filter from query parameters. `exclude` names parameters a route fixes itself (the provider of
 * `/providers/{id}/models`); they count as unknown.
 *
 * @throws {HttpError} 400 naming the parameter: unknown, repeated single, empty or invalid value.
 */
export function filterFromQuery(params: URLSearchParams, exclude: readonly string[] = []): ModelFilter {
  const filter = parseQuery(params, MODEL_QUERY.filter((q) => !exclude.includes(q.name)));
  filter.limit ??= DEFAULT_LIMIT;
  return filter as ModelFilter;
}
