/**
 * The linker: ties every offering to exactly one model, trying the signals strongest first (a local override, a
 * source's explicit link, a spelling rule, agreement of fields) and minting a model for what none of them ties.
 *
 * @module
 */
import { AuthorDeriver, type AuthorRule } from "../../catalog/mod.ts";
import { StarmapError } from "../../errors.ts";
import { authorRules } from "../../sources/mod.ts";
import { agreeWith, datesDiffer } from "./_agreement.ts";
import { type Form, formsOf, reducedKey, startForms } from "./_forms.ts";
import { authorOfId, KnownIndex, nameKeys, slugOfId } from "./_index.ts";
import { type MintRequest, ModelRegistry, normaliseSlug } from "./_mint.ts";
import { ownRelease } from "./_release.ts";
import { datePin, spell, type Spelled } from "./_spelling.ts";
import type { KnownModel, LinkMethod, LinkOffering, LinkResult, OfferingLink } from "./_types.ts";

/** Options of {@link linkOfferings}. */
export interface LinkOptions {
  /**
   * Local overrides by offering key (`provider/providerModelId`): a model id pins the link, `null` cuts it (the
   * offering gets a model of its own). @default {}
   */
  overrides?: Readonly<Record<string, string | null>> | ReadonlyMap<string, string | null> | undefined;
  /** The author rules. @default the shipped table (`catalog/authors.json`) */
  authorRules?: readonly AuthorRule[] | undefined;
}

interface Decision {
  target: string;
  method: LinkMethod;
  confidence: number;
  evidence: string;
  /** A stated link that names the model the offering's own id already reaches. */
  confirms?: boolean;
}

interface Context {
  index: KnownIndex;
  deriver: AuthorDeriver;
  registry: ModelRegistry;
  /** Resolutions by spelling: many providers serve one id, and a spelling resolves the same way for each. */
  resolved: Map<string, Hit | null>;
}

interface Hit {
  model: string;
  form: Form;
}

function match(forms: readonly Form[], hinted: ReadonlySet<string>, ctx: Context): Hit | undefined {
  const tries: { form: Form; ids: readonly string[] }[] = [];
  for (const form of forms) {
    const ids = ctx.index.byKey.get(form.key);
    if (ids) tries.push({ form, ids });
    // A date pin names one release, never a floating alias (`-latest`) or an optional suffix away from one; a
    // variant is minted only on a base its id names as is (`x-thinking` is no variant of `x-instruct`).
    const exact = form.date === undefined && form.variant === undefined;
    const loose = reducedKey(form.key);
    const reduced = exact ? ctx.index.byReducedKey.get(loose) : undefined;
    // A bare name that pinned releases share with an alias is ambiguous: `claude-sonnet-4` may be the floating
    // `claude-sonnet-4-0` or the snapshot `claude-sonnet-4-20250514`; it is tied by another signal or not at all.
    if (reduced && reduced !== ids && !ctx.index.pinnedBases.has(loose)) {
      const rules = [...form.rules, "optional-suffix"];
      tries.push({ form: { ...form, rules, confidence: form.confidence * 0.9 }, ids: reduced });
    }
  }
  tries.sort((a, b) => b.form.confidence - a.form.confidence);
  let level: number | undefined;
  const hits = new Map<string, Form>();
  for (const { form, ids: all } of tries) {
    if (level !== undefined && form.confidence < level - 1e-9) break;
    const ids = all.length > 1 ? all.filter((id) => hinted.has(authorOfId(id))) : all;
    if (ids.length !== 1) continue;
    level ??= form.confidence;
    if (!hits.has(ids[0]!)) hits.set(ids[0]!, form);
  }
  if (hits.size !== 1) return undefined;
  const [model, form] = [...hits][0]!;
  return { model, form };
}

/**
 * A date-pinned known model that is the only one of its name, for an id that names no date; not when an alias
 * (`claude-sonnet-4-0`, `-latest`) of that name is known too, as the id may mean either.
 */
function soleSnapshot(forms: readonly Form[], ctx: Context): Hit | undefined {
  for (const form of forms) {
    if (form.date !== undefined || form.variant !== undefined) continue;
    if (ctx.index.byReducedKey.has(reducedKey(form.key))) continue;
    const ids = ctx.index.bySnapshotBase.get(form.key);
    if (ids?.length === 1) {
      return {
        model: ids[0]!,
        form: { ...form, rules: [...form.rules, "sole-snapshot"], confidence: form.confidence * 0.85 },
      };
    }
  }
  return undefined;
}

