/**
 * The pure part of `catalog:build`: upstream documents in, catalog data out.
 *
 * @module
 */
import { z } from "zod";
import { AuthorDeriver, AuthorRule } from "../src/catalog/_derive_authors.ts";
import type { Author, CatalogData, Provider } from "../src/catalog/_schema.ts";
import { Endpoint } from "../src/catalog/_schema.ts";
import type { UnlinkedOffering } from "../src/reconcile/_linking.ts";
import { linkCatalog } from "../src/reconcile/_migrate.ts";
import { devApiResult, devAuthorModels } from "../src/sources/models_dev/_records.ts";
import { type EnrichInputs, enrichRows } from "./catalog_enrich.ts";
import { DevApi } from "../src/sources/models_dev/_upstream.ts";
import { compact, translateModel, translateProvider } from "../src/sources/models_dev/_translate.ts";
import type { OfferingRecord } from "../src/catalog/_schema.ts";
import { PROTOCOLS } from "../src/sources/providers/_api.ts";
import type { ProviderProtocol } from "../src/sources/providers/_protocol.ts";
import { reconcile, type ReconcileOutput, type SourceSnapshot } from "../src/reconcile/_reconcile.ts";
import { deriverFromCatalog } from "../src/reconcile/_authors.ts";
import type { Provenance } from "../src/reconcile/_provenance.ts";
import { screenResult } from "../src/sources/_screen.ts";

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
  /** OpenRouter's `/api/v1/models` and LiteLLM's price map, which enrich the offerings the build has. */
  enrich?: EnrichInputs | undefined;
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

function listed(provider: string, payload: unknown): OfferingRecord[] {
  return PROTOCOLS[protocolOf(provider)].translate(provider, [payload]).offerings;
}

type Row = UnlinkedOffering;

/** An offering that a provider's API lists but models.dev does not know, with what the API tells. */
function modelFromListing(provider: string, l: OfferingRecord): Row {
  return compact({
    id: l.id,
    provider,
    name: l.name ?? l.id,
    authors: [],
    description: l.description,
    lifecycle: l.lifecycle,
    releaseDate: l.releaseDate,
    modalities: {
      input: l.modalities?.input ?? ["text" as const],
      output: l.modalities?.output ?? ["text" as const],
    },
    // What the list does not state stays unknown.
    capabilities: compact({ ...l.capabilities }),
    limits: l.limits ?? {},
  });
}

/** Fills what models.dev leaves out of an offering with what the provider's API reports. */
function fillFromListing(m: Row, l: OfferingRecord): Row {
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

function byKey(a: Row, b: Row): number {
  return a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What the build makes: the catalog and the provenance of its fields and links. */
export interface BuiltCatalog {
  /** The catalog document. */
  data: CatalogData;
  /** Where each field and each link came from. */
  provenance: Provenance;
}

/**
 * Builds catalog data from the upstream documents. Deterministic: the same inputs give the same bytes. The draft
 * is reconciled with the same documents as sources, so the catalog is exactly what an update from them would keep
 * (translators and the authority table decide every field, not the draft).
 */
export function buildCatalog(inputs: UpstreamInputs): BuiltCatalog {
  const data = reconcileBuild(inputs, draftCatalog(inputs).data).data;
  return { data, provenance: buildProvenance(inputs, data) };
}

/** The catalog drafted from models.dev and the provider captures, linked, before reconciliation. */
function draftCatalog(inputs: UpstreamInputs): { data: CatalogData } {
  const api = DevApi.parse(inputs.api);
  const rules = z.array(AuthorRule).parse(inputs.authors);
  const deriver = new AuthorDeriver(rules, labIndex(inputs.labs));
  const models = new Map<string, Row>();
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
  const hints = enrichRows(models, inputs.enrich ?? {}, Object.keys(api));
  // The build takes the same ingestion screen as every update (impossible dates are left unknown).
  const screened = screenResult("models.dev", {
    providers: [],
    authors: [],
    offerings: [...models.values()],
    complete: [],
    notes: [],
  }).offerings as Row[];
  const list = screened.map((m) => ({ ...m, authors: deriver.derive(m) })).sort(byKey);
  const linked = linkCatalog({
    offerings: list,
    models: devAuthorModels(z.record(z.string(), z.unknown()).parse(inputs.labs)),
    hints,
    hintsSource: { id: "openrouter", kind: "provider_api" },
    now: inputs.source.updatedAt,
  });
  const used = new Set(list.flatMap((m) => m.authors));
  const authors: Author[] = rules
    .filter((r) => used.has(r.id))
    .map(({ orgs: _o, families: _f, ids: _i, ...author }) => author)
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    data: {
      version: 2,
      updatedAt: inputs.source.updatedAt,
      providers: providers(api, ProviderSettings.parse(inputs.providers)).sort((a, b) =>
        a.id.localeCompare(b.id)
      ),
      authors,
      models: linked.models,
      offerings: linked.offerings,
    },
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
  const labs = z.record(z.string(), z.unknown()).parse(inputs.labs);
  const results: SourceSnapshot[] = [
    { source: { id: "models.dev", kind: "models_dev" }, result: devApiResult(DevApi.parse(inputs.api)), at },
    // The author-level models come from models.dev's `models.json`, which an update reads from the archive.
    {
      source: { id: "models.dev-archive", kind: "models_dev" },
      result: {
        providers: [],
        authors: [],
        offerings: [],
        models: devAuthorModels(labs),
        complete: [],
        notes: [],
      },
      at,
    },
  ];
  for (const [id, payload] of Object.entries(inputs.captures)) {
    const { offerings } = PROTOCOLS[protocolOf(id)].translate(id, [payload]);
    results.push({
      source: { id, kind: "provider_api" },
      result: { providers: [{ id }], authors: [], offerings, complete: [id], notes: [] },
      at,
    });
  }
  return reconcile({ baseline: data, results, now: at, deriver: deriverFromCatalog(data) });
}
