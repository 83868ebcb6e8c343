/**
 * Whether a date pin names the release a known model is: `gpt-4o-mini-2024-07-18` is GPT-4o mini as released on
 * 2024-07-18, not a later snapshot of it; `gpt-4o-2024-08-06` is a snapshot of GPT-4o, released on 2024-05-13.
 *
 * @module
 */
import type { Form } from "./_forms.ts";
import type { KnownIndex } from "./_index.ts";

/**
 * Whether a pin (`20240718`, `2024-07-18`, `08-2024`, `2409`, `0528`) names a release date (`YYYY-MM-DD`, or
 * `YYYY-MM`), compared at the pin's own resolution: a day, or a month for `MM-YYYY` and `YYMM`.
 */
export function namesRelease(pin: string, release: string | undefined): boolean {
  if (!release) return false;
  const d = pin.replaceAll("-", "");
  const r = release.replaceAll("-", "");
  if (!/^\d+$/.test(d) || !/^\d{6}(\d\d)?$/.test(r)) return false;
  if (d.length === 8) return d === r;
  if (d.length === 6) return `${d.slice(2)}${d.slice(0, 2)}` === r.slice(0, 6);
  // Four digits read either way: a year and month (`2409`) or a month and day (`0528`).
  if (d.length === 4) return `20${d}` === r.slice(0, 6) || (r.length === 8 && d === r.slice(4));
  return false;
}

/**
 * A hit through a dropped date pin that names the matched model's own release: the pin is dropped for good and
 * the offering is that model, not a snapshot of it.
 */
export function ownRelease<H extends { model: string; form: Form }>(hit: H, index: KnownIndex): H {
  const date = hit.form.date;
  if (date === undefined || !namesRelease(date, index.byId.get(hit.model)?.releaseDate)) return hit;
  return { ...hit, form: { ...hit.form, date: undefined, rules: [...hit.form.rules, "release-date"] } };
}