/**
 * The known model one spelling of an id resolves to, or `undefined` when none or several do. The id as served is
 * tried before any rewriting, so most offerings never pay for the alternatives.
 */
function resolve(spelled: Spelled, provider: string, ctx: Context): Hit | undefined {
  const word = provider.split("-")[0]!;
  const own = spelled.raw.includes(`${word}-`) ? word : "";
  const key = `${own}\u0000${spelled.orgs.join("/")}/${spelled.raw}`;
  const cached = ctx.resolved.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const hinted = new Set(spelled.orgs.map((o) => ctx.index.orgs.get(o)).filter((a) => a !== undefined));
  const start = startForms(spelled);
  let hit = match(start, hinted, ctx);
  if (!hit) {
    const forms = formsOf(spelled, { provider, orgs: ctx.index.orgs }, start);
    hit = match(forms, hinted, ctx) ?? soleSnapshot(forms, ctx);
  }
  if (hit) hit = ownRelease(hit, ctx.index);
  ctx.resolved.set(key, hit ?? null);
  return hit;
}

/** The target of a hit: the known model, or a snapshot or variant of it. */
function targetOf(hit: Hit, offering: LinkOffering, ctx: Context): string {
  const suffix = hit.form.date ?? hit.form.variant;
  if (suffix === undefined) return ctx.registry.known(hit.model);
  return ctx.registry.mint({
    author: authorOfId(hit.model),
    slug: `${slugOfId(hit.model)}-${suffix}`,
    name: offering.name,
    family: offering.family,
    base: hit.model,
    variant: hit.form.date !== undefined ? "snapshot" : hit.form.variant,
  });
}

/**
 * The author of an offering no known model covers: stated, then a known organisation in its id, then the author
 * rules, then an unknown organisation in its id (`perceptron/perceptron-mk1`).
 */
function authorFor(offering: LinkOffering, spelled: Spelled, ctx: Context): string | undefined {
  if (offering.authors?.[0]) return offering.authors[0];
  for (const org of spelled.orgs) {
    const author = ctx.index.orgs.get(org);
    if (author) return author;
  }
  const derived =
    ctx.deriver.derive({ provider: offering.provider, id: spelled.core, family: offering.family })[0];
  return derived ?? (spelled.orgs[0] === undefined ? undefined : normaliseSlug(spelled.orgs[0]));
}

/**
 * Where a slug a source states (OpenRouter's `canonical_slug`, a Hugging Face repository) leads, read through the
 * same spelling rules as an offering's id, and never to a model minted for it: a date pinned in the slug (OpenRouter
 * pins one on nearly every canonical slug) points to the lineage base unless the offering's own id names a date,
 * and a slug that reaches no known model says nothing.
 */
function hintTarget(hint: string, offering: LinkOffering, ctx: Context): Hit | undefined {
  const spelled = spell(hint);
  const pin = datePin(spelled.core, false);
  // The offering's own id names a day (`-20250929`, `-0528`, `-02-15`): the slug's date is its own.
  const core = spell(offering.id).core;
  const pinned = pin !== undefined && (datePin(core, true) !== undefined || /-\d\d-\d\d$/.test(core));
  if (pin && !pinned) {
    const base = resolve({ ...spelled, raw: pin.base, core: pin.base, tag: undefined }, "", ctx);
    if (base && base.form.date === undefined) return base;
  }
  return resolve(spelled, "", ctx);
}

function fromHint(offering: LinkOffering, own: Hit | undefined, ctx: Context): Decision | undefined {
  const hints = offering.hints;
  if (!hints) return undefined;
  if (hints.baseModel) {
    const id = hints.baseModel;
    const target = ctx.index.byId.has(id) ? ctx.registry.known(id) : ctx.registry.mint({
      author: authorOfId(id),
      slug: slugOfId(id),
      name: offering.name,
      family: offering.family,
      fixedId: id,
    });
    return { target, method: "explicit", confidence: 1, evidence: "base_model" };
  }
  // A slug a source states is another spelling of the model: it decides where the offering's own id reaches no
  // model, confirms one it reaches, and never moves one that it reaches (in an update every offering's own
  // spelling names its model already, so a dated or reordered slug cannot relink it to a snapshot or an alias).
  for (
    const [hint, label] of [[hints.huggingFaceId, "hugging_face_id"], [hints.canonicalSlug, "canonical_slug"]]
  ) {
    if (!hint) continue;
    const hit = hintTarget(hint, offering, ctx);
    if (!hit) continue;
    const lossy = hit.form.date !== undefined || hit.form.variant !== undefined;
    if (own && (lossy || hit.model !== own.model)) continue;
    const confidence = Math.min(1, hit.form.confidence + 0.02);
    const target = targetOf(hit, offering, ctx);
    return { target, method: "explicit", confidence, evidence: label!, ...(own ? { confirms: true } : {}) };
  }
  return undefined;
}

