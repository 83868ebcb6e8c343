/**
 * The public door of `reconcile/`: what other folders use of it.
 *
 * @module
 */
export { Authority, DEFAULT_AUTHORITY, DEFAULT_ORDER, type SourceRef } from "./_authority.ts";
export { ReconcileConfig } from "../config/mod.ts";
export {
  ChangeCounts,
  Changeset,
  diffCatalogs,
  diffFields,
  type FieldChange,
  isEmpty,
} from "./_changeset.ts";
export type { KnownModel, LinkHints, LinkOffering } from "./link/mod.ts";
export type { UnlinkedOffering } from "./_linking.ts";
export {
  type CatalogDataV1,
  isCatalogV1,
  linkCatalog,
  type LinkCatalogInput,
  type LinkedCatalog,
  migrateCatalog,
  type Migration,
  type RowV1,
  upgradeCatalog,
} from "./_migrate.ts";
export { emptyProvenance, type Provenance, PROVENANCE_FILE, type ProvenanceEntry } from "./_provenance.ts";
export {
  provenanceChunks,
  provenanceSchema,
  readProvenance,
  serializeProvenance,
} from "./_provenance_file.ts";
export { parseProvenanceText } from "./_provenance_read.ts";
export { repairProvenance } from "./_provenance_repair.ts";
export { reconcile, type ReconcileInput, type ReconcileOutput, type SourceSnapshot } from "./_reconcile.ts";
export type { JsonValue } from "../catalog/types.gen.ts";
export type { ChangeSummary, LinkEntry, LinkMove, RecordUpdate } from "./types.gen.ts";
export type { ReconcileStrategy } from "../config/types.gen.ts";
export { loadEmbeddedProvenance } from "./_provenance_embedded.ts";
