/**
 * Words and small text helpers with no dependencies: the catalog's closed word lists, calendar dates, the CSV field
 * escaper and "did you mean" suggestions. The CLI's flag parsers use them at start-up, so this folder imports nothing.
 *
 * @module
 */
export * from "./vocabulary.ts";
export { isCalendarDate } from "./calendar.ts";
export { csvEscape } from "./csv.ts";
export { suggest, type SuggestOptions } from "./suggest.ts";
