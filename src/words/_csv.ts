/**
 * The one CSV (RFC 4180) field escaper, for every CSV starmap writes (the CLI's `-o csv`, the price export).
 *
 * @module
 */

/** Quotes a CSV field when it holds a quote, comma or line break (doubling its quotes); otherwise returns it. */
export function csvEscape(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
