import assert from "node:assert/strict";
import { createApp } from "../src/server/_app.ts";
import { testBackend } from "./helpers/server.ts";

type Json = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Structural checks of the OpenAPI 3.1 rules that matter for clients and generators. */
function validateOpenApi31(doc: Json): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (typeof doc.openapi !== "string" || !/^3\.1\.\d+$/.test(doc.openapi)) fail("openapi", "must be 3.1.x");
  const info = doc.info as Json | undefined;
  if (!info || typeof info.title !== "string" || typeof info.version !== "string") {
    fail("info", "title and version");
  }
  const license = info?.license as Json | undefined;
  if (license && license.identifier && license.url) fail("info.license", "identifier and url are exclusive");
  const components = (doc.components ?? {}) as Json;
  const schemas = (components.schemas ?? {}) as Json;
  for (const name of Object.keys(schemas)) {
    if (!/^[a-zA-Z0-9._-]+$/.test(name)) fail(`components.schemas.${name}`, "bad component name");
  }
  const schemes = (components.securitySchemes ?? {}) as Record<string, Json>;
  for (const [name, s] of Object.entries(schemes)) {
    if (!["apiKey", "http", "oauth2", "openIdConnect", "mutualTLS"].includes(String(s.type))) {
      fail(name, "bad type");
    }
    if (s.type === "apiKey" && (!s.name || !["query", "header", "cookie"].includes(String(s.in)))) {
      fail(name, "apiKey");
    }
    if (s.type === "http" && !s.scheme) fail(name, "http scheme");
  }
  const refs: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "$ref" && typeof v === "string") refs.push(v);
        else walk(v);
      }
    }
  };
  walk(doc);
  for (const ref of refs) {
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!m || !(m[1]! in schemas)) fail("$ref", `unresolved ${ref}`);
  }
  const ids = new Set<string>();
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  if (!Object.keys(paths).length) fail("paths", "empty");
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith("/")) fail(path, "must start with /");
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries(item) as [string, Json][]) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!METHODS.includes(method)) fail(where, "unknown method");
      if (typeof op.operationId !== "string" || ids.has(op.operationId)) {
        fail(where, "operationId missing or repeated");
      }
      ids.add(String(op.operationId));
      const responses = op.responses as Record<string, Json> | undefined;
      if (!responses || !Object.keys(responses).length) fail(where, "no responses");
      for (const [status, r] of Object.entries(responses ?? {})) {
        if (!/^([1-5](\d\d|XX)|default)$/.test(status)) fail(where, `bad status ${status}`);
        if (typeof r.description !== "string") fail(`${where} ${status}`, "description required");
      }
      const params = (op.parameters ?? []) as Json[];
      const seen = new Set<string>();
      for (const p of params) {
        const key = `${p.in}:${p.name}`;
        if (seen.has(key)) fail(where, `duplicate parameter ${key}`);
        seen.add(key);
        if (!["query", "header", "path", "cookie"].includes(String(p.in))) {
          fail(where, `bad in for ${p.name}`);
        }
        if (!p.schema && !p.content) fail(where, `parameter ${p.name} needs schema or content`);
        if (p.in === "path" && (p.required !== true || !templated.includes(String(p.name)))) {
          fail(where, `path parameter ${p.name} must be required and templated`);
        }
      }
      for (const t of templated) if (!seen.has(`path:${t}`)) fail(where, `path parameter ${t} not declared`);
      for (const req of (op.security ?? []) as Json[]) {
        for (const name of Object.keys(req)) {
          if (!(name in schemes)) fail(where, `unknown security scheme ${name}`);
        }
      }
      const body = op.requestBody as Json | undefined;
      if (body && typeof body.content !== "object") fail(where, "requestBody.content required");
    }
  }
  return problems;
}

Deno.test("the OpenAPI document is valid OpenAPI 3.1 and covers every route", async () => {
  const app = createApp({ backend: testBackend() });
  const res = await app.request("/api/v1/openapi.json");
  assert.equal(res.status, 200);
  const doc = (await res.json()) as Json;
  assert.deepEqual(validateOpenApi31(doc), []);
  const documented = Object.entries(doc.paths as Record<string, Json>)
    .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)).sort();
  const routes = app.routes.flatMap((r) => [
    `${r.method} /api/v1${r.path}`,
    ...(r.method === "GET" ? [`HEAD /api/v1${r.path}`] : []),
  ]).sort();
  assert.deepEqual(documented, routes);
  for (
    const op of [
      "listModels",
      "getModel",
      "getModelProviders",
      "searchModels",
      "update",
      "events",
      "websocket",
    ]
  ) {
    assert.ok(JSON.stringify(doc).includes(`"operationId":"${op}"`), op);
  }
  const list = (doc.paths as Record<string, Record<string, Json>>)["/api/v1/models"]!.get!;
  const names = (list.parameters as Json[]).map((p) => p.name);
  for (
    const n of [
      "provider",
      "author",
      "search",
      "capability",
      "min_context",
      "max_price",
      "status",
      "open_weights",
    ]
  ) {
    assert.ok(names.includes(n), n);
  }
  await app.close();
});

Deno.test("every documented route answers (not 404 or 405)", async () => {
  const app = createApp({ backend: testBackend() });
  const doc = (await (await app.request("/api/v1/openapi.json")).json()) as Json;
  const values: Record<string, string> = {
    provider: "openai",
    model: "gpt-4o",
    id: "anthropic",
    author: "anthropic",
    slug: "claude-sonnet-4-5",
  };
  const generation = (await (await app.request("/api/v1/catalog/manifest")).json()).id;
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of Object.keys(item)) {
      const path = template.includes("/generations/")
        ? template.replace("{id}", generation)
        : template.replace(/\{(\w+)\}/g, (_, name: string) => values[name]!);
      const init: RequestInit = method === "post"
        ? { method: "POST", body: "{}", headers: { "content-type": "application/json" } }
        : {};
      const res = await app.request(path, init);
      await res.body?.cancel();
      assert.ok(![404, 405].includes(res.status), `${method.toUpperCase()} ${path} → ${res.status}`);
      if (method === "get" && !path.endsWith("/ws") && !path.endsWith("/events")) {
        assert.equal(res.status, 200, `${method.toUpperCase()} ${path}`);
      }
    }
  }
  await app.close();
});

Deno.test("the reference page lists every operation", async () => {
  const app = createApp({ backend: testBackend() });
  const res = await app.request("/api/v1/docs");
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  const html = await res.text();
  for (const r of app.routes) assert.ok(html.includes(`id="${r.operationId}"`), r.operationId);
  assert.ok(html.includes('id="schema-Model"'));
  await app.close();
});
