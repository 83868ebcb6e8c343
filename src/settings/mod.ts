/**
 * Settings: one resolver from flags, `STARMAP_*` environment, the config file and defaults to one typed object
 * per section, each section declaring its keys next to their schemas.
 *
 * @module
 */
export type { Resolved, SectionSpec, SettingKey } from "./_key.ts";
export { setting } from "./_key.ts";
export { resolveSection, type SectionSettings, type SettingOrigin, type SettingsInput } from "./_resolve.ts";
export { commaList, durationMs, flagText, wholeNumber } from "./_text.ts";
export {
  CATALOG_SETTINGS,
  DEFAULTS,
  OUTPUT_SETTINGS,
  PRICING_SETTINGS,
  SERVER_SETTINGS,
  settingAt,
  SOURCES_SETTINGS,
  WEIGHTS_SETTINGS,
} from "./_sections.ts";
