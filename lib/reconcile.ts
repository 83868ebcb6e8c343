/**
 * `@starmap/cli/reconcile`: field-by-field reconciliation of sources into one catalog with provenance, linking
 * of offerings to models, changesets between two catalogs, and the migration of v1 catalogs.
 *
 * @example
 * ```ts
 * import { embeddedCatalogData } from "@starmap/cli/catalog";
 * import { diffCatalogs } from "@starmap/cli/reconcile";
 * diffCatalogs(embeddedCatalogData(), embeddedCatalogData()).summary;
 * ```
 *
 * @module
 */
export type {
  ChangeCounts,
  Changeset,
  ChangeSummary,
  FieldChange,
  LinkEntry,
  LinkMove,
  Provenance,
  ProvenanceEntry,
  RecordUpdate,
} from "../src/reconcile/types.gen.ts";
export type { ReconcileConfig, ReconcileStrategy } from "../src/config/types.gen.ts";
export type { JsonValue } from "../src/catalog/types.gen.ts";
export {
  Authority,
  type CatalogDataV1,
  DEFAULT_AUTHORITY,
  DEFAULT_ORDER,
  diffCatalogs,
  diffFields,
  emptyProvenance,
  isCatalogV1,
  isEmpty,
  linkCatalog,
  type LinkCatalogInput,
  type LinkedCatalog,
  migrateCatalog,
  type Migration,
  PROVENANCE_FILE,
  reconcile,
  type ReconcileInput,
  type ReconcileOutput,
  type RowV1,
  type SourceRef,
  type SourceSnapshot,
  type UnlinkedOffering,
} from "../src/reconcile/mod.ts";
