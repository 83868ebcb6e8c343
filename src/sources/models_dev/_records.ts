/**
 * The records both models.dev sources (HTTP `/api.json` and the source archive) produce from a models.dev
 * document, so that the two agree by construction once their inputs agree.
 *
 * @module
 */
import type { AuthorRecord, ModelRecord, OfferingRecord } from "../../catalog/types.gen.ts";
import { CanonicalModelId, Slug } from "../../catalog/mod.ts";
import { deriveAuthors } from "../_authors.ts";
import type { LinkHints, SourceResult } from "../_source.ts";
import { translateAuthorModel, translateModel, translateProvider } from "./_translate.ts";
import { type DevApi, DevModel } from "./_upstream.ts";

/** What a models.dev source knows beyond the providers' models: the author level and explicit links. */
export interface DevExtras {
  /** Author-level models keyed `<lab>/<model>` (`models.json`, or the archive's `models/` layer), unparsed. */
  models?: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>> | undefined;
  /** Explicit links by offering key. */
  hints?: Record<string, LinkHints> | undefined;
  /** Lab logos (SVG markup) by author id (the archive's `labs/<lab>/logo.svg`). */
  logos?: ReadonlyMap<string, string> | undefined;
}

/** Adds each lab's logo to its author record (a lab no model names gets a record of its own). */
function withLogos(authors: AuthorRecord[], logos: ReadonlyMap<string, string>): AuthorRecord[] {
  const byId = new Map(authors.map((a) => [a.id, a]));
  for (const [id, logo] of logos) {
    if (!Slug.safeParse(id).success) continue;
    const author = byId.get(id);
    if (author) author.logo = logo;
    else byId.set(id, { id, logo });
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Translates models.dev's author-level models; entries that do not parse are skipped with a note. */
export function devAuthorModels(
  entries: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>,
  notes: string[] = [],
): ModelRecord[] {
  const out: ModelRecord[] = [];
  const list = entries instanceof Map ? [...entries] : Object.entries(entries);
  for (const [key, raw] of list) {
    const id = key.toLowerCase();
    const parsed = DevModel.safeParse({ id, ...(raw as object) });
    if (!parsed.success || !CanonicalModelId.safeParse(id).success) {
      notes.push(`models.dev: author-level model "${key}" skipped (not a valid model)`);
      continue;
    }
    out.push(translateAuthorModel(id, parsed.data));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Translates a models.dev document into a source result. Every provider of the document is listed in `complete`:
 * models.dev is the catalog's authority for which models a provider serves unless a provider API says otherwise.
 */
export function devApiResult(
  api: DevApi,
  labs: ReadonlyMap<string, string> = new Map(),
  notes: string[] = [],
  extras: DevExtras = {},
): SourceResult {
  const providers = Object.values(api).map(translateProvider).sort((a, b) => a.id.localeCompare(b.id));
  const offerings: OfferingRecord[] = [];
  for (const p of Object.values(api)) {
    for (const m of Object.values(p.models)) offerings.push(translateModel(p.id, m));
  }
  const authors = withLogos(deriveAuthors(offerings, labs), extras.logos ?? new Map());
  const models = extras.models ? devAuthorModels(extras.models, notes) : undefined;
  return {
    providers,
    authors,
    offerings,
    models,
    complete: providers.map((p) => p.id),
    notes,
    hints: extras.hints,
  };
}
