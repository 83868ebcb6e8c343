/**
 * The linker's real inputs and ground truth, from the captured fixtures: models.dev's `/api.json` offerings and
 * `models.json` author-level models, the curated `base_model` links of its source archive (never given to the
 * linker), and OpenRouter's model list.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { datePin, idKey, type KnownModel, type LinkOffering } from "../../src/reconcile/link/mod.ts";
import { readArchiveTree } from "../../src/sources/models_dev/_archive.ts";
import {
  baseLinksFromTree,
  knownModelsFromDev,
  offeringsFromDevApi,
} from "../../src/sources/models_dev/_link_input.ts";
import { offeringsFromOpenRouter } from "../../src/sources/providers/_openrouter_link_input.ts";

const fixtures = new URL("../fixtures/sources/", import.meta.url);
const reconcileFixtures = new URL("../fixtures/reconcile/", import.meta.url);

async function json(path: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(path, fixtures), "utf8"));
}

/** What the linker is measured on. */
export interface LinkingFixtures {
  /** Every offering of models.dev's `/api.json` (no `base_model` in them). */
  offerings: LinkOffering[];
  /** The 231 models of `models.json`. */
  known: KnownModel[];
  /** The archive's curated links: `provider/modelId` → `<lab>/<model>`. */
  curated: Map<string, string>;
  /** OpenRouter's list as offerings of provider `openrouter`, with their explicit links. */
  openrouter: LinkOffering[];
}

/** Loads the fixtures. */
export async function loadLinkingFixtures(): Promise<LinkingFixtures> {
  const bytes = await readFile(new URL("models.dev/models.dev-f3fc692.tar.gz", fixtures));
  const tree = await readArchiveTree(new Blob([new Uint8Array(bytes)]).stream(), []);
  return {
    offerings: offeringsFromDevApi(await json("models.dev/api.json")),
    known: knownModelsFromDev(await json("models.dev/models.json")),
    curated: baseLinksFromTree(tree),
    openrouter: offeringsFromOpenRouter(await json("openrouter/models.json")),
  };
}

/** The offerings of the older models.dev `/api.json` (2026-05-25), measured against the same curated links. */
export async function loadOlderOfferings(): Promise<LinkOffering[]> {
  const text = await readFile(new URL("api-2026-05-25.json", reconcileFixtures), "utf8");
  return offeringsFromDevApi(JSON.parse(text));
}

/** How many held-out folds the linking measurements use. */
export const FOLDS = 5;

/** A stable fold (0 to {@link FOLDS} − 1) for a provider id or a model family. */
export function foldOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % FOLDS;
}

/** The family of a known model id: its slug without a date or version pin and an optional suffix. */
export function familyOf(id: string): string {
  const slug = idKey(id.slice(id.indexOf("/") + 1));
  const base = datePin(slug, true)?.base ?? slug;
  return `${id.slice(0, id.indexOf("/"))}/${base.replace(/-(latest|preview|0)$/, "")}`;
}

/** The known models without the families of one fold. */
export function withoutFold(known: readonly KnownModel[], fold: number): KnownModel[] {
  return known.filter((k) => foldOf(familyOf(k.id)) !== fold);
}
