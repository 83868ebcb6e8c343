/**
 * Existence: whether a model stays in the catalog, decided from the sources that list it and the authority
 * table's `existence` ranking.
 *
 * The rule:
 * - A model's *witnesses* are the sources that list it: each source of this run that lists it and may add models
 *   ({@link Authority.canCreate}), and each source the saved provenance records as listing it that did not run
 *   this time (its last word stands). A source that ran speaks for itself now: its live listing, or nothing.
 * - A source of this run with a complete list of the provider's models (`SourceResult.complete`, or complete at
 *   the last sync and now dropping the provider entirely) that does not list the model *denies* it.
 * - With no denial, a model of the baseline stays, and a new model is added when a witness lists it.
 * - A denial removes every witness that came from a partial list (`listed`, `unknown`) and does not rank strictly
 *   above the strongest denier for existence. A witness from another source's complete list is never removed by a
 *   denial: each complete source answers for its own list, so it goes only when that source runs and stops
 *   listing the model. The model stays while a witness stands, and local overrides always keep it.
 *
 * So models.dev may remove only models that models.dev listed (or that only partial sources ranked no higher
 * vouch for); a model that a provider's list-models API listed stays until that API runs and stops listing it.
 *
 * Unknown origin: the shipped catalog, and a catalog saved without provenance, do not say which source listed a
 * model. A model with no recorded witness of known origin that no source of this run lists (the shipped catalog's
 * own listing says nothing of origin) gets one `unknown` witness, ranked as its provider's own list-models API:
 * the shipped catalog is built from models.dev and the providers' list-models captures, so a model models.dev
 * does not list may be one only the API knows (`openai/whisper-1`). It is removed only when that API, or a complete
 * source ranked at least as high for existence, runs and does not list it. The price of this caution: a model that
 * models.dev dropped before the first sync of such a catalog stays until its provider's API runs. Once a source of
 * known origin lists the model, the `unknown` witness is dropped.
 *
 * Witnesses are recorded in the provenance under the pseudo field {@link EXISTENCE_FIELD}, one entry per source,
 * with the value `complete`, `listed` or `unknown` and the source's existence rank as its priority. A provenance
 * document saved before existence was recorded is read by taking the sources of the model's field entries.
 *
 * @module
 */
import type { SourceKind } from "../sources/mod.ts";
import type { Authority, SourceRef } from "./_authority.ts";
import type { ProvenanceEntry } from "./_provenance.ts";

/** The pseudo field path under which provenance records the sources that list a model. */
export const EXISTENCE_FIELD = "existence";

/** How a witness knows a model: from a complete list of its provider's models, a partial list, or unknown. */
export type Listing = "complete" | "listed" | "unknown";

/** A source of this run that lists the model. */
export interface Lister {
  /** The source. */
  source: SourceRef;
  /** Whether its result holds the provider's complete model list. */
  complete: boolean;
  /** When it was fetched (ISO 8601). */
  at: string;
}

/** What {@link decideExistence} looks at for one model. */
export interface ExistenceInput {
  /** The model's provider. */
  provider: string;
  /** The sources of this run that list the model. */
  listers: readonly Lister[];
  /** The sources of this run that are complete for the provider. */
  complete: readonly SourceRef[];
  /** The ids of the sources that ran (a set, or a map by id). */
  ran: { has(id: string): boolean };
  /** The model's saved provenance (fields and existence), if any. */
  recorded: Readonly<Record<string, readonly ProvenanceEntry[]>> | undefined;
  /** The sources that were complete for the provider at the last sync (reads provenance saved without existence). */
  completeBefore: readonly string[];
  /** Whether the model is in the baseline. */
  inBaseline: boolean;
  /** When the baseline was made (the time of an `unknown` witness first recorded). */
  baselineAt: string;
}

/** What {@link decideExistence} decides. */
export interface ExistenceVerdict {
  /** Whether the model is in the new catalog. */
  keep: boolean;
  /** The witnesses that stand, best first, as provenance entries. */
  witnesses: ProvenanceEntry[];
  /** Whether only an `unknown` witness kept the model against a denial. */
  keptUnknown: boolean;
}

/** The source id of an `unknown` witness. */
const UNKNOWN: SourceRef = { id: "baseline", kind: "embedded" };

function witness(source: SourceRef, listing: Listing, rank: number, at: string): ProvenanceEntry {
  return { source: source.id, kind: source.kind, value: listing, priority: rank, at };
}

/** The recorded witnesses of a model: its existence entries, or the sources of its fields in older documents. */
function recordedWitnesses(input: ExistenceInput): readonly ProvenanceEntry[] {
  const recorded = input.recorded;
  if (!recorded) return [];
  const existence = recorded[EXISTENCE_FIELD];
  if (existence) return existence;
  const seen = new Map<string, ProvenanceEntry>();
  for (const entries of Object.values(recorded)) {
    for (const e of entries) {
      if (seen.has(e.source) || e.kind === "embedded" || e.source === "derived") continue;
      const listing: Listing = input.completeBefore.includes(e.source) ? "complete" : "listed";
      seen.set(e.source, { ...e, value: listing });
    }
  }
  return [...seen.values()];
}

/** Decides whether a model stays, and which witnesses stand for it. */
export function decideExistence(input: ExistenceInput, authority: Authority): ExistenceVerdict {
  const listed = new Set(input.listers.map((l) => l.source.id));
  const witnesses: ProvenanceEntry[] = [];
  let local = false;
  let shipped: string | undefined;
  for (const l of input.listers) {
    if (!authority.canCreate(l.source)) continue;
    if (l.source.kind === "embedded") {
      shipped ??= l.at;
      continue;
    }
    local ||= l.source.kind === "local";
    const listing = l.complete ? "complete" : "listed";
    witnesses.push(witness(l.source, listing, authority.existenceRank(l.source), l.at));
  }
  const recorded = recordedWitnesses(input);
  let known = witnesses.length > 0;
  let unknownAt: string | undefined;
  for (const e of recorded) {
    if (e.value === "unknown") {
      unknownAt ??= e.at;
      continue;
    }
    known = true;
    const ref: SourceRef = { id: e.source, kind: e.kind as SourceKind };
    if (listed.has(e.source) || input.ran.has(e.source) || !authority.canCreate(ref)) continue;
    witnesses.push(
      witness(ref, e.value === "complete" ? "complete" : "listed", authority.existenceRank(ref), e.at),
    );
  }
  if (!known && (input.inBaseline || shipped !== undefined)) {
    const api: SourceRef = { id: input.provider, kind: "provider_api" };
    const at = unknownAt ?? (input.inBaseline ? input.baselineAt : shipped!);
    witnesses.push(witness(UNKNOWN, "unknown", authority.existenceRank(api), at));
  }
  witnesses.sort((a, b) => b.priority - a.priority);
  const deniers = input.complete.filter((s) => !listed.has(s.id));
  if (local || !deniers.length) {
    return { keep: input.inBaseline || witnesses.length > 0, witnesses, keptUnknown: false };
  }
  const denial = Math.max(...deniers.map((s) => authority.existenceRank(s)));
  const standing = witnesses.filter((w) => w.value === "complete" || w.priority > denial);
  return {
    keep: standing.length > 0,
    witnesses: standing,
    keptUnknown: standing.length > 0 && standing.every((w) => w.value === "unknown"),
  };
}
