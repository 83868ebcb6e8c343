/**
 * `POST /cost` with service rates, regions and unit quantities, in process: the answer, its errors, and the
 * OpenAPI document, whose request schema follows the zod `CostRequest`.
 */
import assert from "node:assert/strict";
import { createApp, type ServerApp } from "../src/server/_app.ts";
import { parsePricingOverrides } from "../src/pricing/mod.ts";
import { CostResponse } from "../src/pricing/_schema.ts";
import { testBackend } from "./helpers/server.ts";
import { specValidator } from "./helpers/openapi_validator.ts";

type Json = Record<string, unknown>;

const overrides = parsePricingOverrides(
  "acme/voice-1:\n  input: 1\n  perRequest: 0.002\n  regionMultipliers: { eu: 1.1 }\n",
  "prices.yaml",
);

async function post(app: ServerApp, body: unknown): Promise<Response> {
  return await app.request("/api/v1/cost", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function withApp(fn: (app: ServerApp) => Promise<void>): Promise<void> {
  const app = createApp({ backend: testBackend(), pricingOverrides: overrides });
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

Deno.test("POST /cost prices unit quantities, a service rate and a region; the answer follows the spec", async () => {
  await withApp(async (app) => {
    const doc = await (await app.request("/api/v1/openapi.json")).json() as Json;
    const spec = specValidator(doc);
    const props = ((doc.components as Json).schemas as Record<string, Json>).CostRequest!.properties as Json;
    for (
      const name of ["service", "region", "requests", "imagesOut", "audioSecondsIn", "webSearches", "pages"]
    ) {
      assert.ok(props[name], `CostRequest documents ${name}`);
    }
    const res = await post(app, {
      model: "gemini-2.5-flash-image",
      provider: "google",
      imagesOut: 2,
      webSearches: 4,
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    const schema = spec.documented("/api/v1/cost", "post", 200).content as Record<string, Json>;
    assert.deepEqual(spec.check(schema["application/json"]!.schema, body), []);
    const google = CostResponse.parse(body).results[0]!;
    assert.deepEqual(google.components.map((c) => [c.component, c.usd]), [
      ["imagesOut", "0.078000"],
      ["webSearches", "0.140000"],
    ]);
    const eu = CostResponse.parse(
      await (await post(app, { model: "acme/voice-1", input: 1_000_000, requests: 10, region: "eu" })).json(),
    );
    assert.equal(eu.region, "eu");
    assert.equal(eu.results[0]!.regionMultiplier, 1.1);
    assert.equal(eu.results[0]!.total, "1.122000");
    const batch = CostResponse.parse(
      await (await post(app, { model: "gpt-5", provider: "openai", input: 1000, service: "batch" })).json(),
    );
    assert.equal(batch.results[0]!.status, "unknown");
    assert.match(batch.results[0]!.notes[0]!, /no batch rate/);
  });
});

Deno.test("POST /cost rejects an unknown service and fractional counts, naming the field", async () => {
  await withApp(async (app) => {
    const bad = await post(app, { model: "openai/gpt-4o", service: "cheap" });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { parameter: string } }).error.parameter, "service");
    const half = await post(app, { model: "openai/gpt-4o", requests: 0.5 });
    assert.equal(half.status, 400);
    assert.equal(((await half.json()) as { error: { parameter: string } }).error.parameter, "requests");
  });
});
