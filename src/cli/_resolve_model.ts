/**
 * `models show <id> -p <provider>` and `cost <id> -p <provider>` as a user means them: the provider may repeat
 * the prefix (`openai/gpt-4o -p openai`), and a provider that names models `author/id` (OpenRouter's
 * `openai/gpt-4o`) still finds `gpt-4o`, whatever the dots (`claude-sonnet-4-5` is OpenRouter's
 * `anthropic/claude-sonnet-4.5`). Anything else is the catalog's own resolution and its errors.
 *
 * @module
 */
import type { Catalog, Resolved } from "../catalog/mod.ts";
import { StarmapError } from "../errors.ts";

/** An id as people type it: case, dots and dashes do not matter (`claude-sonnet-4.5` is `claude-sonnet-4-5`). */
function spelling(id: string): string {
  return id.toLowerCase().replace(/[._]/g, "-");
}

/** Resolves a model reference with an optional provider. @throws {StarmapError} as `Catalog.resolve`. */
export function resolveModelFor(catalog: Catalog, ref: string, provider: string | undefined): Resolved {
  ref = ref.trim();
  if (provider === undefined) return catalog.resolve(ref);
  const p = catalog.resolveProvider(provider);
  try {
    return catalog.resolve(ref, p.id);
  } catch (error) {
    if (!(error instanceof StarmapError) || error.kind !== "not_found") throw error;
    const bare = ref.startsWith(`${p.id}/`) ? ref.slice(p.id.length + 1) : ref;
    const want = spelling(bare);
    const served = catalog.offeringsByProvider(p.id);
    const match = served.filter((m) => spelling(m.id) === want);
    const nested = match.length ? match : served.filter((m) => spelling(m.id).endsWith(`/${want}`));
    if (nested.length === 1) return { model: catalog.model(nested[0]!.model)!, offering: nested[0]! };
    if (nested.length > 1) {
      const keys = nested.map((m) => `${m.provider}/${m.id}`);
      throw new StarmapError("invalid", `model "${bare}" matches ${keys.length} models of ${p.id}`, {
        hint: `name one of them:\n${keys.map((k) => `  ${k}`).join("\n")}`,
        suggestions: keys,
      });
    }
    const elsewhere = sameModelElsewhere(catalog, ref, p.id);
    if (elsewhere instanceof StarmapError || !elsewhere) throw elsewhere ?? error;
    return elsewhere;
  }
}

/**
 * Another provider's offering key with `-p` (`openrouter/anthropic/claude-sonnet-4.5 -p anthropic`) means that
 * model on the named provider: its offering there, or an error saying who offers it.
 */
function sameModelElsewhere(
  catalog: Catalog,
  ref: string,
  provider: string,
): Resolved | StarmapError | undefined {
  let model: string;
  try {
    model = catalog.resolve(ref).model.id;
  } catch {
    return undefined;
  }
  const offerings = catalog.offerings(model);
  const here = offerings.find((o) => o.provider === provider);
  if (here) return { model: catalog.model(model)!, offering: here };
  const by = [...new Set(offerings.map((o) => o.provider))];
  return new StarmapError(
    "not_found",
    `${provider} does not offer ${model} (${ref} is one of its offerings)`,
    {
      hint: `${model} is offered by ${by.slice(0, 8).join(", ")}${
        by.length > 8 ? `, and ${by.length - 8} more` : ""
      }`,
      suggestions: by.map((id) => `${model} -p ${id}`),
    },
  );
}
