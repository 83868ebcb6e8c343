/**
 * Translation of models.dev records into catalog records.
 *
 * @module
 */
import { compact } from "../_compact.ts";
import { MODALITIES, MODEL_STATUSES } from "../../words/mod.ts";
export { type Compact, compact } from "../_compact.ts";
import type {
  Capabilities,
  Modality,
  ModelRecord,
  ModelStatus,
  Offering,
  Operation,
  PriceTier,
  Pricing,
  Provider,
  ReasoningOption,
} from "../../catalog/types.gen.ts";
import type { z } from "zod";
import type { DevCost as DevCostSchema, DevModel, DevProvider } from "./_upstream.ts";

type DevCost = NonNullable<DevModel["cost"]>;

const modalities = new Set<string>(MODALITIES);
const statuses = new Set<string>(MODEL_STATUSES);
const dateRe = /^\d{4}-\d{2}(-\d{2})?$/;

function date(value: string | undefined): string | undefined {
  return value && dateRe.test(value) ? value : undefined;
}

function prices(cost: z.infer<typeof DevCostSchema>) {
  return compact({
    input: cost.input,
    output: cost.output,
    reasoning: cost.reasoning,
    cacheRead: cost.cache_read,
    cacheWrite: cost.cache_write,
    inputAudio: cost.input_audio,
    outputAudio: cost.output_audio,
  });
}

/**
 * Adds the prices of models.dev's experimental modes that name a service tier (`fast` sent with
 * `service_tier: "priority"`) as that service rate; modes without one have no catalog place.
 */
function withModes(pricing: Pricing, experimental: DevModel["experimental"]): Pricing {
  const out = { ...pricing };
  for (const mode of Object.values(experimental?.modes ?? {})) {
    const tier = mode.provider?.body?.service_tier;
    if ((tier === "priority" || tier === "flex") && mode.cost) out[tier] = prices(mode.cost);
  }
  return out;
}

/** Translates a models.dev cost block (USD per 1M tokens) into catalog pricing with ordered context tiers. */
export function translateCost(cost: DevCost): Pricing {
  const tiers: PriceTier[] = (cost.tiers ?? [])
    .filter((t) => t.tier.type === "context" && t.tier.size > 0)
    .map((t) => ({ size: t.tier.size, ...prices(t) }));
  if (!tiers.length && cost.context_over_200k) {
    tiers.push({ size: 200_000, ...prices(cost.context_over_200k) });
  }
  tiers.sort((a, b) => a.size - b.size);
  return compact({ ...prices(cost), tiers: tiers.length ? tiers : undefined });
}

function reasoningOptions(options: DevModel["reasoning_options"]): ReasoningOption[] | undefined {
  const out: ReasoningOption[] = [];
  for (const o of options ?? []) {
    if (o.type === "toggle") out.push({ type: "toggle" });
    else if (o.type === "effort" && Array.isArray(o.values)) {
      // An upstream `null` among the efforts means "no effort given"; it is not the word "null". The source
      // archive spells it as the TOML string "null", which models.dev's build turns into JSON null.
      const values = o.values.filter((v): v is string => typeof v === "string" && v !== "" && v !== "null");
      if (values.length) out.push({ type: "effort", values });
    } else if (o.type === "budget_tokens") {
      const n = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined);
      // `-1` is the upstream convention for a budget the model chooses itself, not a token count.
      const dynamic: true | undefined = o.min === -1 || o.max === -1 ? true : undefined;
      out.push(compact({ type: "budget_tokens" as const, min: n(o.min), max: n(o.max), dynamic }));
    }
  }
  return out.length ? out : undefined;
}

function capabilities(m: DevModel): Capabilities {
  const interleaved: true | string | undefined = m.interleaved === true
    ? true
    : typeof m.interleaved === "object"
    ? m.interleaved.field
    : undefined;
  // A flag models.dev leaves out is unknown, not `false`.
  return compact({
    attachments: m.attachment,
    reasoning: m.reasoning,
    reasoningOptions: reasoningOptions(m.reasoning_options),
    interleaved,
    toolCalls: m.tool_call,
    structuredOutput: m.structured_output,
    temperature: m.temperature,
  });
}

