/**
 * The `local` source: the user's override directory.
 *
 * Layout: every `*.yaml`, `*.yml` and `*.json` file in the directory (and its subdirectories, read in path order)
 * holds an object with any of three arrays, each of partial records:
 *
 * ```yaml
 * providers:
 *   - { id: openai, statusPage: https://status.openai.com }
 * authors:
 *   - { id: acme, name: Acme Labs }
 * models:
 *   - id: gpt-4o
 *     provider: openai
 *     pricing: { input: 2.5, output: 10 }
 * ```
 *
 * Providers and authors need only `id`; models need `id` and `provider`. Records with the same key merge field by
 * field (nested objects too), later files winning. Default location: `<catalog dir>/overrides`, where the catalog
 * directory is `platformDir("data")/catalog` unless `--catalog-dir`, `STARMAP_CATALOG_DIR` or config `catalog.dir`
 * say otherwise; config `sources.overridesDir` or `--overrides-dir` point elsewhere. Files starting with `.` are
 * ignored.
 *
 * @module
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { AuthorRecord, ModelRecord, OfferingRecord, ProviderRecord } from "../catalog/mod.ts";
import { type Problem, zodProblems } from "../catalog/mod.ts";
import { StarmapError } from "../errors.ts";
import type { Source, SourceFetchOptions, SourceResult } from "./_source.ts";

/** The directory of overrides inside a catalog directory. */
export const OVERRIDES_DIR = "overrides";

/**
 * One override file: any of the record arrays. `offerings` are keyed `provider/id` (a `model` field pins the
 * offering's link to a model); `models` are author-level records keyed `author/slug`. A `models` entry with a
 * `provider`, as files written for catalog version 1 have, is read as an offering.
 */
/** A `models` entry: an offering record when it names a provider, else an author-level model record. */
const ModelEntry = z.unknown().transform((value, ctx): OfferingRecord | ModelRecord => {
  const offering = typeof value === "object" && value !== null && "provider" in value;
  const parsed = offering ? OfferingRecord.safeParse(value) : ModelRecord.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  }
  return z.NEVER;
});

export const OverrideFile = z.strictObject({
  providers: z.array(ProviderRecord).optional(),
  authors: z.array(AuthorRecord).optional(),
  models: z.array(ModelEntry).optional(),
  offerings: z.array(OfferingRecord).optional(),
});
/** One override file. */
export type OverrideFile = z.infer<typeof OverrideFile>;

/** What reading an override directory found: the merged records and every problem, with file and field. */
export interface OverrideScan {
  /** The merged records. */
  result: SourceResult;
  /** Problems, each naming file and field. */
  problems: Problem[];
}

const fileRe = /\.(ya?ml|json)$/i;

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".")) continue;
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && fileRe.test(e.name)) out.push(path);
    }
  };
  await walk(dir);
  return out;
}

function parseText(text: string, file: string): unknown {
  return /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

function mergeInto(target: Plain, patch: Plain): void {
  for (const [k, v] of Object.entries(patch)) {
    const t = target[k];
    if (isPlain(t) && isPlain(v)) mergeInto(t, v);
    else target[k] = v;
  }
}

function mergeRecords<T extends Plain>(into: Map<string, T>, key: string, record: T): void {
  const known = into.get(key);
  if (known) mergeInto(known, record);
  else into.set(key, structuredClone(record));
}

/**
 * Reads and validates an override directory. A missing directory is empty. Never throws for bad content: every
 * problem is returned with its file and field (`starmap validate` reports them all).
 *
 * @throws {StarmapError} `storage` when the directory exists but cannot be read.
 */
export async function scanOverrides(dir: string): Promise<OverrideScan> {
  const empty: SourceResult = {
    providers: [],
    authors: [],
    offerings: [],
    models: [],
    complete: [],
    notes: [],
  };
  let files: string[];
  try {
    files = await listFiles(dir);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return { result: { ...empty, notes: [`local: no override directory at ${dir}`] }, problems: [] };
    }
    throw new StarmapError("storage", `cannot read override directory ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const problems: Problem[] = [];
  const providers = new Map<string, ProviderRecord>();
  const authors = new Map<string, AuthorRecord>();
  const offerings = new Map<string, OfferingRecord>();
  const models = new Map<string, ModelRecord>();
  for (const path of files) {
    const file = relative(dir, path) || path;
    let value: unknown;
    try {
      value = parseText(await readFile(path, "utf8"), path) ?? {};
    } catch (error) {
      problems.push({
        file: path,
        field: "(root)",
        message: `cannot parse: ${(error as Error).message.split("\n")[0]}`,
      });
      continue;
    }
    const parsed = OverrideFile.safeParse(value);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, path));
      continue;
    }
    for (const p of parsed.data.providers ?? []) mergeRecords(providers, p.id, p);
    for (const a of parsed.data.authors ?? []) mergeRecords(authors, a.id, a);
    for (const m of parsed.data.models ?? []) {
      if ("provider" in m && m.provider) {
        mergeRecords(offerings, `${m.provider}/${m.id}`, m as OfferingRecord);
      } else mergeRecords(models, m.id, m as ModelRecord);
    }
    for (const o of parsed.data.offerings ?? []) mergeRecords(offerings, `${o.provider}/${o.id}`, o);
    empty.notes.push(`local: read ${file}`);
  }
  return {
    result: {
      providers: [...providers.values()],
      authors: [...authors.values()],
      offerings: [...offerings.values()],
      models: [...models.values()],
      complete: [],
      notes: empty.notes,
    },
    problems,
  };
}

/** Options of the {@link LocalSource}. */
export interface LocalSourceOptions {
  /** The override directory. */
  dir: string;
}

/** The user's override directory. */
export class LocalSource implements Source {
  /** `local`. */
  readonly id = "local";
  /** `local`. */
  readonly kind = "local" as const;
  /** The override directory. */
  readonly dir: string;

  /** Makes the source. */
  constructor(options: LocalSourceOptions) {
    this.dir = options.dir;
  }

  /**
   * Reads the overrides.
   *
   * @throws {StarmapError} `invalid` listing every problem with file and field.
   */
  async fetch(options: SourceFetchOptions): Promise<SourceResult> {
    const { result, problems } = await scanOverrides(this.dir);
    if (problems.length) {
      const lines = problems.slice(0, 20).map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join("\n");
      const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : "";
      throw new StarmapError(
        "invalid",
        `invalid overrides in ${this.dir} (${problems.length} problems):\n${lines}${more}`,
        {
          code: "catalog_files_invalid",
          resource: this.dir,
          hint: "fix the fields above; validating the directory lists every problem",
        },
      );
    }
    if (!options.providers) return result;
    const only = new Set(options.providers);
    return { ...result, offerings: result.offerings.filter((m) => only.has(m.provider)) };
  }
}
