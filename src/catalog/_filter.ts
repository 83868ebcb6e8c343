/**
 * Model filters shared by the CLI, the library and the server: one zod schema, one matcher, one sorter.
 *
 * @module
 */
import { z } from "zod";
import { CatalogDate, Modality, ModelStatus, Operation } from "./_schema.ts";
import type * as Types from "./types.gen.ts";
import { CAPABILITIES, MODEL_SORT_KEYS } from "../words/mod.ts";

export { cheapestFirst, describedPredicate, modelPredicate, searchText, sortModels } from "./_match.ts";

/** The keys a model list can be sorted by. */
export const ModelSortKey = z.enum(MODEL_SORT_KEYS);
/** The keys a model list can be sorted by. */
export type ModelSortKey = Types.ModelSortKey;

/** Capability flags that a model filter can require. */
export const Capability = z.enum(CAPABILITIES);
/** Capability flags that a model filter can require. */
export type Capability = Types.Capability;

/** A query over the models of a catalog. Every given condition must hold. */
export const ModelFilter = z.strictObject({
  /** Provider ids (or aliases); a model matches if it is served by any of them. */
  provider: z.array(z.string()).optional(),
  /** Author ids; a model matches if any of its authors is one of them. */
  author: z.array(z.string()).optional(),
  /** Case-insensitive terms over id, name, family and aliases; every term must match. */
  search: z.array(z.string()).optional(),
  /** Capabilities that must all be present. */
  capabilities: z.array(Capability).optional(),
  /** Input modalities that must all be accepted. */
  input: z.array(Modality).optional(),
  /** Output modalities that must all be produced. */
  output: z.array(Modality).optional(),
  /** Minimum context window in tokens. */
  minContext: z.number().int().nonnegative().optional(),
  /** Maximum input price in USD per 1M tokens; models without a price do not match. */
  maxInputPrice: z.number().nonnegative().optional(),
  /** Maximum output price in USD per 1M tokens; models without a price do not match. */
  maxOutputPrice: z.number().nonnegative().optional(),
  /** Life-cycle states of an offering; an offering without a status counts as `active`. */
  status: z.array(ModelStatus).optional(),
  /** Only models with (true) or without (false) open weights. */
  openWeights: z.boolean().optional(),
  /** Released on or after this date. */
  releasedAfter: CatalogDate.optional(),
  /** Released on or before this date. */
  releasedBefore: CatalogDate.optional(),
  /** Request parameters an offering must all accept (`tools`, `response_format`). */
  param: z.array(z.string().min(1)).optional(),
  /** Operations an offering must all be served through. */
  operation: z.array(Operation).optional(),
  /** Offerings retired (or deprecated, when no retirement date is known) on or before this date. */
  retiringBefore: CatalogDate.optional(),
  /** Regions; an offering matches if it is served in any of them. */
  region: z.array(z.string().min(1)).optional(),
  /** Sort key. @default "provider" */
  sort: ModelSortKey.optional(),
  /** Sort order. @default "asc" */
  order: z.enum(["asc", "desc"]).optional(),
  /** Skip this many results. @default 0 */
  offset: z.number().int().nonnegative().optional(),
  /** Return at most this many results. */
  limit: z.number().int().positive().optional(),
});
/** A query over the models of a catalog. Every given condition must hold. */
export type ModelFilter = Types.ModelFilter;
