/**
 * The immutable catalog snapshot with its indexes.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { modelPredicate, sortModels } from "./match.ts";
import { suggest } from "./suggest.ts";
import type { Author, CatalogData, Model, ModelFilter, Provider } from "./types.gen.ts";

/** A page of query results with the number of matches before paging. */
export interface ModelPage {
  /** The models of this page. */
  readonly items: readonly Model[];
  /** How many models matched before offset and limit. */
  readonly total: number;
}

/** Freezes a value and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) { for (let i = 0; i < value.length; i++) deepFreeze(value[i]); }
    else for (const key in value) deepFreeze(value[key]);
  }
  return value;
}

/**
 * A key for an array of at most 16 strings (`undefined` for anything else), so that equal small string lists
 * (modalities, authors, aliases) can share one frozen array.
 */
function stringsKey(value: readonly unknown[]): string | undefined {
  if (value.length > 16) return undefined;
  let key = `${value.length}`;
  for (const item of value) {
    if (typeof item !== "string") return undefined;
    key += `\u0000${item}`;
  }
  return key;
}

/**
 * Deep-freezes a catalog document in place. Equal arrays of strings are replaced by one shared frozen array:
 * freezing an array is the slow part in JavaScriptCore, and the catalog holds thousands of equal small lists.
 */
function freezeShared<T>(value: T, shared: Map<string, readonly string[]>): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    const key = stringsKey(value);
    if (key !== undefined) {
      const hit = shared.get(key);
      if (hit) return hit as T;
      shared.set(key, Object.freeze(value as string[]));
      return value;
    }
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const frozen = freezeShared(item, shared);
      if (frozen !== item) value[i] = frozen;
    }
    return Object.freeze(value);
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    const frozen = freezeShared(item, shared);
    if (frozen !== item) record[key] = frozen;
  }
  return Object.freeze(value);
}

function groupBy<V>(values: readonly V[], keys: (v: V) => readonly string[] | string): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const v of values) {
    const k = keys(v);
    for (const key of typeof k === "string" ? [k] : k) {
      const list = map.get(key);
      if (list) list.push(v);
      else map.set(key, [v]);
    }
  }
  return map;
}

/** The key of a model in the catalog: `provider/id`. */
export function modelKey(m: Pick<Model, "provider" | "id">): string {
  return `${m.provider}/${m.id}`;
}

/**
 * An immutable snapshot of the catalog. Each index is built once per snapshot, on first use (a command that
 * shows one model needs only the key index); an update builds a new snapshot rather than changing this one.
 *
 * @example
 * ```ts
 * const catalog = Catalog.from(data);
 * catalog.model("openai/gpt-4o")?.pricing?.input; // 2.5
 * ```
 */
export class Catalog {
  /** The frozen catalog document. */
  readonly data: Readonly<CatalogData>;
  #byKeyIndex: Map<string, Model> | undefined;
  #byIdIndex: Map<string, Model[]> | undefined;
  #byAuthorIndex: Map<string, Model[]> | undefined;
  #byProviderIndex: Map<string, Model[]> | undefined;
  #providersIndex: Map<string, Provider> | undefined;
  #authorsIndex: Map<string, Author> | undefined;

  private constructor(data: CatalogData) {
    this.data = data;
  }

  /**
   * Makes a snapshot from catalog data, deep-freezing it in place (equal arrays of strings become one shared
   * frozen array). The data must already be valid.
   */
  static from(data: CatalogData): Catalog {
    return new Catalog(freezeShared(data, new Map()));
  }

