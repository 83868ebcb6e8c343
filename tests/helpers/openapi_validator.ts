/**
 * A strict JSON Schema 2020-12 validator (ajv, strict mode, only the standard formats) over the schemas of the
 * server's OpenAPI document: the tests compile every schema of the spec with it and validate live responses.
 *
 * @module
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

type Json = Record<string, unknown>;

/** The formats JSON Schema 2020-12 defines; anything else is refused. */
const STANDARD_FORMATS = [
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
] as const;

const ID = "https://starmap.invalid/openapi.json";

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string"
        ? v.replace("#/components/schemas/", `${ID}#/$defs/`)
        : rewriteRefs(v),
    ]),
  );
}

/** Validators for the schemas of an OpenAPI 3.1 document, compiled in strict mode. */
export interface SpecValidator {
  /** Validates `value` against a schema of the document (a component or an inline schema); returns the errors. */
  check(schema: unknown, value: unknown): string[];
  /** The schema of an operation's response for a status and content type, or undefined when it has none. */
  responseSchema(path: string, method: string, status: number, type?: string): unknown;
  /** The schema of an operation's documented response status (or `default`), or throws when undocumented. */
  documented(path: string, method: string, status: number): Json;
}

/** Compiles every component schema of `doc` with ajv 2020 in strict mode. @throws on any schema problem. */
export function specValidator(doc: Json): SpecValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: false, validateFormats: true });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule;
  (addFormats as unknown as (a: Ajv2020, f: readonly string[]) => void)(
    ajv,
    STANDARD_FORMATS.filter((f) => !["idn-email", "idn-hostname", "iri", "iri-reference"].includes(f)),
  );
  const components = ((doc.components as Json).schemas ?? {}) as Json;
  ajv.addSchema({ $id: ID, $defs: rewriteRefs(components) });
  for (const name of Object.keys(components)) ajv.getSchema(`${ID}#/$defs/${name}`);
  const cache = new Map<string, ValidateFunction>();
  const compile = (schema: unknown) => {
    const key = JSON.stringify(schema);
    let fn = cache.get(key);
    if (!fn) {
      fn = ajv.compile(rewriteRefs(schema) as Json);
      cache.set(key, fn);
    }
    return fn;
  };
  const operation = (path: string, method: string) => {
    const op = ((doc.paths as Record<string, Json>)[path]?.[method]) as Json | undefined;
    if (!op) throw new Error(`the spec has no ${method.toUpperCase()} ${path}`);
    return op;
  };
  const documented = (path: string, method: string, status: number) => {
    const responses = operation(path, method).responses as Record<string, Json>;
    const r = responses[String(status)] ?? responses.default;
    if (!r) throw new Error(`${method.toUpperCase()} ${path} does not document ${status}`);
    return r;
  };
  return {
    check(schema, value) {
      const fn = compile(schema);
      return fn(value) ? [] : (fn.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message}`);
    },
    documented,
    responseSchema(path, method, status, type = "application/json") {
      const content = documented(path, method, status).content as Record<string, Json> | undefined;
      return content?.[type]?.schema;
    },
  };
}
