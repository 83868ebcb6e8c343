/**
 * Agreement: an offering whose id no spelling rule ties to a known model still links to one when its name, author
 * and at least one more field (release date, or family with the context window) agree with exactly one of them.
 *
 * @module
 */
import { authorOfId, type KnownIndex, nameKeys, slugOfId } from "./_index.ts";
import { datePin, idKey, spell } from "./_spelling.ts";
import type { KnownModel, LinkOffering } from "./_types.ts";

/** A model that agrees with an offering, and on what. */
export interface Agreement {
  /** The known model id. */
  model: string;
  /** The fields that agree (`name+release_date+family`). */
  evidence: string;
  /** How sure the link is. */
  confidence: number;
}

function agreeing(offering: LinkOffering, model: KnownModel): string[] {
  const fields: string[] = [];
  if (offering.releaseDate && offering.releaseDate === model.releaseDate) fields.push("release_date");
  const family = offering.family?.toLowerCase();
  if (family && family === model.family?.toLowerCase()) fields.push("family");
  const context = offering.limits?.context;
  if (context !== undefined && context === model.limits?.context) fields.push("context");
  return fields;
}

/**
 * Whether the notes in brackets that a loose name match leaves out tell two models apart: a note with a number
 * (`GPT-4 Turbo (older v1106)`) names a version, and two different notes (`Grok 4.20 (Reasoning)` against
 * `Grok 4.20 (Non-Reasoning)`) name two models. Notes that only say how a model is served were dropped already.
 */
function notesDiffer(notes: string, name: string | undefined): boolean {
  if (notes === "") return false;
  if (/\d/.test(notes)) return true;
  const theirs = name === undefined ? "" : nameKeys(name).notes;
  return theirs !== "" && theirs !== notes;
}

/** `pinned` for an id that names one release (`-2512`, `-20250514`), `floating` for `-latest`. */
function pinOf(id: string): "pinned" | "floating" | undefined {
  const key = idKey(id);
  if (key.endsWith("-latest")) return "floating";
  return datePin(key, true) ? "pinned" : undefined;
}

/**
 * Whether the ids contradict each other, whatever the names say: one names a release and the other floats
 * (`devstral-2512` against `devstral-medium-latest`, both named "Devstral 2" for a while).
 */
function pinsClash(core: string, model: string): boolean {
  const ours = pinOf(core);
  const theirs = pinOf(slugOfId(model));
  return ours !== undefined && theirs !== undefined && ours !== theirs;
}

/**
 * Whether an offering states another release date than the model its id names: the id is then in doubt, and a
 * model whose full name and release date agree with the offering takes it (`deepseek-r1` named "DeepSeek
 * Reasoner" and released on DeepSeek Reasoner's day, a GA id named and dated as its preview).
 */
export function datesDiffer(offering: LinkOffering, model: KnownModel | undefined): boolean {
  const released = model?.releaseDate;
  return !!offering.releaseDate && !!released && offering.releaseDate !== released;
}

/**
 * The one known model that agrees with an offering by name, author and another field, or `undefined` when none
 * or several do (an ambiguous case is left to become its own model). `strict` takes the full name only and
 * needs the release date to agree.
 */
export function agreeWith(
  offering: LinkOffering,
  author: string | undefined,
  index: KnownIndex,
  strict = false,
): Agreement | undefined {
  if (!offering.name) return undefined;
  const { full, loose, notes } = nameKeys(offering.name);
  const core = spell(offering.id).core;
  const names = [[index.byName.get(full), 1], [
    strict ? undefined : index.byLooseName.get(loose),
    0.95,
  ]] as const;
  for (const [ids, factor] of names) {
    if (!ids) continue;
    const found: Agreement[] = [];
    for (const id of ids) {
      if (author !== undefined && authorOfId(id) !== author) continue;
      if (factor < 1 && notesDiffer(notes, index.byId.get(id)!.name)) continue;
      if (pinsClash(core, id)) continue;
      const fields = agreeing(offering, index.byId.get(id)!);
      const dated = fields.includes("release_date");
      const family = fields.includes("family");
      const exactName = factor === 1 && author !== undefined;
      const context = fields.includes("context");
      if (strict ? !dated : !(dated || (family && context) || (exactName && (family || context)))) continue;
      found.push({
        model: id,
        evidence: ["name", ...fields].join("+"),
        confidence: Math.min(0.9, 0.6 + 0.1 * fields.length) * factor,
      });
    }
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      const dated = found.filter((a) => a.evidence.includes("release_date"));
      return dated.length === 1 ? dated[0] : undefined;
    }
  }
  return undefined;
}
