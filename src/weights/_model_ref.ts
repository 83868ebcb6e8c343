/**
 * Parsing `group/model` references.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { checkName } from "./_safe_path.ts";

/** Splits a `group/model` the user gave. @throws {StarmapError} `invalid` for another shape or unsafe names. */
export function parseModelRef(ref: string): { group: string; model: string } {
  const parts = ref.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new StarmapError("invalid", `"${ref}" is not a model reference`, {
      hint: "write it as group/model",
    });
  }
  return { group: checkName(parts[0], "group", "invalid"), model: checkName(parts[1], "model", "invalid") };
}
