/**
 * Turns the files of a models.dev source archive into a models.dev document: provider folders with one TOML file
 * per model, symbolic links between provider folders resolved inside the archive, and `base_model` inheritance
 * from the provider-independent `models/<lab>/<model>.toml` layer.
 *
 * Nothing here touches the filesystem: paths are strings, links are looked up in the in-memory tree, and an entry
 * with an absolute path or a `..` segment is refused before it enters the tree.
 *
 * @module
 */
import { posix } from "node:path";
import { parse as parseToml } from "smol-toml";

/** The archive as read: regular files by path, and symbolic links by path, both relative to the top folder. */
export interface ArchiveTree {
  /** File contents by path (`providers/openai/models/gpt-4o.toml`). */
  files: Map<string, string>;
  /** Symbolic link targets by path, as stored. */
  links: Map<string, string>;
}

/** The models.dev document built from an archive and what was skipped on the way. */
export interface ArchiveDocument {
  /** `{providerId: {id, name, env, …, models: {modelId: model}}}`, the shape of `/api.json`. */
  api: Record<string, Record<string, unknown>>;
  /** Lowercased bare model id → lab (author) id, from the `models/<lab>/` layer. */
  labs: Map<string, string>;
  /** The author-level models of the `models/<lab>/` layer keyed `<lab>/<model>`, as parsed. */
  bases: Map<string, Record<string, unknown>>;
  /** Lab (author) id → its logo's SVG markup, from the `labs/<lab>/logo.svg` layer. */
  logos: Map<string, string>;
  /** Offering key `provider/model` → the `base_model` it names (an explicit link to an author-level model). */
  baseModels: Map<string, string>;
  /** Dangling or unsafe links, unreadable files, unknown base models. */
  notes: string[];
}

type Table = Record<string, unknown>;

/**
 * Normalises an archive entry path: strips the top folder (`models.dev-<ref>/`) and refuses absolute paths,
 * drive letters, backslashes and `.`/`..` segments. Returns `undefined` for a path to refuse.
 */
export function safeArchivePath(raw: string): string | undefined {
  if (raw.includes("\\") || raw.includes("\0") || /^[a-zA-Z]:/.test(raw) || raw.startsWith("/")) {
    return undefined;
  }
  const segments = raw.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) return undefined;
  const rest = segments.slice(1);
  return rest.length ? rest.join("/") : undefined;
}

