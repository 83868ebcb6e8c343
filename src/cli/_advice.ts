/**
 * The CLI's advice on library errors: the library says what failed with a `code` and the `setting` at fault;
 * this words it for a CLI user, naming the flag and variables each setting declares in `src/settings/`.
 *
 * @module
 */
import type { StarmapError } from "../errors.ts";
import { settingAt } from "../settings/mod.ts";

/** How a CLI user gives a setting: `pass --registry or set STARMAP_REGISTRY_URL (config weights.registry)`. */
export function settingAdvice(path: string): string {
  const key = settingAt(path);
  if (!key) return `set ${path} in the config file`;
  const ways = [
    ...(key.flag ? [`pass ${key.flag.split("/").at(-1)}`] : []),
    ...(key.env?.length ? [`set ${key.env[0]}`] : []),
  ];
  const config = key.config ? ` (config ${key.config})` : "";
  return ways.length ? `${ways.join(" or ")}${config}` : `set ${key.config ?? path} in the config file`;
}

type Advice = (error: StarmapError, setting: string | undefined) => string | undefined;

const didYouMean = (e: StarmapError) =>
  e.suggestions.length ? `did you mean: ${e.suggestions.join(", ")}? ` : "";

/** Advice by the error's code, where the CLI has more to say than the library's neutral hint. */
const byCode: Record<string, Advice> = {
  unknown_provider: (e) => `${didYouMean(e)}(\`starmap providers list\` shows them all)`,
  sources_skipped: () => "set the API keys named above, or choose other sources with --source",
  sources_failed: (e) => e.hint?.replace("(every source was required)", "(--require-all)"),
  catalog_dir_missing: (_e, setting) => `${setting}, or use --dry`,
  catalog_file_invalid: (e) => e.hint && `${e.hint} (\`starmap update\`)`,
  catalog_files_invalid: () => "fix the fields above, or run `starmap validate` on the directory",
  config_invalid: () => "fix the keys above or point --config at another file",
};

/**
 * The hint the CLI shows for a library error: advice by its code, else the library's hint with the setting's
 * flag and variables added; `undefined` when there is nothing to add to the library's own hint.
 */
export function cliHint(error: StarmapError): string | undefined {
  const setting = error.setting === undefined ? undefined : settingAdvice(error.setting);
  const advice = error.code === undefined ? undefined : byCode[error.code]?.(error, setting);
  if (advice !== undefined) return advice;
  if (setting === undefined) return undefined;
  return error.hint ? `${error.hint}; ${setting}` : setting;
}
