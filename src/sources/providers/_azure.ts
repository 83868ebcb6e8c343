/**
 * Azure OpenAI's data-plane lists: the models a resource can serve (`GET {endpoint}/openai/models`) and the
 * deployments made from them (`GET {endpoint}/openai/deployments`), with the `api-key` header and an
 * `api-version` query. A deployment's name is what callers send as `model`, so it becomes an alias of its model.
 *
 * @module
 */
import { z } from "zod";
import type { LifecycleStatus } from "../../catalog/types.gen.ts";
import type { ListedRecord } from "./_entries.ts";
import { isStarmapError } from "../../errors.ts";
import { compact } from "../_compact.ts";
import { calendarDate, readEntries } from "./_entries.ts";
import { openaiEntries } from "./_openai_compatible.ts";
import { joinUrl, type ListRequest, type Protocol, withKey } from "./_protocol.ts";

/** The data-plane API version of the models list. @default */
export const AZURE_API_VERSION = "2024-10-21";
/** The last data-plane API version that lists deployments. */
export const AZURE_DEPLOYMENTS_API_VERSION = "2022-12-01";

const flag = z.boolean().optional();

/** One model an Azure OpenAI resource can serve. */
export const AzureModel = z.looseObject({
  id: z.string().min(1),
  status: z.string().optional(),
  lifecycle_status: z.string().optional(),
  capabilities: z.looseObject({
    inference: flag,
    chat_completion: flag,
    completion: flag,
    embeddings: flag,
    fine_tune: flag,
  }).optional(),
  deprecation: z.looseObject({ inference: z.number().optional(), fine_tune: z.number().optional() })
    .optional(),
});
/** One model an Azure OpenAI resource can serve. */
export type AzureModel = z.infer<typeof AzureModel>;

const AzureDeployment = z.looseObject({ id: z.string().min(1), model: z.string().min(1) });

/** The fields of an Azure model entry that reach the catalog (the fields test pins this list). */
export const AZURE_FIELDS_USED = ["id", "lifecycle_status", "capabilities", "deprecation.inference"] as const;

/** Fields of Azure entries deliberately left out, with the reason. */
export const AZURE_FIELDS_LEFT_OUT: Readonly<Record<string, string>> = {
  object: "always `model`",
  status: "the state of the model's import into the resource (`succeeded`), not a lifecycle",
  created_at: "when the model was added to Azure, not a release date",
  "deprecation.fine_tune": "fine-tuning end date; the catalog records the inference one",
};

const LIFECYCLE: Readonly<Record<string, LifecycleStatus>> = {
  "generally-available": "active",
  preview: "preview",
  deprecating: "deprecated",
  deprecated: "retired",
};

/** Translates one Azure model, with the deployments made from it as aliases. */
export function fromAzure(provider: string, m: AzureModel, deployments: readonly string[]): ListedRecord {
  const shutdown = calendarDate(m.deprecation?.inference);
  const embeddings = m.capabilities?.embeddings === true && !m.capabilities.chat_completion;
  return compact({
    id: m.id,
    provider,
    aliases: deployments.length ? [...deployments] : undefined,
    status: m.lifecycle_status ? LIFECYCLE[m.lifecycle_status] : undefined,
    deprecation: shutdown ? { date: shutdown } : undefined,
    modalities: embeddings ? { output: ["embedding" as const] } : undefined,
  });
}

function azureUrl(r: ListRequest, path: string, version: string): string {
  const url = new URL(joinUrl(r.url.replace(/\/models\/?$/, ""), path));
  url.searchParams.set("api-version", version);
  return url.toString();
}

/** Azure OpenAI's protocol: pages are `[models, deployments]` (deployments absent when the resource refuses). */
export const azureProtocol: Protocol = {
  keyOptional: false,
  async pages(r: ListRequest): Promise<unknown[]> {
    const headers = withKey({}, "api-key", r.apiKey);
    const get = (path: string, version: string) =>
      r.http.getJson(azureUrl(r, path, version), {
        source: r.provider,
        signal: r.signal,
        keyEnv: r.keyEnv,
        headers,
      });
    const models = (await get("/models", r.params.apiVersion ?? AZURE_API_VERSION)).value;
    try {
      const deployments = await get(
        "/deployments",
        r.params.deploymentsApiVersion ?? AZURE_DEPLOYMENTS_API_VERSION,
      );
      return [models, deployments.value];
    } catch (error) {
      if (isStarmapError(error, "network") && / HTTP 404 /.test(error.message)) return [models];
      throw error;
    }
  },
  translate(provider, pages) {
    const byModel = new Map<string, string[]>();
    const notes: string[] = [];
    if (pages[1] !== undefined) {
      const deployments = readEntries(provider, openaiEntries(provider, pages[1]), AzureDeployment, (d) => ({
        id: d.id,
        provider,
        name: d.model,
      }));
      notes.push(...deployments.notes);
      for (const d of deployments.offerings) byModel.set(d.name!, [...(byModel.get(d.name!) ?? []), d.id]);
    } else notes.push(`${provider}: the resource did not list its deployments`);
    const entries = openaiEntries(provider, pages[0]).filter((e) =>
      (e as { capabilities?: { inference?: boolean } }).capabilities?.inference !== false
    );
    const models = readEntries(
      provider,
      entries,
      AzureModel,
      (m) => fromAzure(provider, m, byModel.get(m.id) ?? []),
    );
    const deployedOnly = [...byModel.keys()].filter((id) => !models.offerings.some((m) => m.id === id));
    for (const id of deployedOnly) {
      notes.push(`${provider}: deployment of "${id}", a model the resource does not list`);
    }
    return { offerings: models.offerings, notes: [...models.notes, ...notes] };
  },
};
