/**
 * The public door of `cli/views/`: what other folders use of it.
 *
 * @module
 */
export { partialLine, renderChangeset, renderSourceReports, summaryLine } from "./changeset.ts";
export { compareView, componentView, costSummary } from "./cost.ts";
export { modelFields, offeringFields } from "./model_detail.ts";
export { capabilityTags, lifecycleText, modelOfferingsView, modelView, offeringView } from "./models.ts";
export {
  authorFields,
  type AuthorRow,
  authorView,
  providerFields,
  type ProviderRow,
  providerView,
} from "./providers.ts";
export { UpdateProgress } from "./update_progress.ts";
export { list, price, tokens } from "./values.ts";
