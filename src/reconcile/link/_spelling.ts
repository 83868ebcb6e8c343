/**
 * Provider-specific spellings of one model id: what to peel off a provider's id (paths, region and vendor prefixes,
 * version suffixes, tags, serving suffixes) and the comparison key under which spellings of one id meet.
 *
 * @module
 */
import { FLOATING_PINS, REGION_PREFIXES, ROUTING_SEGMENTS, SERVING_SUFFIXES } from "./_rules.ts";

const compactDate = /(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)/g;
const DASH = 45;
const V = 118;
const P = 112;
const PLUS = 43;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** Whether the character at `i` ends a word: after a letter or digit, before neither. */
function isWordEnd(s: string, i: number): boolean {
  const before = s.charCodeAt(i - 1);
  const after = s.charCodeAt(i + 1);
  return (isLetter(before) || isDigit(before)) && !(isLetter(after) || isDigit(after));
}

/**
 * The comparison key of an id or a name: lowercase, dates compacted, `.`/`_`/`p` between digits and every other
 * separator as `-`, a `+` ending a word as `-plus`, a `-` between a letter and a digit, and a `v` before a version
 * number dropped. Spellings of one id share it: `claude-3.5-sonnet` and `claude-3-5-sonnet`, `llama-v3p3-70b` and
 * `Llama-3.3-70B`, `Command R+` and `command-r-plus`.
 */
export function idKey(text: string): string {
  const cached = keys.get(text);
  if (cached !== undefined) return cached;
  if (keys.size >= KEY_CACHE) keys.clear();
  const key = computeKey(text);
  keys.set(text, key);
  return key;
}

// Spellings repeat across providers and runs; a bounded cache keeps the key of each once.
const KEY_CACHE = 50_000;
const keys = new Map<string, string>();

function computeKey(text: string): string {
  // One pass over the characters: this runs for every spelling of every offering, so no chain of regexes.
  let s = text.toLowerCase();
  if (s.includes("-")) s = s.replace(compactDate, "$1$2$3");
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      const last = out.charCodeAt(out.length - 1);
      const before = out.length >= 2 ? out.charCodeAt(out.length - 2) : DASH;
      if (last === V && before === DASH) out = out.slice(0, -1);
      else if (isLetter(last)) out += "-";
      else if (
        last === DASH && before === V && (out.length === 2 || out.charCodeAt(out.length - 3) === DASH)
      ) {
        out = out.slice(0, -2);
      }
      out += s[i];
    } else if (isLetter(c) && !(c === P && isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1)))) {
      out += s[i];
    } else if (c === PLUS && isWordEnd(s, i) && out.length > 0) {
      // `Command R+` is another model than `Command R`: a `+` ending a word is spelled `plus`.
      out += out.charCodeAt(out.length - 1) === DASH ? "plus" : "-plus";
    } else if (out.length > 0 && out.charCodeAt(out.length - 1) !== DASH) {
      out += "-";
    }
  }
  return out.charCodeAt(out.length - 1) === DASH ? out.slice(0, -1) : out;
}

/** A provider's model id taken apart. */
export interface Spelled {
  /** Organisation names met in path segments and vendor prefixes, lowercased (`meta-llama`, `anthropic`). */
  orgs: string[];
  /** The id as spelled, lowercased, with the last path segment only. */
  raw: string;
  /** The id without packaging: prefixes, version suffixes, floating pins, tags and serving suffixes. */
  core: string;
  /** A `:` tag that is not a serving tag (`30b` in `nemotron-3-nano:30b`). */
  tag?: string | undefined;
  /** The rules that peeled something off, in order. */
  rules: string[];
}

