/**
 * The OpenAPI 3.1 document of the API, generated from the route table and the zod schemas, and the routes that
 * serve it (JSON and a human-readable reference page).
 *
 * @module
 */
import { z } from "zod";
import { VERSION } from "../version.ts";
import { referencePage } from "./reference_page.ts";
import type { RouteSpec } from "./route.ts";
import { COMPONENTS } from "./schemas.ts";

type Json = Record<string, unknown>;

const statusText: Record<number, string> = {
  101: "Switching Protocols",
  304: "Not modified (If-None-Match matched the ETag)",
  400: "Invalid parameter or body (the error names it)",
  401: "API key missing",
  403: "API key wrong, or admin routes disabled",
  404: "Not found (with suggestions)",
  409: "An update is already running",
  413: "Body too large",
  415: "Body is not JSON",
  426: "Upgrade required",
  429: "Rate limited (see Retry-After)",
  501: "Not available on this server",
  502: "An upstream source failed",
  503: "Not ready, shutting down or timed out",
};

function strip(schema: unknown): Json {
  const { $schema: _s, $id: _i, ...rest } = schema as Json;
  return rest;
}

function components(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  }) as { schemas: Record<string, unknown> };
  return Object.fromEntries(Object.entries(out.schemas).map(([id, s]) => [id, strip(s)]));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function parameters(route: RouteSpec): Json[] {
  const path = Object.entries(route.pathParams ?? {}).map(([name, description]) => ({
    name,
    in: "path",
    required: true,
    description,
    schema: { type: "string" },
  }));
  const query = (route.query ?? []).map((q) => {
    const item = strip(z.toJSONSchema(q.schema, { target: "draft-2020-12", unrepresentable: "any" }));
    return {
      name: q.name,
      in: "query",
      required: false,
      description: q.list ? `${q.description}; repeatable, or comma-separated` : q.description,
      schema: q.list ? { type: "array", items: item } : item,
      ...(q.list ? { style: "form", explode: true } : {}),
    };
  });
  return [...path, ...query];
}

function operation(route: RouteSpec): Json {
  const ok = route.response;
  const content = ok.schema
    ? { [ok.contentType ?? "application/json"]: { schema: ref(ok.schema) } }
    : ok.contentType
    ? { [ok.contentType]: { schema: { type: "string" } } }
    : undefined;
  const responses: Json = {
    [String(ok.status)]: { description: ok.description, ...(content ? { content } : {}) },
  };
  for (const status of route.errors) {
    responses[String(status)] = status === 304 ? { description: statusText[status] } : {
      description: statusText[status] ?? "Error",
      content: { "application/json": { schema: ref("Error") } },
    };
  }
  responses["default"] = { description: "Error", content: { "application/json": { schema: ref("Error") } } };
  const params = parameters(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(params.length ? { parameters: params } : {}),
    ...(route.body
      ? {
        requestBody: {
          required: route.kind !== "admin",
          content: { "application/json": { schema: ref(route.body) } },
        },
      }
      : {}),
    responses,
    ...(route.kind === "admin" ? { security: [{ apiKey: [] }, { bearer: [] }] } : {}),
  };
}

/** Builds the OpenAPI 3.1 document of the routes under a prefix. */
export function openApiDocument(routes: readonly RouteSpec[], prefix: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const item = (paths[`${prefix}${route.path}`] ??= {});
    item[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "starmap API",
      version: VERSION,
      description:
        "The starmap catalog of AI models: providers, authors, models, prices; live change events.",
      license: { name: "MIT", identifier: "MIT" },
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        bearer: { type: "http", scheme: "bearer" },
      },
    },
  };
}

const cache = new WeakMap<readonly RouteSpec[], { json: string; html: string }>();

/** The document and page of an app's routes, made once per app (each app has its own route array). */
function rendered(routes: readonly RouteSpec[], prefix: string) {
  let hit = cache.get(routes);
  if (!hit) {
    const doc = openApiDocument(routes, prefix);
    hit = { json: JSON.stringify(doc), html: referencePage(doc) };
    cache.set(routes, hit);
  }
  return hit;
}

/** The routes serving the document and the reference page. */
export const DOC_ROUTES: readonly RouteSpec[] = [
  {
    method: "GET",
    path: "/openapi.json",
    operationId: "openapi",
    summary: "This OpenAPI 3.1 document",
    tag: "service",
    response: { status: 200, description: "The OpenAPI document", contentType: "application/json" },
    errors: [],
    kind: "plain",
    example: "/openapi.json",
    handle: (r) =>
      new Response(rendered(r.state.routes, r.state.options.prefix).json, {
        headers: {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "public, max-age=300",
        },
      }),
  },
  {
    method: "GET",
    path: "/docs",
    operationId: "reference",
    summary: "The API reference as an HTML page",
    tag: "service",
    response: { status: 200, description: "HTML", contentType: "text/html" },
    errors: [],
    kind: "plain",
    example: "/docs",
    handle: (r) =>
      new Response(rendered(r.state.routes, r.state.options.prefix).html, {
        headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" },
      }),
  },
];