  get #byKey(): Map<string, Model> {
    return this.#byKeyIndex ??= new Map(this.data.models.map((m) => [modelKey(m), m]));
  }

  get #byId(): Map<string, Model[]> {
    return this.#byIdIndex ??= groupBy(this.data.models, (m) => m.id);
  }

  get #byAuthor(): Map<string, Model[]> {
    return this.#byAuthorIndex ??= groupBy(this.data.models, (m) => m.authors);
  }

  get #byProvider(): Map<string, Model[]> {
    return this.#byProviderIndex ??= groupBy(this.data.models, (m) => m.provider);
  }

  get #providers(): Map<string, Provider> {
    if (this.#providersIndex) return this.#providersIndex;
    const map = new Map<string, Provider>();
    for (const p of this.data.providers) {
      map.set(p.id, p);
      for (const alias of p.aliases ?? []) if (!map.has(alias)) map.set(alias, p);
    }
    return this.#providersIndex = map;
  }

  get #authors(): Map<string, Author> {
    return this.#authorsIndex ??= new Map(this.data.authors.map((a) => [a.id, a]));
  }

  /** All providers, in catalog order. */
  get providers(): readonly Provider[] {
    return this.data.providers;
  }

  /** All authors, in catalog order. */
  get authors(): readonly Author[] {
    return this.data.authors;
  }

  /** All models, in catalog order (by provider, then id). */
  get models(): readonly Model[] {
    return this.data.models;
  }

  /** A provider by id or alias. */
  provider(id: string): Provider | undefined {
    return this.#providers.get(id) ?? this.#providers.get(id.toLowerCase());
  }

  /** An author by id. */
  author(id: string): Author | undefined {
    return this.#authors.get(id) ?? this.#authors.get(id.toLowerCase());
  }

  /** A model by its `provider/id` key. */
  model(key: string): Model | undefined {
    return this.#byKey.get(key);
  }

  /** Every model served under a bare id, one per provider. */
  modelsById(id: string): readonly Model[] {
    return this.#byId.get(id) ?? [];
  }

  /** The models of a provider (by id or alias). */
  modelsByProvider(id: string): readonly Model[] {
    const p = this.provider(id);
    return p ? this.#byProvider.get(p.id) ?? [] : [];
  }

  /** The models an author made. */
  modelsByAuthor(id: string): readonly Model[] {
    return this.#byAuthor.get(id.toLowerCase()) ?? [];
  }

  /** The providers whose models an author made, with how many each serves. */
  authorProviders(id: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.modelsByAuthor(id)) counts.set(m.provider, (counts.get(m.provider) ?? 0) + 1);
    return counts;
  }

  /**
   * Finds the models a reference names: `provider/model` (the provider may be an alias), or a bare model id that
   * may be served by several providers. Returns an empty list when nothing matches.
   */
  lookup(ref: string): readonly Model[] {
    const exact = this.#byKey.get(ref);
    if (exact) return [exact];
    const slash = ref.indexOf("/");
    if (slash > 0) {
      const provider = this.provider(ref.slice(0, slash));
      const model = provider && this.#byKey.get(`${provider.id}/${ref.slice(slash + 1)}`);
      if (model) return [model];
    }
    return this.modelsById(ref);
  }

  /**
   * Resolves a reference to exactly one model; with `provider` (an id or alias), `ref` is that provider's model id.
   *
   * @throws {StarmapError} `not_found` with the nearest matches, or `invalid` when a bare id is served by several
   * providers (the error lists them).
   */
  resolveModel(ref: string, provider?: string): Model {
    if (provider !== undefined) ref = `${this.resolveProvider(provider).id}/${ref}`;
    const found = this.lookup(ref);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const keys = found.map(modelKey);
      throw new StarmapError("invalid", `model "${ref}" is served by ${keys.length} providers`, {
        hint: `name one of them as provider/model:\n${keys.map((k) => `  ${k}`).join("\n")}`,
        suggestions: keys,
      });
    }
    throw this.#notFound("model", ref, [...this.#byKey.keys(), ...this.#byId.keys()]);
  }

  /** Resolves a provider by id or alias. @throws {StarmapError} `not_found` with the nearest ids. */
  resolveProvider(id: string): Provider {
    const p = this.provider(id);
    if (p) return p;
    throw this.#notFound("provider", id, this.#providers.keys());
  }

  /** Resolves an author by id. @throws {StarmapError} `not_found` with the nearest ids. */
  resolveAuthor(id: string): Author {
    const a = this.author(id);
    if (a) return a;
    throw this.#notFound("author", id, this.#authors.keys());
  }

  /**
   * Runs a filter: conditions, then sort, then offset and limit.
   *
   * @throws {StarmapError} `not_found` when the filter names a provider or author the catalog does not have.
   */
  query(filter: ModelFilter = {}): ModelPage {
    for (const a of filter.author ?? []) this.resolveAuthor(a);
    const source = this.#candidates(filter.provider);
    const matches = source.filter(modelPredicate(filter));
    const sorted = filter.sort ? sortModels(matches, filter.sort, filter.order) : matches;
    if (!filter.sort && filter.order === "desc") sorted.reverse();
    const start = filter.offset ?? 0;
    const end = filter.limit === undefined ? undefined : start + filter.limit;
    return { items: sorted.slice(start, end), total: matches.length };
  }

  #candidates(providers: readonly string[] | undefined): Model[] {
    if (!providers?.length) return [...this.data.models];
    return providers.flatMap((id) => [...this.modelsByProvider(this.resolveProvider(id).id)]);
  }

  #notFound(what: string, name: string, names: Iterable<string>): StarmapError {
    const suggestions = suggest(name, new Set(names));
    return new StarmapError("not_found", `${what} "${name}" not found`, {
      suggestions,
      ...(suggestions.length ? { hint: `did you mean: ${suggestions.join(", ")}?` } : {}),
    });
  }
}
