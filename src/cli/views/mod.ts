/**
 * The public door of `cli/views/`: what other folders use of it.
 *
 * @module
 */
export { partialLine, renderChangeset, renderSourceReports, summaryLine } from "./_changeset.ts";
export { compareView, componentView, costSummary } from "./_cost.ts";
export { modelFields, offeringFields } from "./_model_detail.ts";
export { capabilityTags, lifecycleText, modelOfferingsView, modelView, offeringView } from "./_models.ts";
export {
  authorFields,
  type AuthorRow,
  authorView,
  providerFields,
  type ProviderRow,
  providerView,
} from "./_providers.ts";
export { UpdateProgress } from "./_update_progress.ts";
export { list, price, tokens } from "./_values.ts";
