/**
 * A small in-test source that serves the real models.dev snapshots (translated with the project's translator),
 * and helpers to read the fixtures of the reconciler.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OfferingRecord } from "../../src/catalog/_schema.ts";
import { translateModel, translateProvider } from "../../src/sources/models_dev/_translate.ts";
import { DevApi } from "../../src/sources/models_dev/_upstream.ts";
import type { Source, SourceFetchOptions, SourceKind, SourceResult } from "../../src/sources/_source.ts";

/** The path of a fixture of the reconciler. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/reconcile/${name}`, import.meta.url));
}

/** The raw JSON of a models.dev snapshot fixture. */
export function readSnapshot(name: "api.json" | "api-2026-05-25.json"): DevApi {
  return DevApi.parse(JSON.parse(readFileSync(fixturePath(name), "utf8")));
}

/** Translates a models.dev document into a source result that is complete for every provider it holds. */
export function snapshotResult(api: DevApi, only?: readonly string[]): SourceResult {
  const providers = Object.values(api).filter((p) => !only?.length || only.includes(p.id));
  const models: OfferingRecord[] = [];
  for (const p of providers) {
    for (const m of Object.values(p.models)) {
      const { authors: _a, ...record } = translateModel(p.id, m);
      models.push(record);
    }
  }
  return {
    providers: providers.map(translateProvider),
    authors: [],
    offerings: models,
    complete: providers.map((p) => p.id),
    notes: [],
  };
}

/** A source serving a fixed result (or failing), for pipeline tests. */
export class FixedSource implements Source {
  readonly id: string;
  readonly kind: SourceKind;
  readonly #result: () => SourceResult;
  /** How many times fetch ran. */
  calls = 0;

  constructor(id: string, kind: SourceKind, result: SourceResult | Error | (() => SourceResult)) {
    this.id = id;
    this.kind = kind;
    this.#result = typeof result === "function" ? result : () => {
      if (result instanceof Error) throw result;
      return result;
    };
  }

  fetch(options: SourceFetchOptions): Promise<SourceResult> {
    this.calls++;
    options.signal.throwIfAborted();
    const result = this.#result();
    if (!options.providers?.length) return Promise.resolve(result);
    const keep = new Set(options.providers);
    return Promise.resolve({
      ...result,
      providers: result.providers.filter((p) => keep.has(p.id)),
      offerings: result.offerings.filter((m) => keep.has(m.provider)),
      complete: result.complete.filter((p) => keep.has(p)),
    });
  }
}
