/**
 * Words and small text helpers with no dependencies: the catalog's closed word lists, calendar dates, the CSV field
 * escaper and "did you mean" suggestions. The CLI's flag parsers use them at start-up, so this folder imports nothing.
 *
 * @module
 */
export * from "./_vocabulary.ts";
export { isCalendarDate } from "./_calendar.ts";
export { csvEscape } from "./_csv.ts";
export { suggest, type SuggestOptions } from "./_suggest.ts";
export { fieldPath } from "./_field_path.ts";
export { hideCredentials } from "./_credentials.ts";
export { isLocalPath, LOCAL_PATH } from "./_local_path.ts";
export { counted } from "./_counted.ts";
