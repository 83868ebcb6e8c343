/**
 * The pure part of `catalog:build`: upstream documents in, catalog data out.
 *
 * @module
 */
import { z } from "zod";
import { AuthorDeriver, AuthorRule } from "../src/catalog/derive_authors.ts";
import type { Author, CatalogData, Provider } from "../src/catalog/schema.ts";
import { Endpoint } from "../src/catalog/schema.ts";
import type { UnlinkedOffering } from "../src/reconcile/linking.ts";
import { linkCatalog } from "../src/reconcile/migrate.ts";
import type { Provenance } from "../src/reconcile/provenance.ts";
import { devAuthorModels } from "../src/sources/models_dev/records.ts";
import { type EnrichInputs, enrichRows } from "./catalog_enrich.ts";
import { DevApi } from "../src/sources/models_dev/upstream.ts";
import { compact, translateModel, translateProvider } from "../src/sources/models_dev/translate.ts";
import { screenResult } from "../src/sources/screen.ts";
import {
  AnthropicList,
  fromAnthropic,
  fromGoogle,
  fromOpenAI,
  GoogleList,
  type ListedModel,
  OpenAIList,
} from "../src/sources/providers/payloads.ts";

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

function listed(provider: string, payload: unknown): ListedModel[] {
  if (provider === "anthropic") return AnthropicList.parse(payload).data.map(fromAnthropic);
  if (provider === "google") return GoogleList.parse(payload).models.map(fromGoogle);
  return OpenAIList.parse(payload).data.map(fromOpenAI);
}

type Row = UnlinkedOffering;

/** An offering that a provider's API lists but models.dev does not know, with what the API tells. */
function modelFromListing(provider: string, l: ListedModel): Row {
  return compact({
    id: l.id,
    provider,
    name: l.name ?? l.id,
    authors: [],
    description: l.description,
    lifecycle: l.status ? { status: l.status } : undefined,
    releaseDate: l.releaseDate,
    modalities: { input: ["text" as const], output: ["text" as const] },
    // What the list does not state stays unknown.
    capabilities: compact({ reasoning: l.reasoning }),
    limits: l.limits,
  });
}

/** Fills what models.dev leaves out of an offering with what the provider's API reports. */
function fillFromListing(m: Row, l: ListedModel): Row {
  return compact({
    ...m,
    description: m.description ?? l.description,
    limits: compact({
      context: m.limits.context ?? l.limits.context,
      input: m.limits.input,
      output: m.limits.output ?? l.limits.output,
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

/** What the build makes: the catalog and the provenance of its links and model fields. */
export interface BuiltCatalog {
  /** The catalog document. */
  data: CatalogData;
  /** Where each link and each model field came from. */
  provenance: Pick<Provenance, "links" | "models">;
}

/** Builds catalog data from the upstream documents. Deterministic: the same inputs give the same bytes. */
export function buildCatalog(inputs: UpstreamInputs): BuiltCatalog {
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
    provenance: linked.provenance,
  };
}
