/**
 * Parsing `group/model` references.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { checkName } from "./_safe_path.ts";

/** Splits `group/model`. @throws {StarmapError} `invalid` for another shape, `verification` for unsafe names. */
export function parseModelRef(ref: string): { group: string; model: string } {
  const parts = ref.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new StarmapError("invalid", `"${ref}" is not a model reference`, {
      hint: "write it as group/model",
    });
  }
  return { group: checkName(parts[0], "group"), model: checkName(parts[1], "model") };
}
