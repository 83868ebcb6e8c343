/**
 * File selection for partial pulls: `--include` and `--exclude` globs over manifest paths (`*` within a path
 * segment, `**` across segments, `?` one character, `{a,b}` alternatives).
 *
 * @module
 */

/** Turns a glob into an anchored regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "{") {
      const end = glob.indexOf("}", i);
      if (end < 0) out += "\\{";
      else {
        out += `(?:${glob.slice(i + 1, end).split(",").map(escape).join("|")})`;
        i = end;
      }
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, "\\$&");
}

/** Which files a pull takes. */
export interface FileSelection {
  /** Globs of files to take (all when empty). */
  include?: readonly string[] | undefined;
  /** Globs of files to leave out. */
  exclude?: readonly string[] | undefined;
}

/** Whether a selection takes every file. */
export function selectsAll(selection: FileSelection | undefined): boolean {
  return !selection?.include?.length && !selection?.exclude?.length;
}

/** A predicate over manifest paths for a selection; a glob without `/` also matches a file's base name. */
export function selector(selection: FileSelection | undefined): (path: string) => boolean {
  const compile = (globs: readonly string[] | undefined) =>
    (globs ?? []).map((g) => ({ re: globToRegExp(g), base: !g.includes("/") }));
  const include = compile(selection?.include);
  const exclude = compile(selection?.exclude);
  const hit = (list: typeof include, path: string) =>
    list.some(({ re, base }) => re.test(path) || (base && re.test(path.slice(path.lastIndexOf("/") + 1))));
  return (path) => (include.length === 0 || hit(include, path)) && !hit(exclude, path);
}
