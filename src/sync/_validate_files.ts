/**
 * Validation of catalog files and override directories for `starmap validate`: every problem, each with its file
 * and field, never only the first.
 *
 * @module
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { CatalogData } from "../catalog/mod.ts";
import { CATALOG_FILE, embeddedCatalogData, locateCatalog } from "../catalog/mod.ts";
import { type Problem, zodProblems } from "../catalog/mod.ts";
import { StarmapError } from "../errors.ts";
import { isCatalogV1, loadEmbeddedProvenance, migrateCatalog } from "../reconcile/mod.ts";
import { PROVENANCE_FILE } from "../reconcile/mod.ts";
import { provenanceSchema, readProvenance } from "../reconcile/mod.ts";
import { OVERRIDES_DIR, scanOverrides } from "../sources/mod.ts";
import { mismatch, repairNote } from "./_store.ts";

/** What {@link validatePath} checked and found. */
export interface ValidationReport {
  /** The files and directories checked. */
  checked: string[];
  /** Every problem found. */
  problems: Problem[];
  /** What reading the files changed (a catalog of an older version migrated), worth telling. */
  notes?: string[];
}

function duplicates<T>(items: readonly T[], key: (x: T) => string, file: string, what: string): Problem[] {
  const seen = new Map<string, number>();
  const out: Problem[] = [];
  items.forEach((x, i) => {
    const k = key(x);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push({ file, field: `${what}[${i}]`, message: `duplicate ${k} (first at ${what}[${first}])` });
  });
  return out;
}

/**
 * Checks a parsed catalog document: the schema, then duplicate keys and references to unknown providers, models and
 * authors. A document of version 1 is migrated first, and `notes` says what the migration changed.
 */
export function catalogProblems(value: unknown, file: string, notes: string[] = []): Problem[] {
  if (isCatalogV1(value)) {
    const migrated = migrateCatalog(value);
    notes.push(`${file}: ${migrated.note}`);
    // Rows keep their order as offerings: name the field as the file has it.
    return catalogProblems(migrated.data, file).map((p) => ({
      ...p,
      field: p.field.replace(/^offerings\[/, "models["),
    }));
  }
  const parsed = CatalogData.safeParse(value);
  if (!parsed.success) return zodProblems(parsed.error, file);
  const data = parsed.data;
  const providers = new Set(data.providers.map((p) => p.id));
  const authors = new Set(data.authors.map((a) => a.id));
  const problems = [
    ...duplicates(data.providers, (p) => p.id, file, "providers"),
    ...duplicates(data.authors, (a) => a.id, file, "authors"),
    ...duplicates(data.models, (m) => m.id, file, "models"),
    ...duplicates(data.offerings, (m) => `${m.provider}/${m.id}`, file, "offerings"),
  ];
  const models = new Set(data.models.map((m) => m.id));
  data.offerings.forEach((m, i) => {
    if (!providers.has(m.provider)) {
      problems.push({ file, field: `offerings[${i}].provider`, message: `unknown provider "${m.provider}"` });
    }
    if (!models.has(m.model)) {
      problems.push({ file, field: `offerings[${i}].model`, message: `unknown model "${m.model}"` });
    }
    m.authors.forEach((a, j) => {
      if (!authors.has(a)) {
        problems.push({ file, field: `offerings[${i}].authors[${j}]`, message: `unknown author "${a}"` });
      }
    });
  });
  data.models.forEach((m, i) => {
    if (m.base !== undefined && !models.has(m.base)) {
      problems.push({ file, field: `models[${i}].base`, message: `unknown model "${m.base}"` });
    }
  });
  return problems;
}

async function jsonFile(file: string, check: (v: unknown, f: string) => Problem[]): Promise<Problem[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    return [{ file, field: "(root)", message: `cannot parse: ${(error as Error).message}` }];
  }
  return check(value, file);
}

function provenanceProblems(value: unknown, file: string): Problem[] {
  const parsed = provenanceSchema(value).safeParse(value);
  return parsed.success ? [] : zodProblems(parsed.error, file);
}

/** A provenance of another update than its catalog (a pair torn by an interrupted older starmap). */
async function pairProblems(catalogFile: string, provenanceFile: string): Promise<Problem[]> {
  const data = JSON.parse(await readFile(catalogFile, "utf8")) as CatalogData;
  const provenance = readProvenance(JSON.parse(await readFile(provenanceFile, "utf8")));
  const reason = provenance && mismatch(data, provenance);
  return reason ? [{ file: provenanceFile, field: "updatedAt", message: repairNote(reason) }] : [];
}

/**
 * Validates the catalog built into starmap and its provenance: what every command reads when there is no
 * catalog directory.
 */
export async function validateEmbedded(): Promise<ValidationReport> {
  const file = `embedded ${CATALOG_FILE}`;
  const data = embeddedCatalogData();
  const notes: string[] = [];
  const problems = catalogProblems(data, file, notes);
  if (!(await loadEmbeddedProvenance(data))) {
    problems.push({
      file: `embedded ${PROVENANCE_FILE}`,
      field: "updatedAt",
      message: "the embedded provenance is not of the same build as the embedded catalog",
    });
  }
  return { checked: [file, `embedded ${PROVENANCE_FILE}`], problems, notes };
}

async function kind(path: string): Promise<"file" | "dir" | undefined> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? "dir" : "file";
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw new StarmapError("storage", `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Validates a catalog file, an override file's directory, or a catalog directory (the current generation's
 * `catalog.json` and `provenance.json`, or those of the old layout, whether they belong together, and
 * `overrides/`).
 *
 * @throws {StarmapError} `not_found` when the path does not exist.
 */
export async function validatePath(path: string): Promise<ValidationReport> {
  const what = await kind(path);
  if (!what) throw new StarmapError("not_found", `${path} does not exist`);
  if (what === "file") {
    if (/\.json$/i.test(path) && !path.endsWith(PROVENANCE_FILE)) {
      const text = await readFile(path, "utf8").catch(() => "");
      if (/^\s*\{\s*"version"/.test(text)) {
        const notes: string[] = [];
        const problems = await jsonFile(path, (v, f) => catalogProblems(v, f, notes));
        return { checked: [path], problems, notes };
      }
    }
    if (path.endsWith(PROVENANCE_FILE)) {
      return { checked: [path], problems: await jsonFile(path, provenanceProblems) };
    }
    throw new StarmapError("invalid", `${path}: expected a catalog.json, a provenance.json or a directory`, {
      hint: "to check override files, name their directory",
    });
  }
  const location = await locateCatalog(path);
  const catalogFile = join(location.dir, CATALOG_FILE);
  if (await kind(catalogFile) !== "file") {
    if (location.generation) {
      return {
        checked: [path],
        problems: [{ file: catalogFile, field: "(root)", message: "the current generation has no catalog" }],
      };
    }
    const scan = await scanOverrides(path);
    return { checked: [path], problems: scan.problems };
  }
  const checked = [catalogFile];
  const notes: string[] = [];
  const problems = await jsonFile(catalogFile, (v, f) => catalogProblems(v, f, notes));
  const provenanceFile = join(location.dir, PROVENANCE_FILE);
  if (await kind(provenanceFile) === "file") {
    checked.push(provenanceFile);
    problems.push(...await jsonFile(provenanceFile, provenanceProblems));
    if (!problems.length) problems.push(...await pairProblems(catalogFile, provenanceFile));
  }
  const overrides = join(path, OVERRIDES_DIR);
  if (await kind(overrides) === "dir") {
    checked.push(overrides);
    problems.push(...(await scanOverrides(overrides)).problems);
  }
  return { checked, problems, notes };
}
