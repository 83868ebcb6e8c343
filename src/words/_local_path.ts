/**
 * How a setting that takes a URL or a directory tells a directory: a path that starts `./`, `../`, `/`, `~/` or a
 * drive letter (`C:\`), as people type them; anything else is read as a URL.
 *
 * @module
 */

/** A directory path as a setting that also takes URLs recognises it. */
export const LOCAL_PATH = /^(\.{1,2}([\\/]|$)|[\\/]|~[\\/]|[A-Za-z]:[\\/])/;

/** Whether `value` names a directory rather than a URL. */
export function isLocalPath(value: string): boolean {
  return LOCAL_PATH.test(value);
}
