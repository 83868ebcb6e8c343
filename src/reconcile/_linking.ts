/**
 * The link step of the reconciler: gathers what the linker reads from the merged offerings and the sources (explicit
 * links, author-level models, local overrides), runs it, and records each link's provenance.
 *
 * @module
 */
import type { Model, ModelRecord, Offering, OfferingLink } from "../catalog/types.gen.ts";
import type { SourceSnapshot } from "./_snapshot.ts";
import { type KnownModel, type LinkHints, linkOfferings, type LinkResult } from "./link/mod.ts";
import type { LinkEntry } from "./types.gen.ts";

/** An offering merged from its sources, not yet linked to a model. */
export type UnlinkedOffering = Omit<Offering, "model" | "link">;

/** What {@link linkStep} takes. */
export interface LinkStepInput {
  /** The merged offerings. */
  offerings: readonly UnlinkedOffering[];
  /** The sources of this run. */
  results: readonly SourceSnapshot[];
  /** The models of the baseline catalog (known models when no live author-level source lists them). */
  baselineModels: readonly Model[];
  /** The time stamp of this run. */
  now: string;
}

/** What {@link linkStep} returns. */
export interface LinkStepOutput {
  /**
   * The link of each offering, by offering key; `moves` when it may move an offering already linked (an override,
   * or an explicit link that is more than a confirmation of the offering's own spelling).
   */
  links: Map<string, { model: string; link: OfferingLink; moves: boolean; cut?: boolean }>;
  /** The linker's result (model definitions). */
  result: LinkResult;
  /** The provenance of each link, by offering key. */
  provenance: Record<string, LinkEntry>;
  /** Author-level records of this run by model id, with their source. */
  records: Map<string, { snap: SourceSnapshot; record: ModelRecord }[]>;
}

function known(record: ModelRecord): KnownModel {
  return {
    id: record.id,
    name: record.name,
    family: record.family,
    releaseDate: record.releaseDate,
    limits: record.limits ? { context: record.limits.context, output: record.limits.output } : undefined,
    openWeights: record.openWeights,
  };
}

/** The explicit links of this run by offering key (earlier sources win), and which source stated each. */
function hintsOf(results: readonly SourceSnapshot[]): Map<string, { hints: LinkHints; source: string }> {
  const out = new Map<string, { hints: LinkHints; source: string }>();
  for (const snap of results) {
    for (const [key, hints] of Object.entries(snap.result.hints ?? {})) {
      if (!out.has(key)) out.set(key, { hints, source: snap.source.id });
    }
  }
  return out;
}

/** Local overrides: a `model` pins an offering's link; `link.method: new` cuts it. */
function overridesOf(results: readonly SourceSnapshot[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const snap of results) {
    if (snap.source.kind !== "local") continue;
    for (const o of snap.result.offerings) {
      const key = `${o.provider}/${o.id}`;
      if (o.model) out.set(key, o.model);
      else if (o.link?.method === "new") out.set(key, null);
    }
  }
  return out;
}

/** Links every offering to one model. Pure. */
export function linkStep(input: LinkStepInput): LinkStepOutput {
  const records = new Map<string, { snap: SourceSnapshot; record: ModelRecord }[]>();
  for (const snap of input.results) {
    for (const record of snap.result.models ?? []) {
      const list = records.get(record.id);
      if (list) list.push({ snap, record });
      else records.set(record.id, [{ snap, record }]);
    }
  }
  const knownModels = new Map<string, KnownModel>();
  for (const m of input.baselineModels) knownModels.set(m.id, known(m));
  for (const [id, list] of records) knownModels.set(id, known({ ...list[0]!.record, id }));
  const hints = hintsOf(input.results);
  const overrides = overridesOf(input.results);
  const result = linkOfferings(
    input.offerings.map((o) => ({
      provider: o.provider,
      id: o.id,
      name: o.name,
      family: o.family,
      authors: o.authors,
      releaseDate: o.releaseDate,
      limits: { context: o.limits.context, output: o.limits.output },
      openWeights: o.openWeights,
      hints: hints.get(`${o.provider}/${o.id}`)?.hints,
    })),
    [...knownModels.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    { overrides },
  );
  const links = new Map<string, { model: string; link: OfferingLink; moves: boolean; cut?: boolean }>();
  const provenance: Record<string, LinkEntry> = {};
  for (const l of result.links) {
    const source = l.method === "override"
      ? "local"
      : l.method === "explicit"
      ? hints.get(l.offering)?.source
      : undefined;
    const confidence = Math.round(l.confidence * 1000) / 1000;
    const link: OfferingLink = source
      ? { method: l.method, confidence, source }
      : { method: l.method, confidence };
    const moves = l.method === "override" || (l.method === "explicit" && !l.confirms);
    const cut = l.method === "override" && l.evidence === "cut";
    links.set(l.offering, { model: l.model, link, moves, ...(cut ? { cut } : {}) });
    provenance[l.offering] = {
      model: l.model,
      method: l.method,
      confidence,
      evidence: l.evidence,
      ...(source ? { source } : {}),
      at: input.now,
    };
  }
  return { links, result, provenance, records };
}
