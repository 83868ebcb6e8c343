/**
 * The `litellm` source: LiteLLM's price map (`model_prices_and_context_window.json`) from a URL or a file.
 * `litellm_provider` is mapped to catalog provider ids where one matches, and entries of other providers are left
 * out; keys that name a region (`bedrock/us-east-1/<id>`) add that region to the offering of `<id>`. Prices live
 * in `_litellm_prices.ts`, operations, capabilities and modalities in `_litellm_features.ts`, and the decision on
 * every upstream field in `_litellm_entry.ts`.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { OfferingRecord } from "../catalog/types.gen.ts";
import { StarmapError } from "../errors.ts";
import type { HttpClient } from "../http/mod.ts";
import { decodeJson } from "../http/mod.ts";
import { compact } from "./_compact.ts";
import { LiteLLMEntry } from "./_litellm_entry.ts";
import { capabilitiesOf, modalitiesOf, operationsOf, paramsOf } from "./_litellm_features.ts";
import { pricingOf } from "./_litellm_prices.ts";
import type { Source, SourceFetchOptions, SourceResult } from "./_source.ts";

/** LiteLLM's published price map. */
export const LITELLM_URL =
  "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

/** LiteLLM provider names that differ from catalog provider ids. */
export const LITELLM_PROVIDER_IDS: Readonly<Record<string, string>> = {
  gemini: "google",
  "vertex_ai-language-models": "google-vertex",
  "vertex_ai-anthropic_models": "google-vertex-anthropic",
  bedrock: "amazon-bedrock",
  bedrock_converse: "amazon-bedrock",
  together_ai: "togetherai",
  fireworks_ai: "fireworks-ai",
  novita: "novita-ai",
  moonshot: "moonshotai",
  github_copilot: "github-copilot",
  cloudflare: "cloudflare-workers-ai",
  azure_ai: "azure",
  dashscope: "alibaba",
  vercel_ai_gateway: "vercel",
  perplexity: "perplexity",
  ovhcloud: "ovhcloud",
  snowflake: "snowflake-cortex",
};

/** Options of the {@link LiteLLMSource}. */
export interface LiteLLMOptions {
  /** The HTTP client (for URLs). */
  http: HttpClient;
  /** A URL (`http(s)://…`) or a file path. @default LITELLM_URL */
  location?: string | undefined;
  /** Catalog provider ids that entries may map to; entries of other providers are skipped. */
  providerIds: readonly string[];
}

/** The catalog provider id of a LiteLLM provider name (`gemini` is `google`, `together_ai` is `togetherai`). */
export function litellmProviderId(name: string): string {
  // LiteLLM splits Vertex AI by model family (`vertex_ai-deepseek_models`); the catalog has one Vertex provider.
  if (!(name in LITELLM_PROVIDER_IDS) && name.startsWith("vertex_ai")) return "google-vertex";
  return LITELLM_PROVIDER_IDS[name] ?? name.replace(/_/g, "-");
}

/** A key's parts: the provider's model id, and the region a region-prefixed key names. */
interface KeyParts {
  id: string;
  region?: string | undefined;
}

/** AWS- and Azure-style region names (`us-east-1`, `eastus2`), and `*` for every region. */
const REGION = /^([a-z]{2}(-gov)?-[a-z]+-\d+|[a-z]+(east|west|central|north|south)[a-z]*\d*|\*)$/;

/**
 * The provider's model id of a price-map key, without the provider prefix. A region segment
 * (`bedrock/us-east-1/<id>`, Azure's data zones `azure/eu/<id>`) names the region the price applies to; commitment keys
 * (`bedrock/<region>/1-month-commitment/<id>`) price provisioned throughput, not the model, and are left out.
 */
export function keyParts(key: string, litellmProvider: string, provider: string): KeyParts | undefined {
  const prefixes = [`${litellmProvider}/`, `${provider}/`, "vertex_ai/"];
  const rest = prefixes.reduce((k, p) => (k.startsWith(p) ? k.slice(p.length) : k), key);
  const segments = rest.split("/");
  const zone = provider === "azure" ? /^(us|eu|global)(-standard)?$/.exec(segments[0]!)?.[1] : undefined;
  if (segments.length > 1 && (REGION.test(segments[0]!) || zone)) {
    if (/commitment/.test(segments[1]!)) return undefined;
    const region = zone ?? (segments[0] === "*" ? undefined : segments[0]);
    return { id: segments.slice(1).join("/"), region };
  }
  return { id: rest };
}

/** The region prefix of a cross-region inference profile id (`us.`, `eu.`, `apac.`, `global.`). */
const PROFILE = /^(us|eu|apac|au|jp|ca|us-gov|global)\./;

