/**
 * The document behind a catalog snapshot, frozen no later than it is read. Offerings are four fifths of a catalog
 * and models most of the rest; freezing (like parsing) them is most of what a start costs, so a command that
 * reads a few of them (`models show`, a search) pays for those only: providers and authors are frozen at once, a
 * model or an offering when a snapshot first hands it out, the rest when the whole document is read. A packed document
 * (see `_packed.ts`) parses a model's offerings only when they are first asked for.
 *
 * @module
 */
import { freezeShared } from "./_freeze.ts";
import type { OfferingSummary } from "./_listing.ts";
import type { PackedCatalog } from "./_packed.ts";
import type { Author, CatalogData, Model, Offering, Provider } from "./types.gen.ts";

type Doc = Omit<CatalogData, "offerings"> & { offerings?: Offering[] };

/** A catalog document that freezes (and, when packed, parses) its offerings as they are used. */
export class CatalogDocument {
  readonly #doc: Doc;
  readonly #packed: PackedCatalog | undefined;
  /** The frozen string lists shared by equal lists across the document. */
  readonly #shared = new Map<string, readonly string[]>();
  #allFrozen: boolean;
  #byModel: Map<string, Offering[]> | undefined;

  /** Takes ownership of a document (or of a packed one's head) and freezes its providers and authors. */
  constructor(source: CatalogData | PackedCatalog) {
    const packed = "head" in source ? source : undefined;
    const doc: Doc = packed ? packed.head : source as CatalogData;
    this.#doc = doc;
    this.#packed = packed;
    this.#allFrozen = Object.isFrozen(doc);
    this.#freeze("providers");
    this.#freeze("authors");
  }

  /** Deep-freezes one list of the document (an empty list may become the shared empty list). */
  #freeze(key: "providers" | "authors" | "models"): void {
    const frozen = freezeShared(this.#doc[key], this.#shared);
    if (frozen !== this.#doc[key]) (this.#doc as Record<string, unknown>)[key] = frozen;
  }

  /** The providers, frozen. */
  get providers(): readonly Provider[] {
    return this.#doc.providers;
  }

  /** The authors, frozen. */
  get authors(): readonly Author[] {
    return this.#doc.authors;
  }

  /** Every model, frozen. */
  get models(): readonly Model[] {
    if (!this.#allFrozen) this.#freeze("models");
    return this.#doc.models;
  }

  /** Every model in catalog order, not necessarily frozen yet: for indexes and tests that hand out none. */
  get rawModels(): readonly Model[] {
    return this.#doc.models;
  }

  /** The whole document, frozen (the first read parses and freezes what has not been yet). */
  get data(): Readonly<CatalogData> {
    void this.rawOfferings;
    if (!this.#allFrozen) {
      freezeShared(this.#doc, this.#shared);
      this.#allFrozen = true;
    }
    return this.#doc as CatalogData;
  }

  /** Every offering in catalog order, not necessarily frozen yet: for indexes that hand out none of them. */
  get rawOfferings(): readonly Offering[] {
    return this.#doc.offerings ??= this.#packed!.all();
  }

  /** What the offerings of a model add up to, when the document knows it without reading them (packed). */
  summary(model: string): OfferingSummary | undefined {
    return this.#packed?.summary(model);
  }

  /** The offerings of one model in catalog order, not necessarily frozen yet. */
  ofModel(model: string): readonly Offering[] {
    if (this.#packed) return this.#packed.ofModel(model) ?? [];
    if (!this.#byModel) {
      this.#byModel = new Map();
      for (const o of this.rawOfferings) {
        const list = this.#byModel.get(o.model);
        if (list) list.push(o);
        else this.#byModel.set(o.model, [o]);
      }
    }
    return this.#byModel.get(model) ?? [];
  }

  /**
   * Freezes records about to be handed out (a no-op once the whole document is frozen). A list is frozen item by
   * item and kept as it is: it may be an index's own list.
   */
  frozen<T extends Model | Offering | readonly (Model | Offering)[] | undefined>(value: T): T {
    if (this.#allFrozen || value === undefined) return value;
    if (Array.isArray(value)) { for (const r of value) freezeShared(r, this.#shared); }
    else freezeShared(value, this.#shared);
    return value;
  }
}