function pathSegments(id: string, spelled: Spelled): string {
  const segments = id.split("/");
  for (const [i, segment] of segments.slice(0, -1).entries()) {
    const name = segment.replace(/^@/, "").replace(/^[a-z]+:/, "");
    // `accounts/<account>/models/…`: the account is whoever hosts the model, not its author.
    if (name === "" || ROUTING_SEGMENTS.has(name) || segments[i - 1] === "accounts") continue;
    spelled.orgs.push(name);
  }
  if (segments.length > 1) spelled.rules.push("path-prefix");
  return segments[segments.length - 1]!.replace(/^[a-z]+:/, "");
}

/** `us.anthropic.claude-…`, `global.anthropic.…`, `amazon.nova-…`: a vendor (and region) before a dot. */
function vendorPrefix(bare: string, spelled: Spelled): string {
  const m = /^(?:([a-z]+(?:-[a-z]+)?)\.)?([a-z][a-z-]*)\.(?=[a-z])/.exec(bare);
  if (!m) return bare;
  if (m[1] !== undefined && !REGION_PREFIXES.has(m[1])) return bare;
  if (m[1] !== undefined) spelled.rules.push("region-prefix");
  spelled.orgs.push(m[2]!);
  spelled.rules.push("vendor-prefix");
  return bare.slice(m[0].length);
}

/** Whether a suffix only says how an offering is served. */
export function isServingSuffix(word: string): boolean {
  return SERVING_SUFFIXES.some((re) => re.test(word));
}

function suffixes(bare: string, spelled: Spelled): string {
  let s = bare;
  const version = /-v\d+(?::\d+)?$/.exec(s);
  if (version && version[0].includes(":")) {
    s = s.slice(0, version.index);
    spelled.rules.push("version-suffix");
  }
  const at = s.lastIndexOf("@");
  if (at > 0) {
    const pin = s.slice(at + 1);
    s = s.slice(0, at) + (/^\d{8}$/.test(pin) ? `-${pin}` : "");
    spelled.rules.push(FLOATING_PINS.has(pin) || /^\d{8}$/.test(pin) ? "at-pin" : "at-suffix");
  }
  const colon = s.indexOf(":");
  if (colon > 0) {
    const tag = s.slice(colon + 1);
    s = s.slice(0, colon);
    if (!tag.split(/[-:]/).every(isServingSuffix)) spelled.tag = tag;
    spelled.rules.push("tag");
  }
  return s;
}

/** Peels serving suffixes (`-fp8`, `-tee`, `-free`, `-6bit`) off the end, one after another. */
export function stripServing(core: string): { core: string; stripped: boolean } {
  let s = core;
  let stripped = false;
  for (;;) {
    const dash = s.lastIndexOf("-");
    if (dash <= 0 || !isServingSuffix(s.slice(dash + 1))) return { core: s, stripped };
    s = s.slice(0, dash);
    stripped = true;
  }
}

/** Takes a provider's model id apart (`us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5-20250929`). */
export function spell(id: string): Spelled {
  const spelled: Spelled = { orgs: [], raw: "", core: "", rules: [] };
  const lower = id.trim().toLowerCase();
  const bare = pathSegments(lower, spelled);
  spelled.raw = bare;
  const unprefixed = vendorPrefix(bare, spelled);
  const { core, stripped } = stripServing(suffixes(unprefixed, spelled));
  if (stripped) spelled.rules.push("serving-suffix");
  spelled.core = core;
  return spelled;
}

const strongDate = /-(20\d\d(?:-?\d\d){2})$/;
const weakDate = /-((?:0[1-9]|1[0-2])-?20\d\d|\d{4}|0\d\d)$/;

/**
 * A date or version pin at the end of an id (`-20250929`, `-2024-08-06`; with `weak`, also `-0528`, `-2507`,
 * `-08-2024` and the stable version numbers `-001`).
 */
export function datePin(core: string, weak: boolean): { base: string; date: string } | undefined {
  const m = strongDate.exec(core) ?? (weak ? weakDate.exec(core) : null);
  if (!m || m.index === 0) return undefined;
  return { base: core.slice(0, m.index), date: m[1]! };
}
