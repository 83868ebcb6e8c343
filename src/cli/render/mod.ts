/**
 * The public door of `cli/render/`: what other folders use of it.
 *
 * @module
 */
export type { Column, TextColumn, View } from "./columns.ts";
export {
  type Field,
  isDataFormat,
  isOutputFormat,
  OUTPUT_FORMATS,
  type OutputFormat,
  prepareRenderer,
  renderData,
  renderFields,
  renderList,
  type RenderOptions,
} from "./format.ts";