function modalityList(list: readonly string[] | undefined, fallback: Modality[]): Modality[] {
  const out = (list ?? []).filter((x): x is Modality => modalities.has(x));
  return out.length ? out : fallback;
}

function positiveInt(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

function limitsOf(m: DevModel) {
  const context = positiveInt(m.limit?.context);
  const input = positiveInt(m.limit?.input);
  return compact({
    context,
    input: input !== undefined && context !== undefined && input > context ? undefined : input,
    output: positiveInt(m.limit?.output),
  });
}

/** The Hugging Face repository of a models.dev `weights` link list (`https://huggingface.co/org/repo`). */
function huggingFaceRepo(weights: DevModel["weights"]): string | undefined {
  for (const w of weights ?? []) {
    const m = /^https:\/\/huggingface\.co\/([^/\s]+\/[^/\s?#]+)/.exec(w.url ?? "");
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Translates one author-level model of models.dev (`models.json`, or the archive's `models/<lab>/<model>.toml`)
 * keyed `<lab>/<model>` into a model record.
 */
export function translateAuthorModel(id: string, m: DevModel): ModelRecord {
  const lab = id.split("/")[0]!;
  const huggingFace = huggingFaceRepo(m.weights);
  const weights = compact({ huggingFace, license: m.license || undefined });
  const limits = limitsOf(m);
  return compact({
    id,
    name: m.name?.trim() || undefined,
    authors: [lab],
    family: m.family || undefined,
    releaseDate: date(m.release_date),
    knowledgeCutoff: date(m.knowledge),
    openWeights: m.open_weights,
    weights: Object.keys(weights).length ? weights : undefined,
    modalities: m.modalities
      ? {
        input: modalityList(m.modalities.input, ["text"]),
        output: modalityList(m.modalities.output, ["text"]),
      }
      : undefined,
    capabilities: capabilities(m),
    limits: Object.keys(limits).length ? limits : undefined,
  });
}

/**
 * Translates one models.dev model of a provider into an offering record (authors are left empty for the caller;
 * the link to its model is made by the reconciler).
 */
export function translateModel(providerId: string, m: DevModel): Omit<Offering, "model" | "link"> {
  const status = m.status && statuses.has(m.status) ? m.status as ModelStatus : undefined;
  return compact({
    id: m.id,
    provider: providerId,
    name: m.name?.trim() || m.id,
    authors: [],
    family: m.family || undefined,
    lifecycle: status ? { status } : undefined,
    releaseDate: date(m.release_date),
    knowledgeCutoff: date(m.knowledge),
    lastUpdated: date(m.last_updated),
    openWeights: m.open_weights,
    modalities: {
      input: modalityList(m.modalities?.input, ["text"]),
      output: modalityList(m.modalities?.output, ["text"]),
    },
    capabilities: capabilities(m),
    limits: limitsOf(m),
    pricing: m.cost ? withModes(translateCost(m.cost), m.experimental) : undefined,
    api: url(m.provider?.api),
    npm: m.provider?.npm,
    operations: m.provider?.shape ? SHAPE_OPERATIONS[m.provider.shape] : undefined,
  });
}

/** The API shape models.dev names for a model and the operation it is called through. */
const SHAPE_OPERATIONS: Readonly<Record<string, Operation[]>> = {
  responses: ["responses"],
  completions: ["chat"],
};

/** An http(s) URL, where `${VAR}` references (filled from the environment) stand for host or path parts. */
function url(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const u = new URL(value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, "x"));
    return u.protocol === "https:" || u.protocol === "http:" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Translates a models.dev provider (without its models) into a catalog provider. */
export function translateProvider(p: DevProvider): Provider {
  const api = url(p.api);
  const openaiCompatible = p.npm === "@ai-sdk/openai-compatible" && api !== undefined;
  return compact({
    id: p.id,
    name: p.name,
    // models.dev names some variables with a leading digit (`302AI_API_KEY`): kept, as the provider documents them.
    env: p.env.filter((e) => /^[A-Z0-9][A-Z0-9_]*$/.test(e)),
    api,
    endpoint: openaiCompatible ? { type: "openai" as const, path: "/models" } : undefined,
    npm: p.npm,
    docs: url(p.doc),
  });
}
