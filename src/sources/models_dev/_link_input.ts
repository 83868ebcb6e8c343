/**
 * models.dev as input to the linker: the offerings of `/api.json`, the author-level models of `models.json`, and the
 * curated `base_model` links of the source archive (explicit links, and the ground truth the linker is measured on).
 *
 * @module
 */
import { parse as parseToml } from "smol-toml";
import type { KnownModel, LinkOffering } from "../_link_input.ts";
import { type ArchiveTree, resolveLink } from "./_archive_tree.ts";

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}

function fields(m: Table): Omit<KnownModel, "id"> {
  const limit = isTable(m.limit) ? m.limit : {};
  return {
    name: text(m.name),
    family: text(m.family),
    releaseDate: text(m.release_date),
    limits: { context: count(limit.context), output: count(limit.output) },
    openWeights: typeof m.open_weights === "boolean" ? m.open_weights : undefined,
  };
}

/** The offerings of a models.dev `/api.json` document (`{provider: {models: {id: model}}}`); odd entries are skipped. */
export function offeringsFromDevApi(api: unknown): LinkOffering[] {
  const out: LinkOffering[] = [];
  if (!isTable(api)) return out;
  for (const [provider, p] of Object.entries(api)) {
    if (!isTable(p) || !isTable(p.models)) continue;
    for (const [id, m] of Object.entries(p.models)) {
      if (isTable(m)) out.push({ provider, id, ...fields(m) });
    }
  }
  return out;
}

/** The author-level models of models.dev's `models.json` (`{"<lab>/<model>": model}`). */
export function knownModelsFromDev(models: unknown): KnownModel[] {
  if (!isTable(models)) return [];
  return Object.entries(models)
    .filter(([id, m]) => id.includes("/") && isTable(m))
    .map(([id, m]) => ({ id, ...fields(m as Table) }));
}

const providerModel = /^providers\/([^/]+)\/models\/(.+)\.toml$/;

/**
 * The `base_model` of every provider model file in a models.dev archive tree (links between providers followed),
 * keyed `provider/modelId`.
 */
export function baseLinksFromTree(tree: ArchiveTree): Map<string, string> {
  const links = new Map<string, string>();
  for (const path of [...tree.files.keys(), ...tree.links.keys()].sort()) {
    const m = providerModel.exec(path);
    if (!m) continue;
    const resolved = resolveLink(tree, path);
    if ("error" in resolved) continue;
    const source = tree.files.get(resolved.path)!;
    if (!source.includes("base_model")) continue;
    try {
      const base = text(parseToml(source).base_model);
      if (base) links.set(`${m[1]}/${m[2]}`, base);
    } catch {
      // An unreadable file has no link; the archive source reports it when it builds the document.
    }
  }
  return links;
}
