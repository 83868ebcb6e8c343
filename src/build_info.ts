/**
 * The version of starmap and what build it is.
 *
 * @module
 */
import meta from "../deno.json" with { type: "json" };
import build from "./build_info.json" with { type: "json" };

/** The package version, from `deno.json`. */
export const VERSION: string = meta.version;

/** The commit the binary was built from (`dev` when run from source). */
export const COMMIT: string = build.commit;

/** When the binary was built (ISO 8601), empty when run from source. */
export const BUILT_AT: string = build.builtAt;
