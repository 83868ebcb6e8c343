/**
 * Linking: ties each provider's offering to one provider-independent model `author/slug`, by explicit links from
 * sources, provider-specific spellings of one id, and agreement of author, name and other fields; mints a model
 * for every distinct model no known model covers. Pure: no I/O.
 *
 * @module
 */
export type {
  KnownModel,
  LinkHints,
  LinkLimits,
  LinkMethod,
  LinkOffering,
  LinkResult,
  ModelDefinition,
  OfferingLink,
} from "./_types.ts";
export { linkOfferings, type LinkOptions } from "./_link.ts";
export { datePin, idKey, spell, type Spelled } from "./_spelling.ts";
export { type LinkMeasurement, type LinkMiss, measureLinks } from "./_measure.ts";
