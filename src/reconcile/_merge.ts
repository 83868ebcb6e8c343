/**
 * The offering merge of the reconciler: merges what every source knows of each offering, field by field, by the
 * authority table, over the baseline catalog, and records the provenance of every field. Pure: it never fetches.
 * Linking and models are the next steps (`_reconcile.ts`).
 *
 * Rules:
 * - A field's value comes from the source with the highest priority for that field (ties: the order of the
 *   results). Baseline values keep the priority of the source that gave them, so a lower-ranked source cannot
 *   overwrite them when the better source did not run.
 * - A baseline field disappears only when the source that gave it ran and no longer gives it.
 * - A model disappears only when a source authoritative for its existence stops listing it: see `_existence.ts`
 *   for the exact rule (a source with a complete model list removes only what it, or a partial source ranked no
 *   higher for existence, listed; models of unknown origin count as their provider API's). Local overrides always
 *   keep a model.
 * - A merged model equal to its baseline model is the baseline object itself (no copy, no revalidation), so a
 *   sync that changes little allocates little.
 *
 * @module
 */
import type { z } from "zod";
import type { AuthorDeriver } from "../catalog/mod.ts";
import { Author, OfferingFields, Provider } from "../catalog/mod.ts";
import { Authority, type SourceRef } from "./_authority.ts";
import { authorName, deriverFromCatalog } from "./_authors.ts";
import { decideExistence, type ExistenceVerdict } from "./_existence.ts";
import { deletePath, eachField, type FieldValue, sameValue, setPath } from "./_fields.ts";
import type { UnlinkedOffering } from "./_linking.ts";
import { EntryPool } from "./_provenance.ts";
import type { SourceSnapshot } from "./_snapshot.ts";
import type { AuthorRecord, CatalogData, OfferingRecord, ProviderRecord } from "../catalog/types.gen.ts";
import type { Provenance, ProvenanceEntry } from "./types.gen.ts";

export type { SourceSnapshot } from "./_snapshot.ts";

/** An offering without its link, as the merge validates it (the link step adds `model` and `link`). */
const Unlinked = OfferingFields.omit({ model: true, link: true }).refine(
  (m) => m.limits.input === undefined || m.limits.context === undefined || m.limits.input <= m.limits.context,
  { message: "limits.input must not exceed limits.context", path: ["limits", "input"] },
);
type Unlinked = z.infer<typeof Unlinked>;

/** What {@link reconcile} takes. */
export interface ReconcileInput {
  /** The catalog before this sync. */
  baseline: CatalogData;
  /** The provenance saved beside the baseline, if any. */
  provenance?: Provenance | undefined;
  /** The sources that ran successfully, in order (earlier wins ties). */
  results: readonly SourceSnapshot[];
  /** The authority table. @default new Authority() */
  authority?: Authority | undefined;
  /** Only these providers change; the rest of the baseline is kept as it is. */
  providers?: readonly string[] | undefined;
  /** The time stamp of the new catalog (ISO 8601). */
  now: string;
  /** Derives the authors of models no source names them for. @default learnt from the baseline */
  deriver?: AuthorDeriver | undefined;
}

/**
 * A candidate value of a field. Live candidates are collected before baseline ones, so a stable sort by priority
 * puts a live value first on a tie; the entry itself goes into the provenance, uncopied.
 */
type Candidate = ProvenanceEntry;

interface Located<T> {
  snap: SourceSnapshot;
  record: T;
}

const MODEL_KEYS = new Set(["id", "provider", "model", "link"]);
const ID_KEY = new Set(["id"]);
const BASELINE: SourceRef = { id: "baseline", kind: "embedded" };

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byPriority(a: Candidate, b: Candidate): number {
  return b.priority - a.priority;
}

function confirmed(list: readonly Candidate[] | undefined, value: unknown): boolean {
  if (!list) return false;
  for (const c of list) if (sameValue(c.value, value)) return true;
  return false;
}

