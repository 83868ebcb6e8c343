/**
 * Derives the authors (labs) of models from their ids, families and a lab index.
 *
 * @module
 */
import { z } from "zod";
import { Author } from "./_schema.ts";
import type { Author as AuthorType } from "./types.gen.ts";

/** An author with the rules that recognise its models. */
export const AuthorRule = Author.extend({
  /** Organisation names that prefix model ids (`meta-llama/…`, `@cf/meta/…`). */
  orgs: z.array(z.string()),
  /** Model families (exact, or as a prefix followed by `-`). */
  families: z.array(z.string()),
  /** Regular expressions over the lowercased last segment of the model id. */
  ids: z.array(z.string()),
});
/** An author with the rules that recognise its models (a plain type, so the public API names no zod type). */
export type AuthorRule = AuthorType & {
  /** Organisation names that prefix model ids. */
  orgs: string[];
  /** Model families (exact, or as a prefix followed by `-`). */
  families: string[];
  /** Regular expressions over the lowercased last segment of the model id. */
  ids: string[];
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The plain type must stay what the schema parses; `deno check` fails here if they drift apart.
const _sameShape: Same<AuthorRule, z.output<typeof AuthorRule>> = true;

/** What {@link AuthorDeriver.derive} looks at. */
export interface AuthoredModel {
  /** The provider serving the model. */
  provider: string;
  /** The model id as the provider names it. */
  id: string;
  /** The model family, if known. */
  family?: string | undefined;
}

interface CompiledRule {
  id: string;
  families: string[];
  ids: RegExp[];
}

/**
 * Recognises the lab behind a model: an organisation prefix in the id first, then a lab index (bare model id →
 * lab, from models.dev's provider-independent layer), then the family, then id patterns, then the provider itself
 * when it is a lab.
 */
export class AuthorDeriver {
  readonly #orgs = new Map<string, string>();
  readonly #rules: CompiledRule[];
  readonly #labs: ReadonlyMap<string, string>;
  readonly #authorIds: ReadonlySet<string>;

  /** Compiles the rules; `labs` maps lowercased bare model ids to author ids. */
  constructor(rules: readonly AuthorRule[], labs: ReadonlyMap<string, string> = new Map()) {
    for (const r of rules) for (const o of r.orgs) this.#orgs.set(o.toLowerCase(), r.id);
    this.#rules = rules.map((r) => ({
      id: r.id,
      families: r.families,
      ids: r.ids.map((p) => new RegExp(p)),
    }));
    this.#labs = labs;
    this.#authorIds = new Set(rules.map((r) => r.id));
  }

  /** The author ids of a model: one lab, or none when nothing recognises it. */
  derive(model: AuthoredModel): string[] {
    const segments = model.id.toLowerCase().split("/");
    const bare = segments[segments.length - 1]!;
    for (const s of segments.slice(0, -1)) {
      const org = this.#orgs.get(s.replace(/^@/, ""));
      if (org) return [org];
    }
    const lab = this.#labs.get(bare) ?? this.#labs.get(bare.replace(/[:@].*$/, ""));
    if (lab) return [lab];
    const family = model.family?.toLowerCase();
    if (family) {
      const byFamily = this.#rules.find((r) =>
        r.families.some((f) => family === f || family.startsWith(`${f}-`))
      );
      if (byFamily) return [byFamily.id];
    }
    const byId = this.#rules.find((r) => r.ids.some((re) => re.test(bare)));
    if (byId) return [byId.id];
    return this.#authorIds.has(model.provider) ? [model.provider] : [];
  }
}
