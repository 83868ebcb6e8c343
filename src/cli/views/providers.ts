/**
 * How providers and authors read in tables and detail views.
 *
 * @module
 */
import type { Author, Provider } from "../../catalog/schema.ts";
import type { Field } from "../render/format.ts";
import type { Column } from "../render/table.ts";
import { list } from "./values.ts";

/** A provider with the number of models it serves. */
export interface ProviderRow {
  /** The provider. */
  provider: Provider;
  /** How many models it serves in the catalog. */
  models: number;
}

/** The columns of `providers list`. */
export const providerColumns: readonly Column<ProviderRow>[] = [
  { header: "ID", get: (r) => r.provider.id },
  { header: "NAME", get: (r) => r.provider.name, flex: true },
  { header: "MODELS", get: (r) => String(r.models), right: true },
  { header: "KEY ENV", get: (r) => list(r.provider.env), flex: true },
  { header: "ENDPOINT", get: (r) => r.provider.endpoint?.type ?? "-", wide: true },
  { header: "API", get: (r) => r.provider.api ?? "-", wide: true, flex: true },
  { header: "DOCS", get: (r) => r.provider.docs ?? "-", wide: true, flex: true },
];

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

/** The columns of `authors list`. */
export const authorColumns: readonly Column<AuthorRow>[] = [
  { header: "ID", get: (r) => r.author.id },
  { header: "NAME", get: (r) => r.author.name, flex: true },
  { header: "MODELS", get: (r) => String(r.models), right: true },
  { header: "PROVIDERS", get: (r) => String(r.providers), right: true },
  { header: "WEBSITE", get: (r) => r.author.website ?? "-", wide: true, flex: true },
  { header: "HUGGING FACE", get: (r) => r.author.huggingFace ?? "-", wide: true },
  { header: "GITHUB", get: (r) => r.author.github ?? "-", wide: true },
];

/** The detail view of `authors show`. */
export function authorFields(a: Author, models: number, providers: string[]): Field[] {
  return [
    ["ID", a.id],
    ["Name", a.name],
    ["Website", a.website],
    ["Hugging Face", a.huggingFace ? `https://huggingface.co/${a.huggingFace}` : undefined],
    ["GitHub", a.github ? `https://github.com/${a.github}` : undefined],
    ["Models", String(models)],
    ["Providers", providers.join(", ")],
  ];
}
