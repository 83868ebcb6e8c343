/**
 * The changeset of a sync: which models and offerings (and providers, authors) were added, updated (field by field,
 * with dotted paths) and removed against the baseline catalog, and which offerings' links moved to another model. Its zod schema is the shape of `starmap update -o json|yaml` and of the server's `POST /update`.
 *
 * @module
 */
import { z } from "zod";
import { Author, ModelFields, OfferingFields, Provider } from "../catalog/mod.ts";
import type { CatalogData } from "../catalog/types.gen.ts";
import { flatten, sameValue } from "./_fields.ts";
import type * as Types from "./types.gen.ts";

/** One field that changed: its dotted path and the values before and after (absent = not set). */
export const FieldChange = z.strictObject({
  path: z.string(),
  old: z.json().optional(),
  new: z.json().optional(),
});
/** One field that changed. */
export type FieldChange = Types.FieldChange;

/** A record that changed, by key, with its field changes. */
export const RecordUpdate = z.strictObject({
  /** `author/slug` for models, `provider/id` for offerings, the id for providers and authors. */
  key: z.string(),
  changes: z.array(FieldChange),
});
/** A record that changed. */
export type RecordUpdate = Types.RecordUpdate;

function section<T extends z.ZodType>(record: T) {
  return z.strictObject({
    added: z.array(record),
    updated: z.array(RecordUpdate),
    removed: z.array(record),
  });
}

/** Counts of one kind of record. */
export const ChangeCounts: z.ZodObject<
  { added: z.ZodNumber; updated: z.ZodNumber; removed: z.ZodNumber },
  z.core.$strict
> = z.strictObject({
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
});
/** Counts of one kind of record. */
export type ChangeCounts = Types.ChangeCounts;

/** An offering whose link moved from one model to another. */
export const LinkMove = z.strictObject({
  /** `provider/id` of the offering. */
  offering: z.string(),
  /** The model it was linked to. */
  from: z.string(),
  /** The model it is linked to now. */
  to: z.string(),
});
/** An offering whose link moved from one model to another. */
export type LinkMove = Types.LinkMove;

/** The summary of a changeset. */
export const ChangeSummary = z.strictObject({
  models: ChangeCounts,
  offerings: ChangeCounts,
  /** How many offerings' links moved to another model. */
  links: z.number().int().nonnegative(),
  providers: ChangeCounts,
  authors: ChangeCounts,
  /** Every added, updated and removed record, and every moved link. */
  total: z.number().int().nonnegative(),
});
/** The summary of a changeset. */
export type ChangeSummary = Types.ChangeSummary;

/** A changeset: summary first, then every change. */
export const Changeset = z.strictObject({
  summary: ChangeSummary,
  models: section(ModelFields),
  offerings: section(OfferingFields),
  /** Offerings whose link moved to another model. */
  links: z.array(LinkMove),
  providers: section(Provider),
  authors: section(Author),
});
/** A changeset. */
export type Changeset = Types.Changeset;

/** Field-level differences between two records, paths sorted. */
export function diffFields(
  before: object,
  after: object,
  skip: ReadonlySet<string> = new Set(),
): Types.FieldChange[] {
  const a = flatten(before, skip);
  const b = flatten(after, skip);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: FieldChange[] = [];
  for (const path of paths) {
    const old = a.get(path);
    const now = b.get(path);
    if (sameValue(old, now)) continue;
    const change: FieldChange = { path };
    if (old !== undefined) change.old = old as FieldChange["old"];
    if (now !== undefined) change.new = now as FieldChange["new"];
    out.push(change);
  }
  return out;
}

function diffSection<T extends object>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (x: T) => string,
  skip: ReadonlySet<string>,
) {
  const old = new Map(before.map((x) => [keyOf(x), x]));
  const now = new Map(after.map((x) => [keyOf(x), x]));
  const added: T[] = [];
  const updated: RecordUpdate[] = [];
  const removed: T[] = [];
  for (const [key, x] of now) {
    const prior = old.get(key);
    if (!prior) added.push(x);
    // The reconciler hands back the baseline object itself for an unchanged record.
    else if (prior !== x) {
      const changes = diffFields(prior, x, skip);
      if (changes.length) updated.push({ key, changes });
    }
  }
  for (const [key, x] of old) if (!now.has(key)) removed.push(x);
  return { added, updated, removed };
}

function counts(s: { added: unknown[]; updated: unknown[]; removed: unknown[] }): ChangeCounts {
  return { added: s.added.length, updated: s.updated.length, removed: s.removed.length };
}

/** Computes the changeset from the baseline catalog to the new one. */
export function diffCatalogs(
  before: Pick<CatalogData, "models" | "offerings" | "providers" | "authors">,
  after: Pick<CatalogData, "models" | "offerings" | "providers" | "authors">,
): Types.Changeset {
  const models = diffSection(before.models, after.models, (m) => m.id, new Set(["id"]));
  const offerings = diffSection(
    before.offerings,
    after.offerings,
    (m) => `${m.provider}/${m.id}`,
    new Set(["id", "provider"]),
  );
  const links: LinkMove[] = [];
  for (const u of offerings.updated) {
    const moved = u.changes.find((c) => c.path === "model");
    if (moved && typeof moved.old === "string" && typeof moved.new === "string") {
      links.push({ offering: u.key, from: moved.old, to: moved.new });
    }
  }
  const providers = diffSection(before.providers, after.providers, (p) => p.id, new Set(["id"]));
  const authors = diffSection(before.authors, after.authors, (a) => a.id, new Set(["id"]));
  const summary = {
    models: counts(models),
    offerings: counts(offerings),
    links: links.length,
    providers: counts(providers),
    authors: counts(authors),
    total: 0,
  };
  summary.total = [summary.models, summary.offerings, summary.providers, summary.authors]
    .reduce((n, c) => n + c.added + c.updated + c.removed, 0);
  return { summary, models, offerings, links, providers, authors };
}

/** Whether a changeset changes anything. */
export function isEmpty(changeset: Types.Changeset): boolean {
  return changeset.summary.total === 0;
}
