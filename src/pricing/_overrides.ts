/**
 * The pricing override file: YAML whose top-level keys are `provider/model` and whose values use the field names
 * of the catalog's {@link Pricing} (USD per 1M tokens):
 *
 * ```yaml
 * openai/gpt-4o:            # overrides the catalog's prices field by field
 *   input: 2.0
 *   output: 8
 * mycorp/internal-llm:      # adds a model the catalog does not know
 *   input: 0.1
 *   output: 0.2
 *   tiers:
 *     - { size: 200000, input: 0.2, output: 0.4 }
 * ```
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { ModelId, Pricing, Slug } from "../catalog/mod.ts";
import type * as Types from "../catalog/types.gen.ts";
import { fieldPath } from "../words/mod.ts";
import { StarmapError } from "../errors.ts";

/** Prices set by an override file, by `provider/model` key. */
export type PricingOverrides = ReadonlyMap<string, Types.Pricing>;

type Doc = ReturnType<typeof parseDocument>;

/** The `:line:col` of the deepest key (or item) of a path that the document has, or "" when none. */
function position(doc: Doc, lines: LineCounter, path: readonly PropertyKey[]): string {
  let node: unknown = doc.contents;
  let at: [number, number, number] | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      at = (pair.key as { range?: [number, number, number] }).range ?? at;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
      node = node.items[segment];
      at = (node as { range?: [number, number, number] }).range ?? at;
    } else break;
  }
  if (!at) return "";
  const { line, col } = lines.linePos(at[0]);
  return `:${line}:${col}`;
}

function invalid(file: string, where: string, key: string | undefined, message: string): StarmapError {
  const subject = key === undefined ? "" : ` key "${key}":`;
  return new StarmapError("invalid", `invalid pricing file ${file}${where}:${subject} ${message}`, {
    setting: "pricing.file",
    resource: file,
    hint: "fix the file, or name another one",
  });
}

function checkKey(key: string): string | undefined {
  const slash = key.indexOf("/");
  if (slash <= 0) return `expected a provider/model key`;
  if (!Slug.safeParse(key.slice(0, slash)).success) {
    return `provider "${key.slice(0, slash)}" is not a lowercase id`;
  }
  if (!ModelId.safeParse(key.slice(slash + 1)).success) {
    return `model id "${key.slice(slash + 1)}" is not valid`;
  }
  return undefined;
}

/**
 * Parses the text of a pricing override file. Errors name the file, the line, the key and the field.
 *
 * @throws {StarmapError} `invalid`.
 */
export function parsePricingOverrides(text: string, file: string): PricingOverrides {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const message = syntax.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw invalid(file, pos ? `:${pos.line}:${pos.col}` : "", undefined, message);
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(file, "", undefined, "expected a map of provider/model keys to prices");
  }
  const out = new Map<string, Pricing>();
  for (const [key, prices] of Object.entries(value)) {
    const badKey = checkKey(key);
    if (badKey) throw invalid(file, position(doc, lines, [key]), key, badKey);
    const result = Pricing.safeParse(prices ?? {});
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : fieldPath(issue.path);
      const message = issue.code === "unrecognized_keys"
        ? `unknown field (expected ${Object.keys(Pricing.shape).join(", ")})`
        : issue.message;
      const at = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
      throw invalid(file, position(doc, lines, [key, ...at]), key, `field ${field}: ${message}`);
    }
    out.set(key, result.data);
  }
  return out;
}

/**
 * Reads and parses a pricing override file.
 *
 * @throws {StarmapError} `invalid` for bad content or a missing file, `storage` when it cannot be read.
 */
export async function loadPricingOverrides(file: string): Promise<PricingOverrides> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") {
      throw new StarmapError("invalid", `pricing file ${file} does not exist`, {
        cause: error,
        setting: "pricing.file",
        resource: file,
        hint: "check the pricing file's path",
      });
    }
    throw new StarmapError("storage", `cannot read pricing file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parsePricingOverrides(text, file);
}