/** Translates one price-map entry keyed `key` into an offering of a catalog provider. */
export function fromLiteLLM(key: string, e: LiteLLMEntry, provider: string): OfferingRecord | undefined {
  const parts = keyParts(key, e.litellm_provider, provider);
  if (!parts) return undefined;
  const limits = compact({
    input: e.max_input_tokens || undefined,
    output: e.max_output_tokens || undefined,
    cacheMinTokens: e.prompt_cache_min_tokens || undefined,
    embeddingDimensions: e.output_vector_size || undefined,
  });
  const deprecationDate = e.deprecation_date && /^\d{4}-\d{2}-\d{2}$/.test(e.deprecation_date)
    ? e.deprecation_date
    : undefined;
  const regions = new Set(e.supported_regions ?? []);
  if (parts.region) regions.add(parts.region);
  const profile = PROFILE.exec(parts.id)?.[1];
  if (profile) regions.add(profile);
  const rateLimits = compact({ rpm: e.rpm, tpm: e.tpm });
  return compact({
    id: parts.id,
    provider,
    pricing: pricingOf(e),
    limits: Object.keys(limits).length ? limits : undefined,
    capabilities: capabilitiesOf(e),
    modalities: modalitiesOf(e),
    params: paramsOf(e),
    operations: operationsOf(e),
    lifecycle: deprecationDate ? { deprecationDate } : undefined,
    regions: regions.size ? [...regions].sort() : undefined,
    rateLimits: Object.keys(rateLimits).length ? rateLimits : undefined,
  });
}

/** Folds a regional key's offering into the offering of the same id: its regions join; the first prices stay. */
function addRegions(into: OfferingRecord, from: OfferingRecord): void {
  if (!from.regions) return;
  into.regions = [...new Set([...(into.regions ?? []), ...from.regions])].sort();
}

/** Offerings by `provider/id`: a plain key's record wins over regional ones, whose regions it gathers. */
class Gathered {
  readonly plain = new Map<string, OfferingRecord>();
  readonly regional = new Map<string, OfferingRecord>();
  repeated = 0;

  add(record: OfferingRecord, isRegional: boolean): void {
    const k = `${record.provider}/${record.id}`;
    const into = isRegional ? this.plain.get(k) ?? this.regional.get(k) : this.plain.get(k);
    if (into) {
      if (!isRegional) this.repeated++;
      addRegions(into, record);
    } else (isRegional ? this.regional : this.plain).set(k, record);
  }

  offerings(): OfferingRecord[] {
    for (const [k, record] of this.regional) {
      const plain = this.plain.get(k);
      if (plain) addRegions(plain, record);
      else this.plain.set(k, record);
    }
    return [...this.plain.values()];
  }
}

/** Translates the whole price map; malformed entries, unmapped providers and repeated ids are told in notes. */
export function translateLiteLLM(value: unknown, providerIds: readonly string[]): SourceResult {
  const known = new Set(providerIds);
  const map = z.record(z.string(), z.unknown()).safeParse(value);
  if (!map.success) {
    throw new StarmapError("network", `cannot read source "litellm": the price map is not an object`);
  }
  const gathered = new Gathered();
  const malformed: string[] = [];
  const tools: string[] = [];
  let unmapped = 0;
  for (const [key, raw] of Object.entries(map.data)) {
    if (key === "sample_spec") continue;
    const entry = LiteLLMEntry.safeParse(raw);
    if (!entry.success) {
      malformed.push(key);
      continue;
    }
    const name = entry.data.litellm_provider;
    const provider = litellmProviderId(name);
    if (!known.has(provider)) {
      unmapped++;
      continue;
    }
    if ("code_interpreter_cost_per_session" in entry.data) {
      tools.push(key);
      continue;
    }
    const parts = keyParts(key, name, provider);
    const record = parts ? fromLiteLLM(key, entry.data, provider) : undefined;
    if (record) gathered.add(record, parts?.region !== undefined);
  }
  const models = gathered.offerings();
  const notes = [`litellm: ${models.length} models mapped, ${unmapped} of unmapped providers skipped`];
  if (malformed.length) {
    notes.push(
      `litellm: ${malformed.length} malformed entries skipped (${malformed.slice(0, 5).join(", ")})`,
    );
  }
  if (tools.length) {
    notes.push(
      `litellm: ${tools.length} tool price entries skipped, not models (${tools.slice(0, 5).join(", ")})`,
    );
  }
  if (gathered.repeated) {
    notes.push(`litellm: ${gathered.repeated} keys name a model already listed (first kept)`);
  }
  return { providers: [], authors: [], offerings: models, complete: [], notes };
}

/** LiteLLM's price map. */
export class LiteLLMSource implements Source {
  /** `litellm`. */
  readonly id = "litellm";
  /** `litellm`. */
  readonly kind = "litellm" as const;
  readonly #options: LiteLLMOptions;

  /** Makes the source. */
  constructor(options: LiteLLMOptions) {
    this.#options = options;
  }

  /** Reads the map (URL or file) and translates it. */
  async fetch(options: SourceFetchOptions): Promise<SourceResult> {
    const location = this.#options.location ?? LITELLM_URL;
    let value: unknown;
    if (/^https?:\/\//i.test(location)) {
      value = (await this.#options.http.getJson(location, { source: this.id, signal: options.signal })).value;
    } else {
      let text: string;
      try {
        text = await readFile(location, "utf8");
      } catch (error) {
        throw new StarmapError("storage", `cannot read source "litellm": ${(error as Error).message}`, {
          cause: error,
        });
      }
      const decoded = decodeJson(text, null);
      if ("error" in decoded) throw new StarmapError("invalid", `cannot read ${location}: ${decoded.error}`);
      value = decoded.value;
    }
    const result = translateLiteLLM(value, this.#options.providerIds);
    if (!options.providers) return result;
    const only = new Set(options.providers);
    return { ...result, offerings: result.offerings.filter((m) => only.has(m.provider)) };
  }
}