/** Resolves a link inside the tree (following chains), or explains why it cannot be. */
export function resolveLink(tree: ArchiveTree, path: string): { path: string } | { error: string } {
  let current = path;
  for (let hops = 0; hops < 16; hops++) {
    const target = tree.links.get(current);
    if (target === undefined) {
      return tree.files.has(current)
        ? { path: current }
        : { error: `dangling link (no ${current} in the archive)` };
    }
    if (target.startsWith("/")) return { error: `absolute link target ${target} refused` };
    const joined = posix.normalize(posix.join(posix.dirname(current), target));
    if (joined.startsWith("../") || joined === "..") {
      return { error: `link target ${target} leaves the archive` };
    }
    current = joined;
  }
  return { error: "too many levels of links" };
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** TOML dates become `YYYY-MM-DD` strings (models.dev quotes its dates, but a bare one must not break). */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  if (isTable(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function omit(table: Table, path: string): void {
  const keys = path.split(".");
  let node: unknown = table;
  for (const k of keys.slice(0, -1)) {
    node = isTable(node) ? node[k] : undefined;
  }
  if (isTable(node)) delete node[keys[keys.length - 1]!];
}

/** Deep merge: tables merge key by key, everything else (arrays included) is replaced by the overlay. */
function merge(base: Table, overlay: Table): Table {
  const out: Table = { ...base };
  for (const [k, v] of Object.entries(overlay)) {
    const b = out[k];
    out[k] = isTable(b) && isTable(v) ? merge(b, v) : v;
  }
  return out;
}

/** Applies `base_model` inheritance: the base's fields minus `base_model_omit`, then the model's own fields. */
function inherit(model: Table, bases: Map<string, Table>): { table: Table } | { error: string } {
  const ref = model.base_model;
  const { base_model: _b, base_model_omit: omitted, ...own } = model;
  if (typeof ref !== "string") return { table: own };
  const base = bases.get(ref);
  if (!base) return { error: `base_model "${ref}" not found in models/` };
  const copy = structuredClone(base);
  for (const p of Array.isArray(omitted) ? omitted : []) if (typeof p === "string") omit(copy, p);
  return { table: merge(copy, own) };
}

/** models.dev's build defaults a price tier's `tier.type` to `context`; do the same. */
function defaultTierType(model: Table): Table {
  const cost = model.cost;
  if (!isTable(cost) || !Array.isArray(cost.tiers)) return model;
  const tiers = cost.tiers.map((t) =>
    isTable(t) && isTable(t.tier) && t.tier.type === undefined
      ? { ...t, tier: { type: "context", ...t.tier } }
      : t
  );
  return { ...model, cost: { ...cost, tiers } };
}

function parseFile(tree: ArchiveTree, path: string, notes: string[]): Table | undefined {
  try {
    return plain(parseToml(tree.files.get(path)!)) as Table;
  } catch (error) {
    notes.push(`${path}: cannot parse TOML: ${(error as Error).message.split("\n")[0]}`);
    return undefined;
  }
}

const providerFile = /^providers\/([^/]+)\/provider\.toml$/;
const providerModel = /^providers\/([^/]+)\/models\/(.+)\.toml$/;
const baseModel = /^models\/([^/]+)\/(.+)\.toml$/;
const labLogo = /^labs\/([^/]+)\/logo\.svg$/;

/** The lab logos of the tree: SVG markup by lab id (a file that is not an SVG document is skipped with a note). */
function labLogos(tree: ArchiveTree, notes: string[]): Map<string, string> {
  const logos = new Map<string, string>();
  for (const [path, text] of tree.files) {
    const m = labLogo.exec(path);
    if (!m) continue;
    const svg = text.trim();
    if (svg.startsWith("<svg") && svg.length <= 65536) logos.set(m[1]!, svg);
    else notes.push(`${path}: not an SVG document of at most 64 KiB; logo skipped`);
  }
  return logos;
}

/** Builds the models.dev document from an archive tree. */
export function documentFromTree(tree: ArchiveTree): ArchiveDocument {
  const notes: string[] = [];
  const bases = new Map<string, Table>();
  const labs = new Map<string, string>();
  for (const path of [...tree.files.keys()].sort()) {
    const m = baseModel.exec(path);
    if (!m) continue;
    const table = parseFile(tree, path, notes);
    if (!table) continue;
    bases.set(`${m[1]}/${m[2]}`, table);
    labs.set(m[2]!.toLowerCase(), m[1]!);
  }
  const api: Record<string, Record<string, unknown>> = {};
  const baseModels = new Map<string, string>();
  const paths = [...tree.files.keys(), ...tree.links.keys()].sort();
  for (const path of paths) {
    const m = providerFile.exec(path);
    if (!m) continue;
    const resolved = resolveLink(tree, path);
    if ("error" in resolved) {
      notes.push(`${path}: ${resolved.error}; provider skipped`);
      continue;
    }
    const table = parseFile(tree, resolved.path, notes);
    if (table) api[m[1]!] = { ...table, id: m[1]!, models: {} };
  }
  for (const path of paths) {
    const m = providerModel.exec(path);
    if (!m) continue;
    const provider = api[m[1]!];
    if (!provider) continue;
    const resolved = resolveLink(tree, path);
    if ("error" in resolved) {
      notes.push(`${path}: ${resolved.error}; model skipped`);
      continue;
    }
    const table = parseFile(tree, resolved.path, notes);
    if (!table) continue;
    if (typeof table.base_model === "string") baseModels.set(`${m[1]}/${m[2]}`, table.base_model);
    const model = inherit(table, bases);
    if ("error" in model) {
      notes.push(`${path}: ${model.error}; model skipped`);
      continue;
    }
    (provider.models as Table)[m[2]!] = { ...defaultTierType(model.table), id: m[2]! };
  }
  return { api, labs, logos: labLogos(tree, notes), bases, baseModels, notes };
}
