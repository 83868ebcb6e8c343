/**
 * The OpenAPI 3.1 document of the API, generated from the route table and the zod schemas, and the routes that
 * serve it (JSON and a human-readable reference page).
 *
 * @module
 */
import { z } from "zod";
import { VERSION } from "../build_info.ts";
import { referencePage } from "./_reference_page.ts";
import type { RouteSpec } from "./_route.ts";
import { COMPONENTS } from "./_schemas.ts";

type Json = Record<string, unknown>;

const statusText: Record<number, string> = {
  101: "Switching Protocols",
  304: "Not modified (If-None-Match matched the ETag)",
  400: "Invalid or unknown parameter, body or path segment (the error names it)",
  401: "API key missing",
  403: "API key wrong, admin routes disabled, or a WebSocket Origin --cors does not allow",
  404: "Not found (with suggestions)",
  409: "An update is already running",
  413: "Body too large",
  415: "Body is not JSON",
  426: "Upgrade required",
  429: "Rate limited, or too many event streams for this client (see Retry-After)",
  501: "Not available on this server",
  502: "An upstream source failed",
  503: "Not ready, shutting down, timed out, or too many event streams open",
};

/** The formats JSON Schema 2020-12 defines; a validator in strict mode refuses any other. */
const STANDARD_FORMATS = new Set([
  "date-time",
  "date",
  "time",
  "duration",
  "email",
  "idn-email",
  "hostname",
  "idn-hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "iri",
  "iri-reference",
  "uuid",
  "uri-template",
  "json-pointer",
  "relative-json-pointer",
  "regex",
]);

/**
 * Drops the formats zod invents for its string checks (`starts_with`, `ends_with`, `includes`): the `pattern`
 * beside them already says the same in standard JSON Schema.
 */
function standardFormats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(standardFormats);
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "format" && typeof v === "string" && !STANDARD_FORMATS.has(v)) continue;
    out[k] = k === "properties" || k === "$defs" || typeof v === "object" ? standardFormats(v) : v;
  }
  return out;
}

function strip(schema: unknown): Json {
  const { $schema: _s, $id: _i, ...rest } = standardFormats(schema) as Json;
  return rest;
}

function generate(io: "input" | "output"): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  return (z.toJSONSchema(registry, {
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
    io,
  }) as { schemas: Record<string, unknown> }).schemas;
}

/**
 * The component schemas: responses as the server writes them, request bodies as it reads them (a field with
 * a default is not required in a request).
 */
function components(bodies: ReadonlySet<string>): Record<string, Json> {
  const output = generate("output");
  const input = generate("input");
  const merged: Record<string, unknown> = Object.fromEntries(
    Object.entries(output).map(([id, s]) => [id, bodies.has(id) ? input[id] : s]),
  );
  return hoistShared(merged, [output.__shared, input.__shared]);
}

/**
 * zod puts schemas that several components reuse without a name (the recursive JSON value of a changeset) under
 * `__shared`, referenced as `__shared#/$defs/schemaN`: not a component a validator resolves. They become named
 * components, identical ones merged.
 */
function hoistShared(schemas: Record<string, unknown>, shared: unknown[]): Record<string, Json> {
  const { __shared: _, ...named } = schemas;
  const byShape = new Map<string, string>();
  const renames: [string, string][] = [];
  for (const group of shared) {
    const defs = ((group as Json | undefined)?.$defs ?? {}) as Record<string, unknown>;
    for (const [key, def] of Object.entries(defs)) {
      const from = `#/components/schemas/__shared#/$defs/${key}`;
      const shape = JSON.stringify(def).replaceAll(`"${from}"`, '"SELF"');
      let name = byShape.get(shape);
      if (!name) {
        name = byShape.size ? `JsonValue${byShape.size + 1}` : "JsonValue";
        byShape.set(shape, name);
        named[name] = JSON.parse(shape.replaceAll('"SELF"', `"#/components/schemas/${name}"`));
      }
      renames.push([from, name]);
    }
  }
  let text = JSON.stringify(named);
  for (const [from, name] of renames) text = text.replaceAll(`"${from}"`, `"#/components/schemas/${name}"`);
  const out = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(out).map(([id, s]) => [id, strip(s)]));
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

const READ_HEADERS: Json = {
  ETag: {
    description: "The representation's tag (send it back in If-None-Match)",
    schema: { type: "string" },
  },
  "X-Catalog-Version": { description: "The catalog version answered from", schema: { type: "string" } },
  "Cache-Control": { description: "How long caches may keep it", schema: { type: "string" } },
};

const RATE_HEADERS: Json = {
  "RateLimit-Limit": { description: "Requests a client may make in a burst", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left now", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the budget is full again", schema: { type: "integer" } },
};

/** Statuses every route may answer: a bad path or query parameter, the rate limit, shutting down. */
const EVERY_ROUTE = [400, 429, 503];

function responses(route: RouteSpec, head: boolean): Json {
  const ok = route.response;
  const content = head
    ? undefined
    : ok.schema
    ? { [ok.contentType ?? "application/json"]: { schema: ref(ok.schema) } }
    : ok.contentType
    ? { [ok.contentType]: { schema: { type: ok.contentType.includes("json") ? "object" : "string" } } }
    : undefined;
  const status = head && ok.status === 101 ? 200 : ok.status;
  const out: Json = {
    [String(status)]: {
      description: head ? `${ok.description} (headers only)` : ok.description,
      ...(content ? { content } : {}),
      headers: route.kind === "read" ? { ...READ_HEADERS, ...RATE_HEADERS } : RATE_HEADERS,
    },
  };
  for (const code of [...new Set([...route.errors, ...EVERY_ROUTE])].sort()) {
    const schema = route.errorSchemas?.[code] ?? "Error";
    out[String(code)] = code === 304 || head ? { description: statusText[code] ?? "Error" } : {
      description: statusText[code] ?? "Error",
      content: { "application/json": { schema: ref(schema) } },
    };
  }
  out["default"] = head
    ? { description: "Error" }
    : { description: "Error", content: { "application/json": { schema: ref("Error") } } };
  return out;
}

function operation(route: RouteSpec, head = false): Json {
  const params = parameters(route);
  return {
    operationId: head ? `${route.operationId}Head` : route.operationId,
    summary: head ? `Headers of GET ${route.path} (opens no stream, sends no body)` : route.summary,
    ...(route.description && !head ? { description: route.description } : {}),
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
    responses: responses(route, head),
    ...(route.kind === "admin" ? { security: [{ apiKey: [] }, { bearer: [] }] } : {}),
  };
}

/** Builds the OpenAPI 3.1 document of the routes under a prefix. */
export function openApiDocument(routes: readonly RouteSpec[], prefix: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const item = (paths[`${prefix}${route.path}`] ??= {});
    item[route.method.toLowerCase()] = operation(route);
    if (route.method === "GET") item.head = operation(route, true);
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
      schemas: components(new Set(routes.flatMap((r) => (r.body ? [r.body] : [])))),
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
