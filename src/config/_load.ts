/**
 * Reads and validates the YAML configuration file.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { StarmapError } from "../errors.ts";
import { fieldPath } from "../words/mod.ts";
import { Config } from "./_schema.ts";

/**
 * Parses configuration text. Errors name the file, the line for YAML syntax and the key path for schema problems.
 *
 * @throws {StarmapError} `invalid`.
 */
export function parseConfig(text: string, file: string): Config {
  const doc = parseDocument(text, { prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0];
    const where = line ? `${file}:${line.line}:${line.col}` : file;
    throw new StarmapError(
      "invalid",
      `cannot parse config ${where}: ${
        syntax.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")
      }`,
    );
  }
  const value = doc.toJS() ?? {};
  const result = Config.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${fieldPath(i.path)}: ${i.message}`);
  throw new StarmapError("invalid", `invalid config ${file}:\n${lines.join("\n")}`, {
    code: "config_invalid",
    resource: file,
    hint: "fix the keys above, or use another config file",
  });
}

/**
 * Reads a configuration file. A missing file gives an empty config when `optional`.
 *
 * @throws {StarmapError} `invalid` for bad content, `not_found` for a required file that does not exist,
 * `storage` when it cannot be read.
 */
export async function loadConfig(file: string, optional: boolean): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" && optional) return {};
    if (code === "ENOENT") {
      throw new StarmapError("invalid", `config file ${file} does not exist`, { cause: error });
    }
    throw new StarmapError("storage", `cannot read config file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseConfig(text, file);
}
