/**
 * The pure part of `catalog:build`: upstream documents in, catalog data out.
 *
 * @module
 */
import { z } from "zod";
import { AuthorDeriver, AuthorRule } from "../src/catalog/derive_authors.ts";
import type { Author, CatalogData, Model, Provider } from "../src/catalog/schema.ts";
import { Endpoint } from "../src/catalog/schema.ts";
import { DevApi } from "../src/sources/models_dev/upstream.ts";
import { compact, translateModel, translateProvider } from "../src/sources/models_dev/translate.ts";
import type { ModelRecord } from "../src/catalog/schema.ts";
import { PROTOCOLS } from "../src/sources/providers/api.ts";
import type { ProviderProtocol } from "../src/sources/providers/protocol.ts";
import { devApiResult } from "../src/sources/models_dev/records.ts";
import { reconcile, type ReconcileOutput, type SourceSnapshot } from "../src/reconcile/merge.ts";
import { deriverFromCatalog } from "../src/reconcile/authors.ts";
import type { Provenance } from "../src/reconcile/provenance.ts";
import { screenResult } from "../src/sources/screen.ts";

/** The upstream documents the build reads, still unparsed. */
export interface UpstreamInputs {
  /** models.dev `/api.json`. */
  api: unknown;
  /** models.dev `models.json` keyed `<lab>/<model>`. */
  labs: unknown;
  /** Author rules. */
  authors: unknown;
  /** Provider settings that models.dev lacks (API base, endpoint type, status page, aliases). */
  providers: unknown;
  /** Metadata of the snapshot. */
  source: { updatedAt: string };
  /** Provider list-models captures keyed by provider id. */
  captures: Record<string, unknown>;
}

const ProviderSettings = z.record(
  z.string(),
  z.strictObject({
    aliases: z.array(z.string()).optional(),
    api: z.url().optional(),
    endpoint: Endpoint.optional(),
    statusPage: z.url().optional(),
  }),
);

function listed(provider: string, payload: unknown): ModelRecord[] {
  const protocol = provider === "anthropic" || provider === "google" ? provider : "openai";
  return PROTOCOLS[protocol].translate(provider, [payload]).models;
}

/** A model that a provider's API lists but models.dev does not know, with what the API tells. */
function modelFromListing(provider: string, l: ModelRecord): Model {
  return compact({
    id: l.id,
    provider,
    name: l.name ?? l.id,
    authors: [],
    description: l.description,
    status: l.status,
    releaseDate: l.releaseDate,
    deprecation: l.deprecation,
    modalities: {
      input: l.modalities?.input ?? ["text" as const],
      output: l.modalities?.output ?? ["text" as const],
    },
    capabilities: {
      ...l.capabilities,
      attachments: l.capabilities?.attachments ?? false,
      reasoning: l.capabilities?.reasoning ?? false,
      toolCalls: l.capabilities?.toolCalls ?? false,
    },
    limits: l.limits ?? {},
  });
}

/** Fills what models.dev leaves out of a model with what the provider's API reports. */
function fillFromListing(m: Model, l: ModelRecord): Model {
  return compact({
    ...m,
    description: m.description ?? l.description,
    limits: compact({
      context: m.limits.context ?? l.limits?.context,
      input: m.limits.input,
      output: m.limits.output ?? l.limits?.output,
    }),
  });
}

function labIndex(labs: unknown): Map<string, string> {
  const index = new Map<string, string>();
  for (const key of Object.keys(z.record(z.string(), z.unknown()).parse(labs)).sort()) {
    const [lab, ...rest] = key.split("/");
    if (lab && rest.length) index.set(rest.join("/").toLowerCase(), lab);
  }
  return index;
}

function providers(api: DevApi, settings: z.infer<typeof ProviderSettings>): Provider[] {
  return Object.values(api).map((p) => {
    const base = translateProvider(p);
    const extra = settings[p.id] ?? {};
    return compact({ ...base, ...extra, docs: base.docs, npm: base.npm });
  });
}

function byKey(a: Model, b: Model): number {
  return a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Builds catalog data from the upstream documents. Deterministic: the same inputs give the same bytes. The draft
 * is reconciled with the same documents as sources, so the catalog is exactly what an update from them would keep
 * (translators and the authority table decide every field, not the draft).
 */
export function buildCatalog(inputs: UpstreamInputs): CatalogData {
  return reconcileBuild(inputs, draftCatalog(inputs)).data;
}

/** The catalog drafted from models.dev and the provider captures, before reconciliation. */
function draftCatalog(inputs: UpstreamInputs): CatalogData {
  const api = DevApi.parse(inputs.api);
  const rules = z.array(AuthorRule).parse(inputs.authors);
  const deriver = new AuthorDeriver(rules, labIndex(inputs.labs));
  const models = new Map<string, Model>();
  for (const p of Object.values(api)) {
    for (const m of Object.values(p.models)) models.set(`${p.id}/${m.id}`, translateModel(p.id, m));
  }
  for (const [provider, payload] of Object.entries(inputs.captures)) {
    for (const l of listed(provider, payload)) {
      const key = `${provider}/${l.id}`;
      const known = models.get(key);
      models.set(key, known ? fillFromListing(known, l) : modelFromListing(provider, l));
    }
  }
  // The build takes the same ingestion screen as every update (impossible dates are left unknown).
  const screened = screenResult("models.dev", {
    providers: [],
    authors: [],
    models: [...models.values()],
    complete: [],
    notes: [],
  }).models as Model[];
  const list = screened.map((m) => ({ ...m, authors: deriver.derive(m) })).sort(byKey);
  const used = new Set(list.flatMap((m) => m.authors));
  const authors: Author[] = rules
    .filter((r) => used.has(r.id))
    .map(({ orgs: _o, families: _f, ids: _i, ...author }) => author)
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    version: 1,
    updatedAt: inputs.source.updatedAt,
    providers: providers(api, ProviderSettings.parse(inputs.providers)).sort((a, b) =>
      a.id.localeCompare(b.id)
    ),
    authors,
    models: list,
  };
}

function protocolOf(provider: string): ProviderProtocol {
  return provider === "anthropic" || provider === "google" ? provider : "openai";
}

/**
 * The provenance of a built catalog: the same upstream documents as sources of a reconcile over the catalog, so
 * every field records which source gave it (models.dev, a provider's list-models API) and every model which
 * sources list it. Reconciling over the build changes nothing (a test holds this), so the provenance describes the
 * catalog exactly.
 */
export function buildProvenance(inputs: UpstreamInputs, data: CatalogData): Provenance {
  return reconcileBuild(inputs, data).provenance;
}

/** Reconciles the upstream documents, as sources, over a built catalog: the catalog back, with its provenance. */
export function reconcileBuild(inputs: UpstreamInputs, data: CatalogData): ReconcileOutput {
  const at = data.updatedAt;
  const results: SourceSnapshot[] = [
    { source: { id: "models.dev", kind: "models_dev" }, result: devApiResult(DevApi.parse(inputs.api)), at },
  ];
  for (const [id, payload] of Object.entries(inputs.captures)) {
    const models = PROTOCOLS[protocolOf(id)].translate(id, [payload]).models;
    results.push({
      source: { id, kind: "provider_api" },
      result: { providers: [{ id }], authors: [], models, complete: [id], notes: [] },
      at,
    });
  }
  return reconcile({ baseline: data, results, now: at, deriver: deriverFromCatalog(data) });
}