function fromOverride(key: string, pin: string | null, offering: LinkOffering, ctx: Context): Decision {
  if (pin !== null && !/^[^/\s]+\/[^\s]+$/.test(pin)) {
    throw new StarmapError(
      "invalid",
      `Cannot use link override "${key}": "${pin}" is not a model id author/slug`,
      {
        hint: "pin an offering to a model id such as anthropic/claude-sonnet-4-5, or to null to cut its link",
      },
    );
  }
  if (pin !== null) {
    const target = ctx.index.byId.has(pin) ? ctx.registry.known(pin) : ctx.registry.mint({
      author: authorOfId(pin),
      slug: slugOfId(pin),
      name: offering.name,
      fixedId: pin,
    });
    return { target, method: "override", confidence: 1, evidence: "pinned" };
  }
  const spelled = spell(offering.id);
  const author = authorFor(offering, spelled, ctx) ?? normaliseSlug(offering.provider);
  const target = ctx.registry.mint({ author, slug: spelled.core, name: offering.name, apart: key });
  return { target, method: "override", confidence: 1, evidence: "cut" };
}

/**
 * The slug a minted model takes from an offering: its core id without the provider's own prefix or the author's
 * name in front, when the rest still names an author (`databricks-claude-…`, `openai-gpt-oss-120b`; not
 * `deepseek-v3.2` or `mistral-saba`).
 */
function mintSlug(spelled: Spelled, offering: LinkOffering, author: string, ctx: Context): string {
  let slug = spelled.core;
  const word = offering.provider.split("-")[0]!;
  if (word.length >= 3 && slug.startsWith(`${word}-`)) {
    const rest = slug.slice(word.length + 1);
    if (ctx.deriver.derive({ provider: "", id: rest }).length > 0) slug = rest;
  }
  for (let i = slug.indexOf("-"); i > 0; i = slug.indexOf("-", i + 1)) {
    if (ctx.index.orgs.get(slug.slice(0, i)) !== author) continue;
    const rest = slug.slice(i + 1);
    if (ctx.deriver.derive({ provider: "", id: rest })[0] === author) return rest;
  }
  return slug;
}

/** An offering no signal ties to a known model: the models it could mint, its Hugging Face repository's first. */
interface Pending {
  choices: { request: MintRequest; evidence: string }[];
}

/**
 * Whether an offering's name is the name of another known model than the one its rewritten id reached: the
 * rewriting is then in doubt (`databricks-claude-sonnet-4` named "Claude Sonnet 4.5").
 */
function namesAnother(offering: LinkOffering, model: string, index: KnownIndex): boolean {
  if (!offering.name) return false;
  const { loose } = nameKeys(offering.name);
  const ids = index.byLooseName.get(loose);
  if (!ids || ids.includes(model)) return false;
  const target = index.byId.get(model)?.name;
  return target === undefined || nameKeys(target).loose !== loose;
}

