/**
 * The reconciler: merges every offering field by field by the authority table (`_merge.ts`), links every offering to
 * one model (`_linking.ts`), builds every model from author-level sources and agreement across its offerings
 * (`_models.ts`), and records the provenance of fields and links. A pure function: it never fetches.
 *
 * @module
 */
import type { Author, CatalogData, Offering, Provider } from "../catalog/types.gen.ts";
import { Authority } from "./_authority.ts";
import { EXISTENCE_FIELD } from "./_existence.ts";
import { linkStep, type UnlinkedOffering } from "./_linking.ts";
import { type ReconcileInput, Reconciler } from "./_merge.ts";
import { buildModels } from "./_models.ts";
import { emptyProvenance, fieldRecord } from "./_provenance.ts";
import type { Provenance } from "./types.gen.ts";

export type { ReconcileInput, SourceSnapshot } from "./_merge.ts";

/** What {@link reconcile} returns. */
export interface ReconcileOutput {
  /** The new catalog, every model and offering valid. */
  data: CatalogData;
  /** Where each field and each link came from. */
  provenance: Provenance;
  /** Things worth telling the user (a field dropped as invalid, a model skipped). */
  notes: string[];
}

function compareKeys(a: UnlinkedOffering, b: UnlinkedOffering): number {
  return a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Merges the offerings of a run (existence, then fields), keeping out-of-scope ones as they are. */
function mergeOfferings(r: Reconciler, input: ReconcileInput, prev: Provenance, provenance: Provenance) {
  const offerings: UnlinkedOffering[] = [];
  const baselineOfferings = new Map<string, Offering>();
  for (const m of input.baseline.offerings) {
    const key = `${m.provider}/${m.id}`;
    if (r.inScope(m.provider)) baselineOfferings.set(key, m);
    else {
      offerings.push(m);
      if (prev.offerings[key]) provenance.offerings[key] = prev.offerings[key];
    }
  }
  const keys = new Map<string, { provider: string; id: string }>();
  for (const m of baselineOfferings.values()) keys.set(`${m.provider}/${m.id}`, m);
  for (const [key, recs] of r.liveModelKeys()) if (!keys.has(key)) keys.set(key, recs[0]!.record);
  for (const [key, { provider, id }] of keys) {
    const baseline = baselineOfferings.get(key);
    const existence = r.existence(key, provider, baseline !== undefined);
    if (!existence.keep) continue;
    const made = r.model(key, provider, id, baseline);
    if (!made) continue;
    offerings.push(made.model);
    const witnesses = existence.witnesses.length
      ? [EXISTENCE_FIELD, existence.witnesses] as const
      : undefined;
    provenance.offerings[key] = fieldRecord(made.candidates, r.pool, witnesses);
  }
  r.noteKeptUnknown();
  return offerings.sort(compareKeys);
}

const STATED = new Set(["override", "explicit"]);

/**
 * Sets each offering's link: a new offering takes the linker's; an offering already linked keeps an inferred link
 * unless a stated link (override or explicit) moves it; a stated link stands until its source runs and no longer
 * states it, then the linker's inference takes over. A kept link keeps the offering the same object.
 */
function applyLinks(
  merged: readonly UnlinkedOffering[],
  links: ReturnType<typeof linkStep>["links"],
  ran: ReadonlySet<string>,
  baseline: ReadonlyMap<string, Offering>,
  hinted: ReadonlyMap<string, string>,
  cutBefore: (key: string) => boolean,
): Offering[] {
  return merged.map((o) => {
    const key = `${o.provider}/${o.id}`;
    const made = links.get(key)!;
    // A merged offering that changed is a new object without its link: the baseline's link is the prior one.
    const before = baseline.get(key);
    const prior: Partial<Offering> = before ? { model: before.model, link: before.link } : {};
    const keep = (): Offering => (o === before ? before : { ...o, model: prior.model!, link: prior.link! });
    // A link a source stated stands while that source does not run again (its last word), as field values do;
    // a local override is the user's word and overrules it.
    const override = made.link.method === "override";
    // A cut link stays on the model minted for it when it was cut before (a new mint would number it afresh).
    if (made.cut && prior.link?.method === "override" && cutBefore(key)) return keep();
    if (
      !override && prior.link && STATED.has(prior.link.method) && prior.link.source &&
      !ran.has(prior.link.source)
    ) {
      return keep();
    }
    const stated = made.moves;
    // A source that still states a link for the offering keeps its explicit link while the linker only infers one
    // (the offering's own id now names a model of the baseline, which the linker prefers over any stated slug).
    if (prior.link?.method === "explicit" && !stated && hinted.get(key) === prior.link.source) return keep();
    // Links are sticky: an inferred link (spelling, agreement, new) never moves an offering already linked, so
    // model ids stay stable from one update to the next; a stated link (override, explicit) moves it.
    if (prior.model && prior.link && !stated && !STATED.has(prior.link.method)) return keep();
    if (
      prior.model === made.model && prior.link?.method === made.link.method &&
      prior.link.source === made.link.source
    ) {
      return keep();
    }
    const { model: _m, link: _l, ...rest } = o as Offering;
    return { ...rest, model: made.model, link: made.link } as Offering;
  });
}

/** The source that states a link for each offering key this run (earlier sources first, as the linker reads them). */
function hintSources(results: ReconcileInput["results"]): Map<string, string> {
  const out = new Map<string, string>();
  for (const snap of results) {
    for (const key of Object.keys(snap.result.hints ?? {})) if (!out.has(key)) out.set(key, snap.source.id);
  }
  return out;
}

/**
 * Reconciles the sources' records over the baseline catalog.
 *
 * @example
 * ```ts
 * const { data, provenance } = reconcile({ baseline, results: [{ source, result, at }], now });
 * ```
 */
export function reconcile(input: ReconcileInput): ReconcileOutput {
  const r = new Reconciler(input);
  const authority = input.authority ?? new Authority();
  const prev = input.provenance ?? emptyProvenance(input.baseline.updatedAt);
  const provenance = emptyProvenance(input.now);
  const merged = mergeOfferings(r, input, prev, provenance);
  const linked = linkStep({
    offerings: merged,
    results: input.results,
    baselineModels: input.baseline.models,
    now: input.now,
  });
  const ran = new Set(input.results.map((s) => s.source.id));
  const before = new Map(input.baseline.offerings.map((o) => [`${o.provider}/${o.id}`, o]));
  const cutBefore = (key: string) => prev.links[key]?.evidence === "cut";
  const offerings = applyLinks(merged, linked.links, ran, before, hintSources(input.results), cutBefore);
  provenance.links = linked.provenance;
  for (const o of offerings) {
    const key = `${o.provider}/${o.id}`;
    const before = prev.links[key];
    if (o.link === linked.links.get(key)?.link) continue;
    // A kept link keeps its recorded provenance; one kept without a record says it came from the baseline.
    provenance.links[key] = before ?? {
      model: o.model,
      method: o.link.method,
      confidence: o.link.confidence,
      evidence: "kept from the baseline catalog",
      ...(o.link.source ? { source: o.link.source } : {}),
      at: input.baseline.updatedAt,
    };
  }
  const built = buildModels({
    definitions: linked.result.models,
    offerings,
    records: linked.records,
    baseline: new Map(input.baseline.models.map((m) => [m.id, m])),
    previous: prev.models,
    ran,
    authority,
    baselineAt: input.baseline.updatedAt,
    now: input.now,
  });
  provenance.models = built.provenance;
  const providers = reconcileProviders(r, input.baseline, offerings);
  for (const p of providers) {
    const complete = r.inScope(p.id)
      ? input.results.filter((s) => s.result.complete.includes(p.id)).map((s) => s.source.id)
      : [];
    const kept = complete.length ? complete : prev.complete[p.id];
    if (kept?.length) provenance.complete[p.id] = kept;
  }
  const authors = reconcileAuthors(r, input.baseline, offerings);
  return {
    data: { version: 2, updatedAt: input.now, providers, authors, models: built.models, offerings },
    provenance,
    notes: [...r.notes, ...built.notes],
  };
}

function reconcileProviders(r: Reconciler, baseline: CatalogData, models: readonly Offering[]): Provider[] {
  const withModels = new Set(models.map((m) => m.provider));
  const ids = new Set([...baseline.providers.map((p) => p.id), ...r.liveProviders(), ...withModels]);
  const previous = new Map(baseline.providers.map((p) => [p.id, p]));
  const out: Provider[] = [];
  for (const id of ids) {
    const before = previous.get(id);
    if (!r.inScope(id)) {
      if (before) out.push(before);
      continue;
    }
    const listed = r.liveProviders().includes(id);
    const dropped = !listed && !withModels.has(id) && r.complete(id).length > 0;
    if (dropped) continue;
    out.push(r.provider(id, before));
  }
  return out.sort(byId);
}

function reconcileAuthors(
  r: Reconciler,
  baseline: CatalogData,
  models: readonly { authors: readonly string[] }[],
): Author[] {
  const used = new Set(models.flatMap((m) => m.authors));
  const live = new Set(r.liveAuthors());
  const previous = new Map(baseline.authors.map((a) => [a.id, a]));
  const ids = new Set([...previous.keys(), ...live, ...used]);
  const out: Author[] = [];
  for (const id of ids) {
    if (!used.has(id) && !live.has(id)) continue;
    out.push(r.author(id, previous.get(id)));
  }
  return out.sort(byId);
}
