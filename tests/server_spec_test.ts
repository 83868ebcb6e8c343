import assert from "node:assert/strict";
import { embeddedCatalog } from "../src/catalog/_embedded.ts";
import { createApp, type ServerApp } from "../src/server/_app.ts";
import { testBackend } from "./helpers/server.ts";
import { type SpecValidator, specValidator } from "./helpers/openapi_validator.ts";

const KEY = "spec-test-key";
const catalog = embeddedCatalog();
type Json = Record<string, unknown>;

async function setup(): Promise<{ app: ServerApp; spec: SpecValidator; doc: Json }> {
  const app = createApp({ backend: testBackend(), authKey: KEY });
  const doc = await (await app.request("/api/v1/openapi.json")).json() as Json;
  return { app, spec: specValidator(doc), doc };
}

/**
 * Requests `url` and checks the answer against the spec operation `path`/`method`: the status is documented,
 * and a JSON body validates against the schema documented for that status.
 */
async function conforms(
  app: ServerApp,
  spec: SpecValidator,
  path: string,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  const method = (init.method ?? "GET").toLowerCase();
  const res = await app.request(`/api/v1${url}`, init);
  const documented = spec.documented(`/api/v1${path}`, method, res.status);
  const type = res.headers.get("content-type") ?? "";
  const content = documented.content as Record<string, Json> | undefined;
  if (method === "head" || res.status === 304) {
    assert.equal(content, undefined, `${method} ${url}: a body-less answer documents no content`);
    await res.body?.cancel();
    return res;
  }
  if (!type.startsWith("application/json")) {
    await res.body?.cancel();
    return res;
  }
  const body = await res.json();
  const schema = content?.["application/json"]?.schema;
  assert.ok(schema, `${method.toUpperCase()} ${url} → ${res.status} documents a JSON body`);
  const errors = spec.check(schema, body);
  assert.deepEqual(
    errors,
    [],
    `${method.toUpperCase()} ${url} → ${res.status}: ${errors.slice(0, 5).join("; ")}`,
  );
  return res;
}

Deno.test("the OpenAPI document compiles under ajv 2020 strict mode with standard formats only", async () => {
  const { app, doc } = await setup();
  const text = JSON.stringify(doc);
  assert.doesNotMatch(text, /"format":"(starts_with|ends_with|includes)"/);
  const provider = ((doc.components as Json).schemas as Record<string, Json>).Provider!;
  assert.deepEqual((provider.properties as Json).api, { $ref: "#/components/schemas/UrlTemplate" });
  const cost = ((doc.components as Json).schemas as Record<string, Json>).CostRequest!;
  assert.deepEqual(cost.required, ["model"], "a request body requires only what the server requires");
  const paths = doc.paths as Record<string, Json>;
  assert.ok(paths["/api/v1/models"]!.head, "HEAD is documented");
  assert.ok((paths["/api/v1/events"]!.head as Json).responses);
  const readyOp = paths["/api/v1/ready"]!.get as { responses: Record<string, Json> };
  assert.deepEqual(
    (readyOp.responses["503"]!.content as Record<string, Json>)["application/json"]!.schema,
    { $ref: "#/components/schemas/Ready" },
    "the draining /ready is documented with its body",
  );
  const searchOp = paths["/api/v1/models/search"]!.post as { responses: Json };
  assert.ok(searchOp.responses["415"]);
  await app.close();
});

Deno.test("every route's live answers validate against the spec: every provider and author, a sample of models", async () => {
  const { app, spec } = await setup();
  const json = { "content-type": "application/json" };
  for (const route of app.routes) {
    if (route.method !== "GET" || route.kind === "stream") continue;
    await conforms(app, spec, route.path, route.example);
    await conforms(app, spec, route.path, route.example, { method: "HEAD" });
  }
  for (const p of catalog.providers) {
    await conforms(app, spec, "/providers/{id}", `/providers/${p.id}`);
    await conforms(app, spec, "/providers/{id}/models", `/providers/${p.id}/models?limit=1000`);
  }
  for (const a of catalog.authors) {
    await conforms(app, spec, "/authors/{id}", `/authors/${a.id}`);
    await conforms(app, spec, "/authors/{id}/models", `/authors/${a.id}/models?limit=1000`);
  }
  const sample = catalog.allOfferings.filter((_, i) => i % 37 === 0);
  assert.ok(sample.length > 100);
  for (const m of sample) {
    await conforms(app, spec, "/models/{model}", `/models/${m.provider}/${m.id}`);
    await conforms(app, spec, "/models/{model}/providers", `/models/${m.model}/providers`);
    await conforms(app, spec, "/offerings/{provider}/{model}", `/offerings/${m.provider}/${m.id}`);
    const res = await conforms(app, spec, "/cost", "/cost", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ model: `${m.provider}/${m.id}`, input: 1000 }),
    });
    assert.equal(res.status, 200);
  }
  await conforms(app, spec, "/models/search", "/models/search", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ provider: ["anthropic"], limit: 5 }),
  });
  // Errors, each against the status the spec documents for it.
  const errors: [string, string, RequestInit?, number?][] = [
    ["/models/{model}", "/models/openai/no-such-model", {}, 404],
    ["/models", "/models?bogus=1", {}, 400],
    ["/models", "/models?released_after=2025-02-31", {}, 400],
    ["/providers/{id}", "/providers/nope", {}, 404],
    ["/models/search", "/models/search", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    }, 415],
    ["/update", "/update", { method: "POST", headers: { ...json }, body: "{}" }, 401],
    ["/update", "/update", { method: "POST", headers: { ...json, "x-api-key": "wrong" }, body: "{}" }, 403],
    [
      "/update",
      "/update?provider=anthropic",
      { method: "POST", headers: { ...json, "x-api-key": KEY } },
      200,
    ],
    ["/ws", "/ws", {}, 501],
  ];
  for (const [path, url, init, status] of errors) {
    const res = await conforms(app, spec, path, url, init);
    assert.equal(res.status, status, url);
  }
  const etag = (await app.request("/api/v1/providers")).headers.get("etag")!;
  const cached = await conforms(app, spec, "/providers", "/providers", {
    headers: { "if-none-match": etag },
  });
  assert.equal(cached.status, 304);
  const events = await app.request("/api/v1/events");
  assert.ok(spec.documented("/api/v1/events", "get", events.status));
  assert.equal(events.headers.get("content-type"), "text/event-stream; charset=utf-8");
  await events.body!.cancel();
  await app.close();
  const draining = createApp({ backend: testBackend() });
  await draining.close();
  const ready = await conforms(draining, spec, "/ready", "/ready");
  assert.equal(ready.status, 503);
  assert.equal((await (await draining.request("/api/v1/ready")).json()).status, "draining");
  const refused = await conforms(draining, spec, "/providers", "/providers");
  assert.equal(refused.status, 503, "other routes are refused while draining");
});
