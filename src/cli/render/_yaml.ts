/**
 * YAML that every reader loads as the same data: YAML 1.2 readers (yq, the `yaml` package) and YAML 1.1
 * readers (PyYAML) alike. A string that a 1.1 reader would turn into something else (`2025-01-01` a date,
 * `no`/`on`/`y` a boolean, `~`/`null` a null, `0o17`/`1_000`/`1:20` a number, `=` a value tag) is quoted.
 *
 * @module
 */
import { Document, isScalar, visit } from "yaml";

/** Strings quoted beyond what the serializer's YAML 1.1 schema already quotes: anything number- or word-like. */
const risky = /^(?:[-+.\d~=<:]|(?:y|n|yes|no|on|off|true|false|null)$)/i;

/** Serializes a value as YAML that YAML 1.1 and 1.2 readers load alike. */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { version: "1.1", aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && risky.test(node.value)) {
        node.type = "QUOTE_DOUBLE";
        // The serializer writes a merge key plain whatever the style; an explicit tag keeps it a string.
        if (node.value === "<<") node.tag = "tag:yaml.org,2002:str";
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}
