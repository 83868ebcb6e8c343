/**
 * Reading `provenance.json` text record by record. Parsing the whole document first builds its on-disk form (an
 * array per entry, some 25 MB for the shipped catalog) and keeps it until every record is decoded, a peak the
 * decoded document (a third of it) never needs. Here the text is scanned for the span of each top-level member
 * and of each offering's and model's record, and each record is parsed and decoded on its own, so its on-disk form
 * dies young. A document this reader does not expect (another version, the source table after the records, text
 * that is not JSON) is read by `JSON.parse` and {@link readProvenance} as before, with the same errors.
 *
 * @module
 */
import { decodeFields, type ProvenanceFile, readProvenance, sourceRuns } from "./_provenance_file.ts";
import { EntryPool, type Provenance } from "./_provenance.ts";

/** Thrown inside the scanner when the text is not what it expects; the caller then parses the text whole. */
class Unexpected extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** The index after the string that opens at `i`. */
function stringEnd(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) throw new Unexpected();
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** The index after the JSON value that starts at `i`. */
function valueEnd(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === QUOTE) return stringEnd(text, i);
  if (first !== 123 && first !== 91) {
    // A number or a literal: up to the next delimiter.
    let j = i;
    for (;;) {
      const c = text.charCodeAt(j);
      if (
        c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9 || j >= text.length
      ) {
        if (j === i) throw new Unexpected();
        return j;
      }
      j++;
    }
  }
  let depth = 0;
  for (let j = i; j < text.length;) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      j = stringEnd(text, j);
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new Unexpected();
}

/** Calls `visit` with the key and the value's span of each member of the object that opens at `i`. */
function eachMember(
  text: string,
  i: number,
  visit: (key: string, start: number, end: number) => void,
): number {
  if (text.charCodeAt(i) !== 123) throw new Unexpected();
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 125) return i + 1;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) throw new Unexpected();
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== 58) throw new Unexpected();
    const start = skipSpace(text, i + 1);
    const end = valueEnd(text, start);
    visit(key, start, end);
    i = skipSpace(text, end);
    const c = text.charCodeAt(i);
    if (c === 125) return i + 1;
    if (c !== 44) throw new Unexpected();
    i = skipSpace(text, i + 1);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The streamed read of a version 3 document whose source table comes before its records. */
function readRecords(text: string): Provenance {
  // Members are own data, as `JSON.parse` makes them (a `__proto__` member must not become the prototype).
  const head: Record<string, unknown> = Object.create(null);
  const sections: Record<string, Provenance["models"]> = {};
  const pool = new EntryPool();
  let table: ReturnType<typeof sourceRuns> | undefined;
  const end = eachMember(text, skipSpace(text, 0), (key, start, stop) => {
    if (key !== "offerings" && key !== "models") {
      head[key] = JSON.parse(text.slice(start, stop));
      if (key === "version" && head[key] !== 3) throw new Unexpected();
      if (key === "sources") {
        if (!Array.isArray(head[key])) throw new Unexpected();
        table = sourceRuns(head[key] as ProvenanceFile["sources"]);
      }
      return;
    }
    if (!table || head["version"] !== 3) throw new Unexpected();
    const records: Provenance["models"] = {};
    eachMember(text, start, (id, from, to) => {
      const fields = JSON.parse(text.slice(from, to));
      if (!isObject(fields)) throw new Unexpected();
      records[id] = decodeFields(id, fields as Parameters<typeof decodeFields>[1], table!, pool);
    });
    sections[key] = records;
  });
  if (skipSpace(text, end) !== text.length) throw new Unexpected();
  if (!isObject(head["complete"]) || !sections["models"] || typeof head["updatedAt"] !== "string") {
    throw new Unexpected();
  }
  return {
    version: 1,
    updatedAt: head["updatedAt"],
    complete: head["complete"] as Provenance["complete"],
    offerings: sections["offerings"] ?? {},
    models: sections["models"],
    links: (isObject(head["links"]) ? head["links"] : {}) as Provenance["links"],
  };
}

/**
 * Reads `provenance.json` text record by record, or `undefined` when it is not a version 3 document laid out as
 * starmap writes it (any spacing and member order, with the source table before the records).
 *
 * @throws {StarmapError} `invalid` when an entry is malformed.
 */
export function readProvenanceRecords(text: string): Provenance | undefined {
  try {
    return readRecords(text);
  } catch (error) {
    if (error instanceof Unexpected || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Reads `provenance.json` text of any version as {@link readProvenance} reads its parsed content, or `undefined`
 * when it is not a provenance document.
 *
 * @throws {SyntaxError} when the text is not JSON.
 * @throws {StarmapError} `invalid` when an entry is malformed.
 */
export function parseProvenanceText(text: string): Provenance | undefined {
  return readProvenanceRecords(text) ?? readProvenance(JSON.parse(text));
}
