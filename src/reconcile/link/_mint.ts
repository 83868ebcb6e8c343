/**
 * The models the links point to: known models as they are, and minted ones for offerings that no known model
 * covers, one per author and comparison key, named after the spelling most of their offerings use.
 *
 * @module
 */
import { authorOfId, type KnownIndex, slugOfId } from "./_index.ts";
import { datePin, idKey } from "./_spelling.ts";
import type { ModelDefinition } from "./_types.ts";

/** What a minted model starts from. */
export interface MintRequest {
  /** The author id. */
  author: string;
  /** The slug as one offering spells it. */
  slug: string;
  /** The offering's display name. */
  name?: string | undefined;
  /** The offering's family. */
  family?: string | undefined;
  /** The model it is a variant of. */
  base?: string | undefined;
  /** The kind of variant. */
  variant?: string | undefined;
  /** A model id to use as is (a local override's pin). */
  fixedId?: string | undefined;
  /** Keeps the model apart from every other (a local override's cut). */
  apart?: string | undefined;
}

interface Minted {
  author: string;
  key: string;
  spellings: Map<string, number>;
  names: Map<string, number>;
  family?: string | undefined;
  base?: string | undefined;
  variant?: string | undefined;
  fixedId?: string | undefined;
}

const MINTED = "\u0000";

function bump(map: Map<string, number>, value: string | undefined): void {
  if (value) map.set(value, (map.get(value) ?? 0) + 1);
}

function mostCommon(map: Map<string, number>): string | undefined {
  let best: [string, number] | undefined;
  for (const entry of map) {
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  }
  return best?.[0];
}

/** A slug as stored: lowercase, with only letters, digits, `.` and `-`. */
export function normaliseSlug(slug: string): string {
  return slug.toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^-+|-+$/g, "") || "model";
}

/** Collects link targets and builds the model definitions at the end. */
export class ModelRegistry {
  readonly #index: KnownIndex;
  readonly #minted = new Map<string, Minted>();
  readonly #counts = new Map<string, number>();

  /** Starts from the known models. */
  constructor(index: KnownIndex) {
    this.#index = index;
  }

  /** A target for a known model id. */
  known(id: string): string {
    return id;
  }

  /** The key under which a request mints: its author and the comparison key of its slug. */
  keyOf(request: MintRequest): string {
    return `${request.author}/${idKey(normaliseSlug(request.slug))}${
      request.apart ? `${MINTED}${request.apart}` : ""
    }`;
  }

  /** A target for a minted model; requests with the same author and key share one model. */
  mint(request: MintRequest): string {
    const slug = normaliseSlug(request.slug);
    const key = this.keyOf(request);
    const ref = `${MINTED}${request.fixedId ?? key}`;
    let entry = this.#minted.get(ref);
    if (!entry) {
      entry = { author: request.author, key, spellings: new Map(), names: new Map() };
      this.#minted.set(ref, entry);
    }
    bump(entry.spellings, slug);
    bump(entry.names, request.name);
    entry.family ??= request.family;
    entry.base ??= request.base;
    entry.variant ??= request.variant;
    entry.fixedId ??= request.fixedId;
    return ref;
  }

  /** Counts one offering linked to a target. */
  count(target: string): void {
    this.#counts.set(target, (this.#counts.get(target) ?? 0) + 1);
  }

  /** Final model ids for every target, and the definitions of every model. */
  finish(): { idOf: (target: string) => string; models: ModelDefinition[] } {
    const ids = new Map<string, string>();
    const taken = new Set(this.#index.byId.keys());
    for (const [ref, m] of [...this.#minted].sort(([a], [b]) => a.localeCompare(b))) {
      let id = m.fixedId ?? `${m.author}/${mostCommon(m.spellings)}`;
      for (let n = 2; !m.fixedId && taken.has(id); n++) id = `${m.author}/${mostCommon(m.spellings)}-${n}`;
      taken.add(id);
      ids.set(ref, id);
    }
    const byKey = new Map([...this.#minted].map(([ref, m]) => [m.key, ids.get(ref)!]));
    const idOf = (target: string) => ids.get(target) ?? target;
    const models: ModelDefinition[] = [];
    for (const known of this.#index.byId.values()) {
      models.push({
        id: known.id,
        author: authorOfId(known.id),
        known: true,
        name: known.name,
        family: known.family,
        offerings: this.#counts.get(known.id) ?? 0,
      });
    }
    for (const [ref, m] of this.#minted) {
      const id = ids.get(ref)!;
      const pin = m.base === undefined ? datePin(slugOfId(id), false) : undefined;
      const base = m.base ?? (pin ? byKey.get(`${m.author}/${idKey(pin.base)}`) : undefined);
      models.push({
        id,
        author: m.author,
        known: false,
        name: mostCommon(m.names),
        family: m.family,
        ...(base ? { base, variant: m.variant ?? "snapshot" } : {}),
        offerings: this.#counts.get(ref) ?? 0,
      });
    }
    models.sort((a, b) => a.id.localeCompare(b.id));
    return { idOf, models };
  }
}
