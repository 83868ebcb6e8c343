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

/** The selections a partial install records (none: it holds every file). */
export interface RecordedSelections extends FileSelection {
  /** Two or more selections whose files together make the install (then `include`/`exclude` are unused). */
  selections?: readonly FileSelection[] | undefined;
}

/** A selection's globs sorted and without repeats, so that equal selections compare equal. */
function canonical(selection: FileSelection): FileSelection {
  const norm = (list: readonly string[] | undefined) => [...new Set(list ?? [])].sort();
  const include = norm(selection.include);
  const exclude = norm(selection.exclude);
  return { ...(include.length ? { include } : {}), ...(exclude.length ? { exclude } : {}) };
}

function sameSelection(a: FileSelection, b: FileSelection): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** The selections an install holds; an empty list means every file. */
export function selectionsOf(recorded: RecordedSelections | undefined): FileSelection[] {
  if (!recorded) return [];
  if (recorded.selections?.length) return recorded.selections.map(canonical);
  return selectsAll(recorded) ? [] : [canonical(recorded)];
}

/** Whether an install of `held` (empty: every file) already holds what `selection` asks for. */
export function holds(held: readonly FileSelection[], selection: FileSelection): boolean {
  return held.length === 0 || held.some((h) => sameSelection(h, selection));
}

/** `held` with `selection` added (empty, every file, when either takes every file). */
export function addSelection(held: readonly FileSelection[], selection: FileSelection): FileSelection[] {
  if (held.length === 0 || selectsAll(selection)) return [];
  return holds(held, selection) ? [...held] : [...held, canonical(selection)];
}

/** How an install records `held`: one selection as `include`/`exclude`, several as `selections`. */
export function recordSelections(held: readonly FileSelection[]): RecordedSelections {
  if (held.length === 0) return {};
  if (held.length === 1) return canonical(held[0]!) as RecordedSelections;
  return { selections: held.map((h) => canonical(h)) };
}

/** A predicate taking the files any of `held` takes (every file when `held` is empty). */
export function unionSelector(held: readonly FileSelection[]): (path: string) => boolean {
  if (held.length === 0) return () => true;
  const each = held.map((h) => selector(h));
  return (path) => each.some((take) => take(path));
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
