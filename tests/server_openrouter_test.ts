import assert from "node:assert/strict";
import { z } from "zod";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { HttpClient } from "../src/http/_client.ts";
import { perTokenText } from "../src/pricing/export/_units.ts";
import { createApp } from "../src/server/_app.ts";
import { OpenRouterEndpoints } from "../src/server/_openrouter_routes.ts";
import { resolveProviderSource } from "../src/sources/providers/_from_env.ts";
import { fixture, serve } from "./helpers/sources_server.ts";
import { testBackend } from "./helpers/server.ts";

const catalog = embeddedCatalog();

/**
 * A zod schema derived from real values: an object's keys present in every sample are required, the others
 * optional; a value's type is every JSON type seen (null makes it nullable); arrays take their items' shape.
 */
function shapeOf(values: readonly unknown[]): z.ZodType {
  const kinds = new Set(values.map((v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v)));
  const options: z.ZodType[] = [];
  if (kinds.has("string")) options.push(z.string());
  if (kinds.has("number")) options.push(z.number());
  if (kinds.has("boolean")) options.push(z.boolean());
  if (kinds.has("array")) {
    const items = values.filter(Array.isArray).flat();
    options.push(z.array(items.length ? shapeOf(items) : z.unknown()));
  }
  if (kinds.has("object")) {
    const objects = values.filter((v): v is Record<string, unknown> =>
      typeof v === "object" && v !== null && !Array.isArray(v)
    );
    const keys = new Set(objects.flatMap((o) => Object.keys(o)));
    const shape: Record<string, z.ZodType> = {};
    for (const key of keys) {
      const present = objects.filter((o) => key in o);
      const inner = shapeOf(present.map((o) => o[key]));
      shape[key] = present.length === objects.length ? inner : inner.optional();
    }
    options.push(z.looseObject(shape));
  }
  const base = options.length === 1 ? options[0]! : options.length ? z.union(options) : z.unknown();
  return kinds.has("null") ? base.nullable() : base;
}

const capture = JSON.parse(await fixture("openrouter/models.json")) as { data: Record<string, unknown>[] };
const ListShape = shapeOf([capture]);

async function get(app: ReturnType<typeof createApp>, path: string): Promise<unknown> {
  const res = await app.request(path);
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

Deno.test("the shape derived from the capture accepts the capture and refuses a list without prices", () => {
  assert.ok(ListShape.safeParse(capture).success);
  const broken = { data: [{ ...capture.data[0], pricing: undefined }] };
  assert.equal(ListShape.safeParse(broken).success, false);
});

Deno.test("GET /openrouter/v1/models has the shape of OpenRouter's real /api/v1/models", async () => {
  const app = createApp({ backend: testBackend() });
  try {
    const body = await get(app, "/api/v1/openrouter/v1/models");
    const parsed = ListShape.safeParse(body);
    assert.ok(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 5)));
    const data =
      (body as { data: { id: string; pricing: Record<string, string>; links: { details: string } }[] })
        .data;
    assert.equal(data.length, catalog.models.length);
    const sonnet = data.find((m) => m.id === "anthropic/claude-sonnet-4-5")!;
    const cheapest = catalog.offerings("anthropic/claude-sonnet-4-5")[0]!;
    assert.equal(sonnet.pricing.prompt, perTokenText(cheapest.pricing!.input!));
    const details = await get(app, sonnet.links.details);
    const endpoints = OpenRouterEndpoints.parse(details);
    assert.equal(endpoints.data.id, "anthropic/claude-sonnet-4-5");
    assert.equal(endpoints.data.endpoints.length, catalog.offerings("anthropic/claude-sonnet-4-5").length);
    assert.ok(
      endpoints.data.endpoints.some((e) => e.tag === "amazon-bedrock"),
      "every provider is an endpoint",
    );
    const missing = await app.request("/api/v1/openrouter/v1/models/nobody/nothing-xyz/endpoints");
    assert.equal(missing.status, 404);
  } finally {
    await app.close();
  }
});

Deno.test("starmap's own OpenRouter client reads starmap's OpenRouter-compatible listing over HTTP", async () => {
  const app = createApp({ backend: testBackend() });
  const up = serve((req) => app.fetch(req));
  try {
    const source = resolveProviderSource("openrouter", {
      http: new HttpClient({ retryBaseMs: 1, retryMaxMs: 5, timeoutMs: 10_000 }),
      providers: catalog.providers,
      env: (name) => (name === "STARMAP_OPENROUTER_BASE_URL" ? `${up.url}/api/v1/openrouter/v1` : undefined),
    })!;
    const result = await source.fetch({ signal: new AbortController().signal });
    assert.equal(result.offerings.length, catalog.models.length);
    const gpt = result.offerings.find((o) => o.id === "openai/gpt-4o")!;
    assert.equal(gpt.pricing?.input, catalog.offerings("openai/gpt-4o")[0]!.pricing?.input);
    assert.equal(result.hints?.["openrouter/openai/gpt-4o"]?.canonicalSlug, "openai/gpt-4o");
  } finally {
    await up.close();
    await app.close();
  }
});
