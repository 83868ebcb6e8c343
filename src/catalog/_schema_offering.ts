/**
 * The parts of an offering that say how a provider serves a model: operations, request parameters, life cycle,
 * rate limits, and the link to the model it serves.
 *
 * @module
 */
import { z } from "zod";
import { isCalendarDate } from "../words/mod.ts";
import type * as Types from "./types.gen.ts";
import { LINK_METHODS, MODEL_STATUSES, OPERATIONS } from "../words/mod.ts";

const date = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, "expected a date YYYY-MM-DD or YYYY-MM").refine(
  isCalendarDate,
  "not a calendar date",
);

/** A JSON value (a default parameter value): one schema instance, so that API documents can name it once. */
export const ParamValue = z.json();

/** The values a numeric request parameter accepts. */
export const ParamRange = z.strictObject({
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
});
/** The values a numeric request parameter accepts. */
export type ParamRange = Types.ParamRange;

/** The canonical id of a model: `author/slug` (`anthropic/claude-sonnet-4-5`). */
export const CanonicalModelId = z.string().regex(
  /^[a-z0-9][a-z0-9._-]*\/[^\s/]+$/,
  "expected a model id author/slug",
);
/** The canonical id of a model: `author/slug`. */
export type CanonicalModelId = Types.CanonicalModelId;

/** An API operation a provider serves a model through. */
export const Operation = z.enum(OPERATIONS);
/** An API operation a provider serves a model through. */
export type Operation = Types.Operation;

/** A request parameter name as it is sent (`tools`, `response_format`); names outside the vocabulary are kept. */
export const RequestParam = z.string().regex(/^[a-z][a-z0-9_.]*$/, "expected a request parameter name");
/** A request parameter name as it is sent. */
export type RequestParam = Types.RequestParam;

/** The life-cycle state of an offering. */
export const LifecycleStatus = z.enum(MODEL_STATUSES);
/** The life-cycle state of an offering. */
export type LifecycleStatus = Types.LifecycleStatus;

/** Where an offering is in its life: its state, when it is deprecated and retired, and what replaces it. */
export const Lifecycle = z.strictObject({
  /** The state; absent means the source does not say (`active` in filters). */
  status: LifecycleStatus.optional(),
  /** When the provider deprecated (or will deprecate) it. */
  deprecationDate: date.optional(),
  /** When the provider stops serving it. */
  retirementDate: date.optional(),
  /** The provider's id of the offering that replaces it. */
  replacement: z.string().optional(),
});
/** Where an offering is in its life. */
export type Lifecycle = Types.Lifecycle;

/** Published rate limits of an offering. */
export const RateLimits = z.strictObject({
  /** Requests per minute. */
  rpm: z.number().int().positive().optional(),
  /** Tokens per minute. */
  tpm: z.number().int().positive().optional(),
  /** Requests per day. */
  rpd: z.number().int().positive().optional(),
});
/** Published rate limits of an offering. */
export type RateLimits = Types.RateLimits;

/** How an offering was linked to its model. */
export const LinkMethod = z.enum(LINK_METHODS);
/** How an offering was linked to its model. */
export type LinkMethod = Types.LinkMethod;

/** How an offering's link to its model was made, and how sure it is. */
export const OfferingLink = z.strictObject({
  /** The signal that made it: an override, a source's explicit link, a spelling rule, agreement, or a new model. */
  method: LinkMethod,
  /** How sure the link is, from 0 to 1. */
  confidence: z.number().min(0).max(1),
  /** The source of an explicit link or an override. */
  source: z.string().optional(),
});
/** How an offering's link to its model was made. */
export type OfferingLink = Types.OfferingLink;
