/**
 * Linking a list of offerings into the two-level catalog, and migrating a catalog document of version 1 (one row
 * per provider's model under `models`) to version 2 (author-level `models` and provider-level `offerings`): each
 * row becomes an offering (its `status` and `deprecation` become its `lifecycle`), every offering is linked to one
 * model, and every model is built from agreement across its offerings.
 *
 * @module
 */
import { CATALOG_VERSION, foldLifecycle } from "../catalog/mod.ts";
import type {
  Author,
  CatalogData,
  Lifecycle,
  Model,
  ModelRecord,
  Offering,
  Provider,
} from "../catalog/types.gen.ts";
import type { LinkHints, SourceResult } from "../sources/mod.ts";
import { Authority, type SourceRef } from "./_authority.ts";
import { linkStep, type UnlinkedOffering } from "./_linking.ts";
import { buildModels } from "./_models.ts";
import type { Provenance } from "./types.gen.ts";

/** What {@link linkCatalog} takes. */
export interface LinkCatalogInput {
  /** The offerings, not yet linked (a `model` and `link` they carry are replaced). */
  offerings: readonly UnlinkedOffering[];
  /** Author-level model records (models.dev `models.json`). */
  models?: readonly ModelRecord[] | undefined;
  /** Explicit links by offering key. */
  hints?: Record<string, LinkHints> | undefined;
  /** The source the author-level records came from. @default models.dev */
  source?: SourceRef | undefined;
  /** The source the explicit links came from. @default the source of the records */
  hintsSource?: SourceRef | undefined;
  /** Models already defined (kept as known models). */
  known?: readonly Model[] | undefined;
  /** The time stamp. */
  now: string;
}

/** What {@link linkCatalog} returns. */
export interface LinkedCatalog {
  /** The models, sorted by id. */
  models: Model[];
  /** The linked offerings, in input order. */
  offerings: Offering[];
  /** The provenance of links and model fields. */
  provenance: Pick<Provenance, "links" | "models">;
  /** Notes. */
  notes: string[];
}

/** Links offerings to models and builds the models. Pure. */
export function linkCatalog(input: LinkCatalogInput): LinkedCatalog {
  const source = input.source ?? { id: "models.dev", kind: "models_dev" };
  const snap = (ref: SourceRef, part: Pick<SourceResult, "models" | "hints">) => ({
    source: ref,
    at: input.now,
    result: { providers: [], authors: [], offerings: [], complete: [], notes: [], ...part },
  });
  const results = [
    snap(source, { models: [...(input.models ?? [])] }),
    snap(input.hintsSource ?? source, { hints: input.hints }),
  ];
  const linked = linkStep({
    offerings: input.offerings,
    results,
    baselineModels: input.known ?? [],
    now: input.now,
  });
  const offerings = input.offerings.map((o) => {
    const { model: _m, link: _l, ...rest } = o as UnlinkedOffering & Partial<Offering>;
    const made = linked.links.get(`${o.provider}/${o.id}`)!;
    return { ...rest, model: made.model, link: made.link } as Offering;
  });
  const built = buildModels({
    definitions: linked.result.models,
    offerings,
    records: linked.records,
    baseline: new Map((input.known ?? []).map((m) => [m.id, m])),
    previous: {},
    ran: new Set([source.id]),
    authority: new Authority(),
    baselineAt: input.now,
    now: input.now,
  });
  return {
    models: built.models,
    offerings,
    provenance: { links: linked.provenance, models: built.provenance },
    notes: built.notes,
  };
}

/** A row of a version 1 catalog: an offering with `status` and `deprecation` instead of `lifecycle`. */
export type RowV1 = UnlinkedOffering & {
  status?: Lifecycle["status"];
  deprecation?: { date?: string; replacement?: string };
};

/** A catalog document of version 1, as far as the migration reads it. */
export interface CatalogDataV1 {
  /** 1. */
  version: 1;
  /** When it was synchronised. */
  updatedAt: string;
  /** Providers. */
  providers: Provider[];
  /** Authors. */
  authors: Author[];
  /** One row per provider's model. */
  models: RowV1[];
}

/** Whether a parsed document is a version 1 catalog. */
export function isCatalogV1(value: unknown): value is CatalogDataV1 {
  return typeof value === "object" && value !== null && (value as { version?: unknown }).version === 1 &&
    Array.isArray((value as { models?: unknown }).models);
}

function offeringOf(row: RowV1): UnlinkedOffering {
  return foldLifecycle(row, "deprecationDate");
}

/** What {@link migrateCatalog} returns. */
export interface Migration {
  /** The catalog as version 2. */
  data: CatalogData;
  /** The one note that says what changed. */
  note: string;
}

/**
 * Migrates a version 1 catalog document to version 2: rows become offerings, each linked to one model.
 *
 * @example
 * ```ts
 * const { data, note } = migrateCatalog(JSON.parse(text));
 * ```
 */
export function migrateCatalog(old: CatalogDataV1): Migration {
  const linked = linkCatalog({ offerings: old.models.map(offeringOf), now: old.updatedAt });
  const byMethod = new Map<string, number>();
  for (const o of linked.offerings) byMethod.set(o.link.method, (byMethod.get(o.link.method) ?? 0) + 1);
  const methods = [...byMethod].sort().map(([m, n]) => `${n} ${m}`).join(", ");
  const note = `catalog version 1 migrated to version ${CATALOG_VERSION}: ${old.models.length} rows became ` +
    `offerings of ${linked.models.length} models (links: ${methods}); status and deprecation are now lifecycle; ` +
    `run starmap update to save it`;
  return {
    data: {
      version: CATALOG_VERSION,
      updatedAt: old.updatedAt,
      providers: old.providers,
      authors: old.authors,
      models: linked.models,
      offerings: linked.offerings,
    },
    note,
  };
}

/**
 * The catalog's upgrade of older documents (see `loadCatalog`): a version 1 document is migrated, anything else
 * is left to validation.
 */
export function upgradeCatalog(value: unknown): Migration | undefined {
  return isCatalogV1(value) ? migrateCatalog(value) : undefined;
}
