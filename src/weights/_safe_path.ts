/**
 * Validation of names and paths that come from a registry or a user before they touch the file system:
 * no absolute paths under POSIX or Windows rules, no drive letters, UNC or backslashes, no `.`/`..` or empty
 * segments, no NUL or control characters, no names Windows would alter or reserve.
 *
 * @module
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { StarmapError } from "../errors.ts";

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Why a path segment is unsafe, or `undefined` when it is safe. */
export function segmentProblem(segment: string): string | undefined {
  if (segment === "") return "empty segment";
  if (segment === "." || segment === "..") return `"${segment}" segment`;
  // deno-lint-ignore no-control-regex -- rejecting control characters is the point
  if (/[\x00-\x1f\x7f]/.test(segment)) return "control character or NUL";
  if (segment.includes("\\")) return "backslash";
  if (segment.includes(":")) return "colon (drive letter or stream)";
  if (/[<>"|?*]/.test(segment)) return "character Windows forbids";
  if (/[. ]$/.test(segment)) return "trailing dot or space";
  if (RESERVED.test(segment)) return "reserved device name";
  return undefined;
}

/** Why a relative file path is unsafe, or `undefined` when it is safe. */
export function pathProblem(path: string): string | undefined {
  if (path === "") return "empty path";
  if (path.startsWith("/") || path.startsWith("\\")) return "absolute path";
  if (/^[A-Za-z]:/.test(path)) return "drive letter";
  if (path.length > 4096) return "path too long";
  for (const segment of path.split("/")) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Checks a manifest file path and resolves it inside `root`.
 *
 * @throws {StarmapError} `verification` when the path is unsafe or resolves outside `root`.
 */
export function safeJoin(root: string, path: string): string {
  const problem = pathProblem(path);
  const full = resolve(root, ...path.split("/"));
  const rel = relative(root, full);
  if (problem || rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) {
    throw new StarmapError(
      "verification",
      `unsafe path in manifest: ${JSON.stringify(path.slice(0, 200))} (${
        problem ?? "outside the model directory"
      })`,
      { hint: "the registry is corrupt or hostile; nothing was written" },
    );
  }
  return full;
}

/**
 * Why a group, model or version name is unsafe (it must be one path segment without a leading dot, which starmap
 * keeps for itself), or `undefined` when it is safe.
 */
export function nameProblem(name: string): string | undefined {
  return segmentProblem(name) ?? (name.includes("/") ? "slash" : undefined) ??
    (name.startsWith(".") ? "leading dot" : undefined) ?? (name.length > 255 ? "too long" : undefined);
}

/**
 * Checks a group, model or version name (see {@link nameProblem}). `kind` is `invalid` for a name the user typed
 * (a mistake in the input), `verification` for one a registry or a manifest gave.
 *
 * @throws {StarmapError} of that kind when the name is unsafe.
 */
export function checkName(
  name: string,
  what: string,
  kind: "invalid" | "verification" = "verification",
): string {
  const problem = nameProblem(name);
  if (problem) {
    throw new StarmapError(
      kind,
      `unsafe ${what} name ${JSON.stringify(name.slice(0, 100))}: ${problem}`,
      {
        hint: "names must be single path segments; nothing was written",
      },
    );
  }
  return name;
}
