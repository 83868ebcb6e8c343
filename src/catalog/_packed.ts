/**
 * The packed form of a catalog document, in which starmap embeds its catalog: the same data as `catalog.json`,
 * laid out so that a start parses only what it reads. The first line is a JSON object with everything but the
 * offerings (version, date, providers, authors, models) and a table of groups; each following line is the JSON
 * array of one model's offerings, in catalog order. The table gives, per group, the model id, the length of its
 * line, the positions of its offerings in the catalog's list (so that one group is parsed without scanning the
 * rest and the whole list comes back in its order) and what the offerings add up to (so that a list of models
 * need not read them).
 *
 * @module
 */
import { type OfferingSummary, summarize } from "./_listing.ts";
import type { CatalogData, Offering } from "./types.gen.ts";

/** An offering summary as JSON stores it (`null` for unknown). */
type PackedSummary = [count: number, providers: number, context: Num, input: Num, output: Num];
type Num = number | null;

/** One group of the table: model id, length of its line (UTF-16 code units), catalog positions, summary. */
type Group = [model: string, length: number, positions: number[], summary: PackedSummary];

const NONE: OfferingSummary = summarize([]);

/** The first line of the packed form. */
type Head = Omit<CatalogData, "offerings"> & { groups: Group[] };

/** Packs a catalog document (the inverse of {@link unpackCatalog}). */
export function packCatalog(data: CatalogData): string {
  const byModel = new Map<string, { offerings: Offering[]; positions: number[] }>();
  data.offerings.forEach((o, i) => {
    const group = byModel.get(o.model) ??
      byModel.set(o.model, { offerings: [], positions: [] }).get(o.model)!;
    group.offerings.push(o);
    group.positions.push(i);
  });
  const lines: string[] = [];
  const groups: Group[] = [];
  for (const [model, group] of byModel) {
    const line = JSON.stringify(group.offerings);
    lines.push(line);
    const { count, providers, context, input, output } = summarize(group.offerings);
    groups.push([model, line.length, group.positions, [
      count,
      providers,
      context ?? null,
      input ?? null,
      output ?? null,
    ]]);
  }
  const { offerings: _, ...rest } = data;
  const head: Head = { ...rest, groups };
  return [JSON.stringify(head), ...lines].join("\n") + "\n";
}

/**
 * A packed catalog, read lazily: the head at once, a model's offerings when first asked for, every offering when
 * the whole list is. An offering is parsed once: the whole list holds the same objects the groups handed out.
 */
export class PackedCatalog {
  /** The document without its offerings. */
  readonly head: Omit<CatalogData, "offerings">;
  readonly #text: string;
  readonly #groups: Map<string, { start: number; end: number; positions: number[]; summary: PackedSummary }>;
  readonly #parsed = new Map<string, Offering[]>();
  readonly #count: number;

  /** Reads the head of a packed catalog. */
  constructor(text: string) {
    this.#text = text;
    const eol = text.indexOf("\n");
    const { groups, ...head } = JSON.parse(text.slice(0, eol)) as Head;
    this.head = head;
    this.#groups = new Map();
    let start = eol + 1;
    let count = 0;
    for (const [model, length, positions, summary] of groups) {
      this.#groups.set(model, { start, end: start + length, positions, summary });
      start += length + 1;
      count += positions.length;
    }
    this.#count = count;
  }

  /** The offerings of a model, in catalog order (`undefined` when it has none). */
  ofModel(model: string): Offering[] | undefined {
    const cached = this.#parsed.get(model);
    if (cached) return cached;
    const group = this.#groups.get(model);
    if (!group) return undefined;
    const list = JSON.parse(this.#text.slice(group.start, group.end)) as Offering[];
    this.#parsed.set(model, list);
    return list;
  }

  /** What the offerings of a model add up to, read without them. */
  summary(model: string): OfferingSummary {
    const packed = this.#groups.get(model)?.summary;
    if (!packed) return NONE;
    const [count, providers, context, input, output] = packed;
    return {
      count,
      providers,
      context: context ?? undefined,
      input: input ?? undefined,
      output: output ?? undefined,
    };
  }

  /** Every offering, in catalog order. */
  all(): Offering[] {
    const out = new Array<Offering>(this.#count);
    for (const [model, { positions }] of this.#groups) {
      const list = this.ofModel(model)!;
      for (let i = 0; i < positions.length; i++) out[positions[i]!] = list[i]!;
    }
    return out;
  }
}

/** Unpacks a packed catalog into a fresh document (the inverse of {@link packCatalog}). */
export function unpackCatalog(text: string): CatalogData {
  const packed = new PackedCatalog(text);
  return { ...packed.head, offerings: packed.all() };
}
