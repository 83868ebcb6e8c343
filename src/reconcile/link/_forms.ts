/**
 * The alternative spellings tried for one offering, each with the rules it took and how far it strays from the
 * id as served: the id itself, then without the provider's own prefix, without or with an organisation prefix, and
 * without a variant suffix or a date pin. Suffixes that may be there or not (`-latest`, `-instruct`, `.0`) are
 * compared on both sides through {@link reducedKey} instead of being added to every spelling.
 *
 * @module
 */
import { OPTIONAL_SUFFIXES, VARIANT_SUFFIXES } from "./_rules.ts";
import { datePin, idKey, type Spelled, stripServing } from "./_spelling.ts";

/** One spelling to look up. */
export interface Form {
  /** The spelling. */
  text: string;
  /** Its comparison key. */
  key: string;
  /** The rules taken to reach it. */
  rules: string[];
  /** How sure a match on this spelling is. */
  confidence: number;
  /** The date pin dropped to reach it (the offering is a snapshot of what it matches). */
  date?: string | undefined;
  /** The variant suffix dropped to reach it (the offering is a variant of what it matches). */
  variant?: string | undefined;
}

/** What the forms need to know besides the id. */
export interface FormContext {
  /** The provider id (its first word is a prefix some providers put on ids: `databricks-gpt-5`). */
  provider: string;
  /** Organisation names → author ids. */
  orgs: ReadonlyMap<string, string>;
}

/** Below this, a spelling has strayed too far (about three rewrites) to be worth a look-up. */
const MIN_CONFIDENCE = 0.7;

type Transform = (f: Form, ctx: FormContext, spelled: Spelled) => Form[];

function derive(f: Form, text: string, rule: string, factor: number, extra: Partial<Form> = {}): Form {
  return {
    ...f,
    ...extra,
    text,
    key: idKey(text),
    rules: [...f.rules, rule],
    confidence: f.confidence * factor,
  };
}

const providerPrefix: Transform = (f, ctx) => {
  const word = ctx.provider.split("-")[0]!;
  return word.length >= 3 && f.text.startsWith(`${word}-`)
    ? [derive(f, f.text.slice(word.length + 1), "provider-prefix", 0.95)]
    : [];
};

const orgPrefix: Transform = (f, ctx) => {
  const out: Form[] = [];
  for (let i = f.text.indexOf("-"); i > 0; i = f.text.indexOf("-", i + 1)) {
    if (ctx.orgs.has(f.text.slice(0, i))) out.push(derive(f, f.text.slice(i + 1), "org-prefix", 0.95));
  }
  return out;
};

const orgJoin: Transform = (f, ctx, spelled) => {
  const names = new Set<string>();
  for (const org of spelled.orgs) {
    names.add(org);
    const author = ctx.orgs.get(org);
    if (author) names.add(author);
  }
  return [...names].filter((n) => !f.text.startsWith(n)).map((n) =>
    derive(f, `${n}-${f.text}`, "org-join", 0.9)
  );
};

/** A version after the id (`anthropic.claude-opus-4-6-v1`); a lossy guess, as `-v2` is part of some names. */
const version: Transform = (f) => {
  const m = /-v\d+$/.exec(f.text);
  return m && m.index > 0 ? [derive(f, f.text.slice(0, m.index), "version-suffix", 0.9)] : [];
};

const snapshot: Transform = (f) => {
  if (f.date !== undefined || f.variant !== undefined) return [];
  const strong = datePin(f.text, false);
  const pin = strong ?? datePin(f.text, true);
  if (!pin) return [];
  return [derive(f, pin.base, "snapshot", strong ? 0.9 : 0.85, { date: pin.date })];
};

const variant: Transform = (f) => {
  if (f.variant !== undefined) return [];
  const dash = f.text.lastIndexOf("-");
  const word = f.text.slice(dash + 1);
  if (dash <= 0 || !VARIANT_SUFFIXES.has(word)) return [];
  return [derive(f, stripServing(f.text.slice(0, dash)).core, "variant", 0.85, { variant: word })];
};

/**
 * The other word order of a version and a tier name: `claude-4.5-sonnet` against `claude-sonnet-4-5` (the order
 * Anthropic changed with Claude 4, and that OpenRouter's canonical slugs and several gateways keep).
 */
const wordOrder: Transform = (f) => {
  const m = /^([a-z][a-z0-9]*)-(\d{1,2}(?:-\d{1,2})?)-([a-z]{3,})(-20\d{6})?$/.exec(f.key) ??
    /^([a-z][a-z0-9]*)-([a-z]{3,})-(\d{1,2}(?:-\d{1,2})?)(-20\d{6})?$/.exec(f.key);
  if (!m) return [];
  return [derive(f, `${m[1]}-${m[3]}-${m[2]}${m[4] ?? ""}`, "word-order", 0.9)];
};

const transforms: readonly Transform[] = [
  providerPrefix,
  orgPrefix,
  orgJoin,
  wordOrder,
  version,
  variant,
  snapshot,
];

/** The spellings an offering's id stands for as served: the id, its core, and its core with a `:` tag kept. */
export function startForms(spelled: Spelled): Form[] {
  const start: Form[] = [{ text: spelled.raw, key: idKey(spelled.raw), rules: ["exact"], confidence: 1 }];
  if (spelled.core !== spelled.raw) {
    start.push({ text: spelled.core, key: idKey(spelled.core), rules: [...spelled.rules], confidence: 0.97 });
  }
  if (spelled.tag !== undefined) {
    const text = `${spelled.core}-${spelled.tag}`;
    start.push({ text, key: idKey(text), rules: [...spelled.rules, "tag-kept"], confidence: 0.97 });
  }
  return start;
}

/** Every spelling to try for an offering, most trusted first, one per key. */
export function formsOf(spelled: Spelled, ctx: FormContext, start = startForms(spelled)): Form[] {
  let forms = start;
  for (const t of transforms) {
    const more: Form[] = [];
    for (const f of forms) {
      for (const g of t(f, ctx, spelled)) if (g.confidence >= MIN_CONFIDENCE) more.push(g);
    }
    forms = forms.concat(more);
  }
  const best = new Map<string, Form>();
  for (const f of forms) {
    const seen = best.get(f.key);
    if (!seen || seen.confidence < f.confidence) best.set(f.key, f);
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence);
}

/**
 * A key without the suffixes that may be there or not (`-latest`, `-instruct`, `-it`, a `.0` version):
 * `claude-sonnet-4-0`, `claude-sonnet-4` and `claude-sonnet-4-latest` meet under it.
 */
export function reducedKey(key: string): string {
  let k = key;
  for (;;) {
    const dash = k.lastIndexOf("-");
    if (dash <= 0) return k;
    const last = k.slice(dash + 1);
    const zero = last === "0" && /\d$/.test(k.slice(0, dash));
    if (!zero && !OPTIONAL_SUFFIXES.includes(last)) return k;
    k = k.slice(0, dash);
  }
}
