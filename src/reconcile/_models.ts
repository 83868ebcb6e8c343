/**
 * The model step of the reconciler: builds each author-level model, field by field, from author-level sources (by
 * the authority table, under `model.*`), the baseline model, and agreement across the offerings linked to it (the
 * floor), with the provenance of every field.
 *
 * @module
 */
import { Model } from "../catalog/mod.ts";
import type { ModelRecord, Offering } from "../catalog/types.gen.ts";
import type { Authority, SourceRef } from "./_authority.ts";
import { deletePath, eachField, type FieldValue, joinPath, sameValue, setPath } from "./_fields.ts";
import { datePin, type ModelDefinition } from "./link/mod.ts";
import { EntryPool, fieldRecord } from "./_provenance.ts";
import type { Provenance, ProvenanceEntry } from "./types.gen.ts";
import type { SourceSnapshot } from "./_snapshot.ts";

/** The source id of values agreed across a model's offerings. */
export const AGREEMENT = "agreement";
/** The source id of values the linker gave (lineage, a minted model's name). */
export const LINKER = "linker";

/** Fields a model takes from its offerings when no author-level source gives them. */
const AGREED = new Set([
  "name",
  "family",
  "authors",
  "releaseDate",
  "knowledgeCutoff",
  "openWeights",
  "description",
  "modalities.input",
  "modalities.output",
  "capabilities.attachments",
  "capabilities.reasoning",
  "capabilities.toolCalls",
  "capabilities.structuredOutput",
  "capabilities.temperature",
  "capabilities.reasoningOptions",
  "capabilities.interleaved",
  "limits.context",
  "limits.output",
]);
const ID = new Set(["id"]);
const BASELINE: SourceRef = { id: "baseline", kind: "embedded" };
const REQUIRED = ["name", "authors", "modalities.input", "modalities.output"];

/** What {@link buildModels} takes. */
export interface ModelStepInput {
  /** The linker's model definitions. */
  definitions: readonly ModelDefinition[];
  /** The linked offerings. */
  offerings: readonly Offering[];
  /** Author-level records of this run by model id. */
  records: ReadonlyMap<string, readonly { snap: SourceSnapshot; record: ModelRecord }[]>;
  /** The baseline models by id. */
  baseline: ReadonlyMap<string, Model>;
  /** The baseline provenance of models. */
  previous: Provenance["models"];
  /** The ids of the sources that ran. */
  ran: ReadonlySet<string>;
  /** The authority table. */
  authority: Authority;
  /** The baseline's time stamp. */
  baselineAt: string;
  /** This run's time stamp. */
  now: string;
}

/** What {@link buildModels} returns. */
export interface ModelStepOutput {
  /** The models, sorted by id. */
  models: Model[];
  /** Their provenance. */
  provenance: Provenance["models"];
  /** Notes (a field dropped as invalid). */
  notes: string[];
}

function push(out: Map<string, ProvenanceEntry[]>, path: string, entry: ProvenanceEntry): void {
  const list = out.get(path);
  if (list) list.push(entry);
  else out.set(path, [entry]);
}

/** The agreed fields as paths split once: reading them directly allocates far less than flattening offerings. */
const AGREED_PATHS = [...AGREED].map((path) => ({ path, keys: path.split(".") }));

