/**
 * Lenient parsing of a models.dev document: a provider or model that does not fit the loose schema is skipped
 * with a note instead of failing the whole source.
 *
 * @module
 */
import { z } from "zod";
import { fieldPath } from "../../words/mod.ts";
import { StarmapError } from "../../errors.ts";
import { type DevApi, DevModel, DevProvider } from "./_upstream.ts";

const ProviderHead = DevProvider.omit({ models: true });

/**
 * Parses a models.dev `{providerId: provider}` document, model by model.
 *
 * @throws {StarmapError} `network` when the document is not an object of providers at all.
 */
export function parseDevApi(value: unknown, source: string, notes: string[]): DevApi {
  const top = z.record(z.string(), z.looseObject({ models: z.record(z.string(), z.unknown()) })).safeParse(
    value,
  );
  if (!top.success) {
    const issue = top.error.issues[0];
    throw new StarmapError(
      "network",
      `cannot read source "${source}": not a models.dev document (${
        issue ? fieldPath(issue.path) : "(root)"
      }: ${issue?.message ?? "unexpected shape"})`,
    );
  }
  const api: DevApi = {};
  for (const [id, raw] of Object.entries(top.data)) {
    const head = ProviderHead.safeParse({ id, ...raw });
    if (!head.success) {
      notes.push(`${source}: provider "${id}" skipped: ${describe(head.error)}`);
      continue;
    }
    const models: Record<string, DevModel> = {};
    for (const [modelId, m] of Object.entries(raw.models)) {
      const parsed = DevModel.safeParse({ ...(m as object), id: (m as { id?: unknown })?.id ?? modelId });
      if (parsed.success) models[modelId] = parsed.data;
      else notes.push(`${source}: model "${id}/${modelId}" skipped: ${describe(parsed.error)}`);
    }
    api[id] = { ...head.data, models };
  }
  return api;
}

function describe(error: z.ZodError): string {
  const i = error.issues[0];
  return i ? `${fieldPath(i.path)}: ${i.message}` : "invalid";
}