/** The offering merge's working state for one run. */
export class Reconciler {
  readonly #in: ReconcileInput;
  readonly #authority: Authority;
  readonly #deriver: AuthorDeriver;
  readonly #scope: ReadonlySet<string> | undefined;
  readonly #ran = new Map<string, SourceSnapshot>();
  readonly #models = new Map<string, Located<OfferingRecord>[]>();
  readonly #providers = new Map<string, Located<ProviderRecord>[]>();
  readonly #authors = new Map<string, Located<AuthorRecord>[]>();
  readonly #known = new Map<string, Set<string>>();
  readonly #completeFor = new Map<string, SourceSnapshot[]>();
  readonly #keptUnknown = new Map<string, number>();
  readonly #refs = new Map<string, SourceRef>();
  /** The entries and one-entry lists of this run, shared (see `EntryPool`). */
  readonly pool = new EntryPool();
  readonly notes: string[] = [];

  constructor(input: ReconcileInput) {
    this.#in = input;
    this.#authority = input.authority ?? new Authority();
    this.#deriver = input.deriver ?? deriverFromCatalog(input.baseline);
    this.#scope = input.providers?.length ? new Set(input.providers) : undefined;
    for (const snap of input.results) {
      this.#ran.set(snap.source.id, snap);
      const known = new Set<string>();
      this.#known.set(snap.source.id, known);
      for (const m of snap.result.offerings) {
        known.add(m.provider);
        if (this.inScope(m.provider)) push(this.#models, `${m.provider}/${m.id}`, { snap, record: m });
      }
      for (const p of snap.result.providers) {
        known.add(p.id);
        if (this.inScope(p.id)) push(this.#providers, p.id, { snap, record: p });
      }
      for (const a of snap.result.authors) push(this.#authors, a.id, { snap, record: a });
    }
  }

  inScope(provider: string): boolean {
    return !this.#scope || this.#scope.has(provider);
  }

  /** The sources authoritative for a provider's model list in this run. */
  complete(provider: string): SourceSnapshot[] {
    const cached = this.#completeFor.get(provider);
    if (cached) return cached;
    const out = this.#in.results.filter((s) => s.result.complete.includes(provider));
    for (const id of this.#in.provenance?.complete[provider] ?? []) {
      const snap = this.#ran.get(id);
      if (snap && !out.includes(snap) && !this.#known.get(id)?.has(provider)) out.push(snap);
    }
    this.#completeFor.set(provider, out);
    return out;
  }

  /** Whether a model is in the new catalog, and the sources that vouch for it (see `_existence.ts`). */
  existence(key: string, provider: string, inBaseline: boolean): ExistenceVerdict {
    const verdict = decideExistence({
      provider,
      listers: (this.#models.get(key) ?? []).map(({ snap }) => ({
        source: snap.source,
        complete: snap.result.complete.includes(provider),
        at: snap.at,
      })),
      complete: this.complete(provider).map((s) => s.source),
      ran: this.#ran,
      recorded: this.#in.provenance?.offerings[key],
      completeBefore: this.#in.provenance?.complete[provider] ?? [],
      inBaseline,
      baselineAt: this.#in.baseline.updatedAt,
    }, this.#authority);
    if (verdict.keptUnknown) this.#keptUnknown.set(provider, (this.#keptUnknown.get(provider) ?? 0) + 1);
    // Witnesses repeat across a provider's offerings (`models.dev` listed at one time): share them.
    const { witnesses } = verdict;
    for (let i = 0; i < witnesses.length; i++) {
      const w = witnesses[i]!;
      witnesses[i] = this.pool.entry(w.source, w.kind, w.at, w.priority, w.value);
    }
    return verdict;
  }

  /** Notes the models that only an unknown-origin witness kept against a complete source's list. */
  noteKeptUnknown(): void {
    for (const [provider, n] of this.#keptUnknown) {
      this.notes.push(
        `${provider}: kept ${n} model(s) of unknown origin that a complete source does not list; ` +
          `only ${provider}'s list-models API (or a source ranked as high for existence) can remove them`,
      );
    }
  }

  /** Collects every candidate value of every field of a model, best first. */
  candidates(key: string, baseline: UnlinkedOffering | undefined): Map<string, Candidate[]> {
    const out = new Map<string, Candidate[]>();
    const live = this.#models.get(key) ?? [];
    for (const { snap, record } of live) {
      const { source } = snap;
      eachField(record, (path, value) => {
        // An empty author list means "not known", not "no authors".
        if (path === "authors" && Array.isArray(value) && value.length === 0) return;
        const priority = this.#authority.priority(path, source);
        push(out, path, this.pool.entry(source.id, source.kind, snap.at, priority, value));
      }, MODEL_KEYS);
    }
    if (baseline) this.#baselineCandidates(key, baseline, out);
    for (const list of out.values()) if (list.length > 1) list.sort(byPriority);
    return out;
  }

  /** The source reference of a recorded origin, one object per source id and kind. */
  #refOf(origin: ProvenanceEntry | undefined): SourceRef {
    if (!origin) return BASELINE;
    const key = `${origin.source}\u0000${origin.kind}`;
    let ref = this.#refs.get(key);
    if (!ref) {
      ref = { id: origin.source, kind: origin.kind as SourceRef["kind"] };
      this.#refs.set(key, ref);
    }
    return ref;
  }

  #baselineCandidates(
    key: string,
    baseline: UnlinkedOffering,
    out: Map<string, Candidate[]>,
  ): void {
    const previous = this.#in.provenance?.offerings[key];
    eachField(baseline, (path, value) => {
      const origin = previous?.[path]?.[0];
      const ref = this.#refOf(origin);
      // The source that gave this value ran again: its current answer (or silence) decides.
      if (this.#ran.has(ref.id)) return;
      // A value of unknown origin that a live source confirms adds nothing to the history.
      if (ref === BASELINE && confirmed(out.get(path), value)) return;
      const priority = this.#authority.priority(path, ref);
      // The recorded entry itself when it says the same (shared with the previous provenance, not copied).
      if (origin && origin.priority === priority && origin.value === value) {
        push(out, path, origin);
        return;
      }
      push(
        out,
        path,
        this.pool.entry(ref.id, ref.kind, origin?.at ?? this.#in.baseline.updatedAt, priority, value),
      );
    }, MODEL_KEYS);
  }

  /** Builds one valid offering from its candidates, or `undefined` when no valid one can be made. */
  model(
    key: string,
    provider: string,
    id: string,
    baseline: UnlinkedOffering | undefined,
  ): { model: UnlinkedOffering; candidates: Map<string, Candidate[]> } | undefined {
    const candidates = this.candidates(key, baseline);
    const draft: Record<string, unknown> = { id, provider };
    for (const [path, list] of candidates) setPath(draft, path, list[0]!.value);
    if (!candidates.has("authors")) {
      const authors = this.#deriver.derive({
        provider,
        id,
        family: typeof draft["family"] === "string" ? draft["family"] : undefined,
      });
      draft["authors"] = authors;
      candidates.set("authors", [{
        source: "derived",
        kind: "embedded",
        value: authors,
        priority: 0,
        at: this.#in.now,
      }]);
    }
    fill(draft);
    // Unchanged: the baseline offering itself (it was valid when saved), shared instead of copied and revalidated.
    if (baseline && sameUnlinked(draft, baseline)) return { model: baseline, candidates };
    const model = this.#validate(key, draft, candidates);
    if (!model && baseline) {
      this.notes.push(`${key}: merged record is invalid, kept the previous one`);
      return { model: baseline, candidates };
    }
    return model ? { model, candidates } : undefined;
  }

  #validate(key: string, draft: Record<string, unknown>, candidates: Map<string, Candidate[]>) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const parsed = Unlinked.safeParse(draft);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        const path = leafOf(issue.path, candidates);
        if (!path || ["name", "authors", "modalities.input", "modalities.output"].includes(path)) {
          this.notes.push(`${key}: skipped, ${issue.path.join(".")}: ${issue.message}`);
          return undefined;
        }
        this.notes.push(`${key}: dropped ${path} (${issue.message})`);
        deletePath(draft, path);
        candidates.delete(path);
      }
      fill(draft);
    }
    return undefined;
  }

  provider(id: string, baseline: Provider | undefined): Provider {
    const draft = mergeFlat(id, baseline, this.#providers.get(id) ?? [], this.#authority);
    const parsed = Provider.safeParse({ name: id, env: [], ...draft });
    if (parsed.success) return parsed.data;
    this.notes.push(`provider ${id}: merged record is invalid (${parsed.error.issues[0]?.message})`);
    return baseline ?? { id, name: id, env: [] };
  }

  author(id: string, baseline: Author | undefined): Author {
    const draft = mergeFlat(id, baseline, this.#authors.get(id) ?? [], this.#authority);
    const parsed = Author.safeParse({ name: authorName(id), ...draft });
    if (parsed.success) return parsed.data;
    this.notes.push(`author ${id}: merged record is invalid (${parsed.error.issues[0]?.message})`);
    return baseline ?? { id, name: authorName(id) };
  }

  liveProviders(): string[] {
    return [...this.#providers.keys()];
  }

  liveAuthors(): string[] {
    return [...this.#authors.keys()];
  }

  liveModelKeys(): Iterable<[string, Located<OfferingRecord>[]]> {
    return this.#models.entries();
  }
}

/** Fills the required fields a merged model may lack with neutral values. */
function fill(draft: Record<string, unknown>): Record<string, unknown> {
  if (typeof draft["name"] !== "string" || !draft["name"]) draft["name"] = draft["id"];
  const modalities = (draft["modalities"] ??= {}) as Record<string, unknown>;
  modalities["input"] ??= ["text"];
  modalities["output"] ??= ["text"];
  // Capabilities no source states stay unknown (absent), never `false`.
  draft["capabilities"] ??= {};
  draft["limits"] ??= {};
  return draft;
}

/** The longest candidate field path that a zod issue path points into. */
function leafOf(path: readonly PropertyKey[], candidates: Map<string, unknown>): string | undefined {
  const keys = path.filter((k): k is string => typeof k === "string");
  for (let n = keys.length; n > 0; n--) {
    const p = keys.slice(0, n).join(".");
    if (candidates.has(p)) return p;
  }
  return undefined;
}

/** Merges flat records (providers, authors) over a baseline by authority. */
function mergeFlat<T extends { id: string }>(
  id: string,
  baseline: object | undefined,
  live: readonly Located<T>[],
  authority: Authority,
): Record<string, unknown> {
  const best = new Map<string, { priority: number; value: FieldValue }>();
  eachField(baseline ?? {}, (path, value) => best.set(path, { priority: -1, value }), ID_KEY);
  for (const { snap, record } of live) {
    eachField(record, (path, value) => {
      const priority = authority.priority(path, snap.source);
      const current = best.get(path);
      if (!current || priority > current.priority) best.set(path, { priority, value });
    }, ID_KEY);
  }
  const draft: Record<string, unknown> = {};
  for (const [path, { value }] of best) setPath(draft, path, value);
  return { ...draft, id };
}

/** Whether a merged draft equals a baseline offering, ignoring its link (the link step decides that). */
function sameUnlinked(draft: Record<string, unknown>, baseline: UnlinkedOffering): boolean {
  const b = baseline as unknown as Record<string, unknown>;
  let defined = 0;
  for (const k in draft) {
    if (draft[k] === undefined) continue;
    defined++;
    if (!sameValue(draft[k], b[k])) return false;
  }
  for (const k in b) if (b[k] !== undefined && k !== "model" && k !== "link") defined--;
  return defined === 0;
}

/** The merged offerings (unlinked) of a run. */
export type MergedOffering = Unlinked;
