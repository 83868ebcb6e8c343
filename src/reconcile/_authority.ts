/**
 * The authority table: which source wins for which field. Field-path patterns (`pricing.*`, `limits.context`,
 * `*`) map to ranked lists of sources, named by source id (`models.dev`, `openai`) or by kind (`models_dev`,
 * `provider_api`). The most specific pattern that matches a field decides; sources it does not list rank below
 * every listed one, in the order of the `*` list.
 *
 * @module
 */
import type { ReconcileConfig, ReconcileStrategy } from "../config/types.gen.ts";
import type { SourceKind } from "../sources/mod.ts";

/** The identity of a source as the authority table sees it. */
export interface SourceRef {
  /** The source id (`models.dev`, `openai`, `local`, …). */
  readonly id: string;
  /** The source kind. */
  readonly kind: SourceKind;
}

/**
 * The default authority: the user's local overrides win everything they set; models.dev is the curated source of
 * prices, limits and metadata; provider APIs know best what exists, what it can do and how it is served (request
 * parameters, operations, life cycle, regions); embedded data is the floor. Model-level fields are looked up as
 * `model.<path>`.
 * `existence` names the sources allowed to add models (LiteLLM only enriches models others list).
 */
export const DEFAULT_AUTHORITY: Readonly<Record<string, readonly string[]>> = {
  "*": ["local", "models_dev", "provider_api", "litellm", "embedded"],
  "existence": ["local", "provider_api", "models_dev", "embedded"],
  "pricing.*": ["local", "models_dev", "litellm", "provider_api", "embedded"],
  "limits.*": ["local", "models_dev", "provider_api", "litellm", "embedded"],
  "capabilities.*": ["local", "provider_api", "models_dev", "litellm", "embedded"],
  "description": ["local", "provider_api", "models_dev", "litellm", "embedded"],
  "lifecycle.*": ["local", "provider_api", "models_dev", "litellm", "embedded"],
  "params": ["local", "provider_api", "litellm", "models_dev", "embedded"],
  "operations": ["local", "provider_api", "litellm", "models_dev", "embedded"],
  "regions": ["local", "provider_api", "litellm", "models_dev", "embedded"],
  "rateLimits.*": ["local", "provider_api", "litellm", "models_dev", "embedded"],
  // Author-level fields of a model: the curated author layer first.
  "model.*": ["local", "models_dev", "provider_api", "litellm", "embedded"],
};

/** The default ranking of the `source-order` strategy. */
export const DEFAULT_ORDER: readonly string[] = [
  "local",
  "provider_api",
  "models_dev",
  "litellm",
  "embedded",
];

interface Rule {
  prefix: string;
  exact: boolean;
  sources: readonly string[];
}

function rank(sources: readonly string[], source: SourceRef): number {
  for (let i = 0; i < sources.length; i++) {
    if (sources[i] === source.id || sources[i] === source.kind) return sources.length - i;
  }
  return -1;
}

/** Resolves field paths to source priorities. Higher numbers win. */
export class Authority {
  /** The strategy in use. */
  readonly strategy: ReconcileStrategy;
  readonly #rules: Rule[];
  readonly #fallback: readonly string[];
  readonly #existence: readonly string[];
  readonly #cache = new Map<string, Rule | undefined>();

  /** Builds the table from a config section; patterns given there replace the default of the same pattern. */
  constructor(config: ReconcileConfig = {}) {
    this.strategy = config.strategy ?? "authority";
    const table = { ...DEFAULT_AUTHORITY, ...config.authority };
    this.#existence = table["existence"] ?? DEFAULT_AUTHORITY["existence"]!;
    this.#fallback = this.strategy === "source-order"
      ? config.order ?? DEFAULT_ORDER
      : table["*"] ?? DEFAULT_AUTHORITY["*"]!;
    this.#rules = this.strategy === "source-order" ? [] : Object.entries(table)
      .filter(([p]) => p !== "*" && p !== "existence")
      .map(([p, sources]) => ({
        prefix: p.endsWith(".*") ? p.slice(0, -1) : p,
        exact: !p.endsWith(".*"),
        sources,
      }))
      // Most specific first: exact paths, then longer prefixes.
      .sort((a, b) => Number(b.exact) - Number(a.exact) || b.prefix.length - a.prefix.length);
  }

  /** The most specific pattern's source list for a field path, or the `*` list. */
  sourcesFor(field: string): readonly string[] {
    return this.#rule(field)?.sources ?? this.#fallback;
  }

  /**
   * The priority of a source for a field: sources listed by the most specific matching pattern rank above all
   * others (first listed highest); the rest rank by the `*` list; unlisted everywhere is 0.
   */
  priority(field: string, source: SourceRef): number {
    const rule = this.#rule(field);
    const listed = rule ? rank(rule.sources, source) : -1;
    if (listed > 0) return 1000 + listed;
    return Math.max(0, rank(this.#fallback, source));
  }

  /** Whether a source may add models that no other source lists (LiteLLM, by default, only enriches). */
  canCreate(source: SourceRef): boolean {
    return this.strategy === "source-order" || rank(this.#existence, source) > 0;
  }

  /** A source's rank for existence (which models a provider serves): higher is more authoritative, 0 unlisted. */
  existenceRank(source: SourceRef): number {
    return Math.max(0, rank(this.strategy === "source-order" ? this.#fallback : this.#existence, source));
  }

  #rule(field: string): Rule | undefined {
    if (this.#cache.has(field)) return this.#cache.get(field);
    const rule = this.#rules.find((r) => r.exact ? r.prefix === field : field.startsWith(r.prefix));
    this.#cache.set(field, rule);
    return rule;
  }
}
