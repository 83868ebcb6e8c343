/**
 * How providers and authors read in lists and detail views.
 *
 * @module
 */
import type { Author, Provider } from "../../catalog/types.gen.ts";
import type { Field } from "../render/mod.ts";
import type { View } from "../render/mod.ts";

/** A provider with the number of models it serves. */
export interface ProviderRow {
  /** The provider. */
  provider: Provider;
  /** How many models it serves in the catalog. */
  models: number;
}

/** The list view of `providers list`. */
export const providerView: View<ProviderRow> = {
  noun: "providers",
  key: (r) => r.provider.id,
  columns: [
    { name: "id", header: "ID", value: (r) => r.provider.id, id: true },
    { name: "name", header: "NAME", value: (r) => r.provider.name, priority: 2 },
    {
      name: "model_count",
      header: "MODELS",
      value: (r) => r.models,
      right: true,
      priority: 1,
      type: "integer",
    },
    { name: "key_env", header: "KEY ENV", value: (r) => r.provider.env, priority: 3, type: "array" },
    { name: "endpoint", header: "ENDPOINT", value: (r) => r.provider.endpoint?.type, wide: true },
    { name: "api", header: "API", value: (r) => r.provider.api, wide: true },
    { name: "docs", header: "DOCS", value: (r) => r.provider.docs, wide: true },
  ],
};

/** The detail view of `providers show`. */
export function providerFields(p: Provider, models: number): Field[] {
  return [
    ["ID", p.id],
    ["Name", p.name],
    ["Aliases", p.aliases?.join(", ")],
    ["Models", String(models)],
    ["API key env", p.env.join(", ") || "-"],
    ["API base URL", p.api],
    ["List endpoint", p.endpoint ? `${p.endpoint.type} ${p.endpoint.path ?? ""}`.trim() : undefined],
    ["SDK package", p.npm],
    ["Docs", p.docs],
    ["Status page", p.statusPage],
  ];
}

/** An author with the number of models it made and the providers serving them. */
export interface AuthorRow {
  /** The author. */
  author: Author;
  /** How many catalog models it made. */
  models: number;
  /** How many providers serve them. */
  providers: number;
}

/** The list view of `authors list`. */
export const authorView: View<AuthorRow> = {
  noun: "authors",
  key: (r) => r.author.id,
  columns: [
    { name: "id", header: "ID", value: (r) => r.author.id, id: true },
    { name: "name", header: "NAME", value: (r) => r.author.name, priority: 2 },
    { name: "model_count", header: "MODELS", value: (r) => r.models, right: true, type: "integer" },
    {
      name: "provider_count",
      header: "PROVIDERS",
      value: (r) => r.providers,
      right: true,
      type: "integer",
    },
    { name: "website", header: "WEBSITE", value: (r) => r.author.website, wide: true },
    { name: "hugging_face", header: "HUGGING FACE", value: (r) => r.author.huggingFace, wide: true },
    { name: "github", header: "GITHUB", value: (r) => r.author.github, wide: true },
  ],
};

/** The detail view of `authors show`. */
export function authorFields(a: Author, models: number, providers: string[]): Field[] {
  return [
    ["ID", a.id],
    ["Name", a.name],
    ["Website", a.website],
    ["Hugging Face", a.huggingFace ? `https://huggingface.co/${a.huggingFace}` : undefined],
    ["GitHub", a.github ? `https://github.com/${a.github}` : undefined],
    // The SVG itself is data for machines (`-o json`); the terminal says that there is one.
    ["Logo", a.logo ? `SVG, ${new TextEncoder().encode(a.logo).length} bytes (-o json has it)` : undefined],
    ["Models", String(models)],
    ["Providers", providers.join(", ")],
  ];
}