function valueAt(record: object, keys: readonly string[]): unknown {
  let node: unknown = record;
  for (const key of keys) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The most common value of each agreed field among offerings (ties: the first offering's). */
function agreement(offerings: readonly Offering[]): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  if (!offerings.length) return out;
  for (const { path, keys } of AGREED_PATHS) {
    const counts = new Map<unknown, { value: FieldValue; n: number }>();
    let best: { value: FieldValue; n: number } | undefined;
    for (const o of offerings) {
      const value = valueAt(o, keys) as FieldValue | undefined;
      if (value === undefined || (Array.isArray(value) && value.length === 0 && path === "authors")) continue;
      // Equal lists are usually one shared frozen array; others compare by their JSON text.
      const key = typeof value === "object" && value !== null ? JSON.stringify(value) : value;
      let hit = counts.get(key);
      if (hit) hit.n++;
      else counts.set(key, hit = { value, n: 1 });
      if (!best || hit.n > best.n) best = hit;
    }
    if (best) out.set(path, best.value);
  }
  return out;
}

/** The model a date-pinned snapshot (`…-20250929`) is a release of, when that model is defined. */
function snapshotBase(id: string, ids: ReadonlySet<string>): string | undefined {
  const slash = id.indexOf("/");
  const pin = datePin(id.slice(slash + 1), false);
  const base = pin && `${id.slice(0, slash)}/${pin.base}`;
  return base && ids.has(base) ? base : undefined;
}

function candidates(
  def: ModelDefinition,
  linked: readonly Offering[],
  input: ModelStepInput,
  ids: ReadonlySet<string>,
  pool: EntryPool,
): Map<string, ProvenanceEntry[]> {
  const out = new Map<string, ProvenanceEntry[]>();
  for (const { snap, record } of input.records.get(def.id) ?? []) {
    eachField(record, (path, value) => {
      const priority = input.authority.priority(joinPath("model", path), snap.source);
      push(out, path, pool.entry(snap.source.id, snap.source.kind, snap.at, priority, value));
    }, ID);
  }
  const baseline = input.baseline.get(def.id);
  if (baseline) {
    const previous = input.previous[def.id];
    eachField(baseline, (path, value) => {
      const origin = previous?.[path]?.[0];
      // Agreed and linker values are made afresh; a source that ran again speaks for itself.
      if (
        origin && (origin.source === AGREEMENT || origin.source === LINKER || input.ran.has(origin.source))
      ) return;
      // The recorded entry itself when it says the same (shared with the previous provenance, not copied).
      if (origin && origin.value === value) return push(out, path, origin);
      const ref: SourceRef = origin
        ? { id: origin.source, kind: origin.kind as SourceRef["kind"] }
        : BASELINE;
      const priority = origin?.priority ?? input.authority.priority(joinPath("model", path), ref);
      push(out, path, pool.entry(ref.id, ref.kind, origin?.at ?? input.baselineAt, priority, value));
    }, ID);
  }
  // The linker's and the agreement's entries repeat across models (`["openai"]`, a context size): pooled too.
  const linker = (priority: number, value: unknown) =>
    pool.entry(LINKER, "derived", input.now, priority, value);
  const base = def.base ?? snapshotBase(def.id, ids);
  if (base) push(out, "base", linker(-1, base));
  if (def.name && !def.known) push(out, "name", linker(-3, def.name));
  if (def.family) push(out, "family", linker(-3, def.family));
  push(out, "authors", linker(-4, [def.author]));
  for (const [path, value] of agreement(linked)) {
    push(out, path, pool.entry(AGREEMENT, "derived", input.now, -2, value));
  }
  for (const list of out.values()) if (list.length > 1) list.sort((a, b) => b.priority - a.priority);
  return out;
}

function draftOf(id: string, fields: Map<string, ProvenanceEntry[]>): Record<string, unknown> {
  const draft: Record<string, unknown> = { id };
  for (const [path, list] of fields) setPath(draft, path, list[0]!.value);
  if (typeof draft["name"] !== "string" || !draft["name"]) draft["name"] = id.slice(id.indexOf("/") + 1);
  const modalities = (draft["modalities"] ??= {}) as Record<string, unknown>;
  modalities["input"] ??= ["text"];
  modalities["output"] ??= ["text"];
  draft["capabilities"] ??= {};
  draft["limits"] ??= {};
  if (draft["base"] === id) delete draft["base"];
  return draft;
}

function validate(
  id: string,
  draft: Record<string, unknown>,
  fields: Map<string, ProvenanceEntry[]>,
  notes: string[],
) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const parsed = Model.safeParse(draft);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const keys = issue.path.filter((k): k is string => typeof k === "string");
      let path: string | undefined;
      for (let n = keys.length; n > 0 && !path; n--) {
        if (fields.has(keys.slice(0, n).join("."))) path = keys.slice(0, n).join(".");
      }
      if (!path || REQUIRED.includes(path)) {
        notes.push(`model ${id}: skipped, ${issue.path.join(".")}: ${issue.message}`);
        return undefined;
      }
      notes.push(`model ${id}: dropped ${path} (${issue.message})`);
      deletePath(draft, path);
      fields.delete(path);
    }
  }
  return undefined;
}

/**
 * Whether a baseline model is still defined by a source that did not run this time: a model of unknown origin (the
 * shipped catalog) is kept; one whose author-level sources all ran and no longer define it is not.
 */
function definedBefore(id: string, input: ModelStepInput): boolean {
  if (!input.baseline.has(id)) return false;
  const previous = input.previous[id];
  if (!previous) return true;
  const sources = new Set(Object.values(previous).flatMap((entries) => entries.map((e) => e.source)));
  for (const derived of [AGREEMENT, LINKER]) sources.delete(derived);
  return [...sources].some((s) => !input.ran.has(s));
}

/** Builds every model from its sources and its offerings. Pure. */
export function buildModels(input: ModelStepInput): ModelStepOutput {
  const byModel = new Map<string, Offering[]>();
  for (const o of input.offerings) {
    const list = byModel.get(o.model);
    if (list) list.push(o);
    else byModel.set(o.model, [o]);
  }
  const notes: string[] = [];
  const ids = new Set(input.definitions.map((d) => d.id));
  const provenance: Provenance["models"] = {};
  const models: Model[] = [];
  const pool = new EntryPool();
  for (const def of input.definitions) {
    const linked = byModel.get(def.id) ?? [];
    // A model no offering serves stays only while an author-level source defines it.
    if (!linked.length && !input.records.has(def.id) && !definedBefore(def.id, input)) continue;
    const fields = candidates(def, linked, input, ids, pool);
    const draft = draftOf(def.id, fields);
    const baseline = input.baseline.get(def.id);
    const model = baseline && sameValue(draft, baseline) ? baseline : validate(def.id, draft, fields, notes);
    if (!model) continue;
    models.push(model);
    provenance[def.id] = fieldRecord(fields, pool);
  }
  models.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { models, provenance, notes };
}