function decide(offering: LinkOffering, ctx: Context): Decision | Pending {
  const spelled = spell(offering.id);
  let own = resolve(spelled, offering.provider, ctx);
  const explicit = fromHint(offering, own, ctx);
  if (explicit) return explicit;
  if (own) {
    const lossy = own.form.confidence < 0.97;
    const exact = own.form.date === undefined && own.form.variant === undefined;
    const doubted = lossy || (exact && datesDiffer(offering, ctx.index.byId.get(own.model)));
    const named = doubted ? agreeWith(offering, authorOfId(own.model), ctx.index, true) : undefined;
    if (named && named.model !== own.model) {
      const evidence = `${named.evidence} over ${own.form.rules.join("+")}`;
      return {
        target: ctx.registry.known(named.model),
        method: "agreement",
        confidence: named.confidence,
        evidence,
      };
    }
    if (lossy && namesAnother(offering, own.model, ctx.index)) own = undefined;
  }
  if (own) {
    const evidence = own.form.rules.join("+");
    return {
      target: targetOf(own, offering, ctx),
      method: "spelling",
      confidence: own.form.confidence,
      evidence,
    };
  }
  const author = authorFor(offering, spelled, ctx);
  const agreement = agreeWith(offering, author, ctx.index);
  if (agreement) {
    const { model, confidence, evidence } = agreement;
    return { target: ctx.registry.known(model), method: "agreement", confidence, evidence };
  }
  const choices: Pending["choices"] = [];
  const fields = { name: offering.name, family: offering.family };
  const hf = offering.hints?.huggingFaceId ? spell(offering.hints.huggingFaceId) : undefined;
  if (hf) {
    const owner = authorFor({ ...offering, authors: undefined }, hf, ctx) ?? normaliseSlug(offering.provider);
    choices.push({
      request: { author: owner, slug: mintSlug(hf, offering, owner, ctx), ...fields },
      evidence: "hugging_face_id",
    });
  }
  const owner = author ?? normaliseSlug(offering.provider);
  choices.push({
    request: { author: owner, slug: mintSlug(spelled, offering, owner, ctx), ...fields },
    evidence: "unmatched",
  });
  return { choices };
}

/**
 * Mints the model of an offering no signal ties: under its Hugging Face repository's name when another offering is
 * spelled that way or none is spelled like its own id, otherwise under its own id's spelling.
 */
function settle(pending: Pending, spellings: ReadonlyMap<string, number>, ctx: Context): Decision {
  const [first, second] = pending.choices;
  const own = spellings.get(ctx.registry.keyOf(second?.request ?? first!.request)) ?? 0;
  const chosen = second && (spellings.get(ctx.registry.keyOf(first!.request)) ?? 0) === 0 && own > 1
    ? second
    : first!;
  return {
    target: ctx.registry.mint(chosen.request),
    method: "new",
    confidence: 1,
    evidence: chosen.evidence,
  };
}

/**
 * Links offerings to models: each offering gets exactly one model id `author/slug`, with the method and
 * confidence of the link; models that no known model covers are minted.
 *
 * @throws {StarmapError} `invalid` when an override pins an offering to something that is not `author/slug`.
 *
 * @example
 * ```ts
 * const { links } = linkOfferings(
 *   [{ provider: "amazon-bedrock", id: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" }],
 *   [{ id: "anthropic/claude-sonnet-4-5-20250929" }],
 * );
 * links[0]!.model; // "anthropic/claude-sonnet-4-5-20250929"
 * ```
 */
export function linkOfferings(
  offerings: readonly LinkOffering[],
  known: readonly KnownModel[],
  options: LinkOptions = {},
): LinkResult {
  const rules = options.authorRules ?? authorRules();
  const index = new KnownIndex(known, rules);
  const ctx: Context = {
    index,
    deriver: new AuthorDeriver(rules, index.labs),
    registry: new ModelRegistry(index),
    resolved: new Map(),
  };
  const overrides = options.overrides instanceof Map
    ? options.overrides
    : new Map(Object.entries(options.overrides ?? {}));
  const first = offerings.map((offering) => {
    const key = `${offering.provider}/${offering.id}`;
    const pin = overrides.get(key);
    return pin !== undefined ? fromOverride(key, pin, offering, ctx) : decide(offering, ctx);
  });
  const spellings = new Map<string, number>();
  for (const d of first) {
    if (!("choices" in d)) continue;
    const key = ctx.registry.keyOf(d.choices[d.choices.length - 1]!.request);
    spellings.set(key, (spellings.get(key) ?? 0) + 1);
  }
  const decisions = first.map((d) => "choices" in d ? settle(d, spellings, ctx) : d);
  for (const d of decisions) ctx.registry.count(d.target);
  const { idOf, models } = ctx.registry.finish();
  const links: OfferingLink[] = decisions.map((d, i) => ({
    offering: `${offerings[i]!.provider}/${offerings[i]!.id}`,
    model: idOf(d.target),
    method: d.method,
    confidence: Math.round(d.confidence * 1000) / 1000,
    evidence: d.evidence,
    ...(d.confirms ? { confirms: true } : {}),
  }));
  return { links, models };
}
