/**
 * The public door of `cli/render/`: what other folders use of it.
 *
 * @module
 */
export type { Column, TextColumn, View } from "./_columns.ts";
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
} from "./_format.ts";
