/**
 * Measures links against curated ones (models.dev's `base_model`): recall (curated links found), precision (links
 * made that are right) and the misses grouped by cause.
 *
 * @module
 */
import type { LinkResult } from "./_types.ts";

/** One curated link the linker missed or got wrong. */
export interface LinkMiss {
  /** `provider/providerModelId`. */
  offering: string;
  /** The curated model id. */
  expected: string;
  /** The model linked to. */
  got: string;
  /** The link's method and evidence. */
  how: string;
}

/** Figures of a measurement. */
export interface LinkMeasurement {
  /** Offerings with a curated link. */
  curated: number;
  /** Of those, linked to the curated model. */
  correct: number;
  /** Of those, linked to a variant (snapshot, fast…) whose lineage base is the curated model. */
  variants: number;
  /** Of those, linked to some existing model or a variant of one (not left to a minted model of their own). */
  made: number;
  /** `correct / curated`. */
  recall: number;
  /** `correct / made`. */
  precision: number;
  /** Misses by cause: `wrong` (linked elsewhere), `variant` (to a variant of the curated model), `unlinked`. */
  misses: Record<"wrong" | "variant" | "unlinked", LinkMiss[]>;
}

/** Compares a link result with curated links (`provider/providerModelId` → model id). */
export function measureLinks(result: LinkResult, curated: ReadonlyMap<string, string>): LinkMeasurement {
  const models = new Map(result.models.map((m) => [m.id, m]));
  const out: LinkMeasurement = {
    curated: 0,
    correct: 0,
    variants: 0,
    made: 0,
    recall: 0,
    precision: 0,
    misses: { wrong: [], variant: [], unlinked: [] },
  };
  for (const link of result.links) {
    const expected = curated.get(link.offering);
    if (expected === undefined) continue;
    out.curated++;
    const model = models.get(link.model);
    const madeLink = link.method !== "new" && (model?.known === true || model?.base !== undefined);
    if (madeLink) out.made++;
    if (link.model === expected) {
      out.correct++;
      continue;
    }
    const miss = {
      offering: link.offering,
      expected,
      got: link.model,
      how: `${link.method}:${link.evidence}`,
    };
    if (model?.base === expected) {
      out.variants++;
      out.misses.variant.push(miss);
    } else if (madeLink) out.misses.wrong.push(miss);
    else out.misses.unlinked.push(miss);
  }
  out.recall = out.curated ? out.correct / out.curated : 0;
  out.precision = out.made ? out.correct / out.made : 0;
  return out;
}
