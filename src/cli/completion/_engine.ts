/**
 * The answers of `starmap __complete`: what may come next on a command line, from the command tree (commands,
 * flags, choices) and the embedded catalog (model, provider and author ids), so the shell scripts stay thin
 * and never drift from the commands.
 *
 * @module
 */
import type { CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import {
  CAPABILITIES,
  MODALITIES,
  MODEL_SORT_KEYS,
  MODEL_STATUSES,
  OPERATIONS,
  REQUEST_PARAMS,
} from "../../words/mod.ts";

/** One completion: the value and a short description (shown by zsh, fish and PowerShell). */
export interface Candidate {
  /** What the shell inserts. */
  value: string;
  /** What the menu shows beside it. */
  description?: string;
}

/** The ids of the catalog and the field names that values complete from. */
export interface Ids {
  /** `provider/model` keys. */
  models(): readonly Candidate[];
  /** Provider ids. */
  providers(): readonly Candidate[];
  /** Author ids. */
  authors(): readonly Candidate[];
  /** The machine names of the list views' columns (`--fields`). */
  fields(): readonly Candidate[];
}

/** Values of options and arguments named like these, beyond the choices commander knows. */
const WORDS: Record<string, readonly string[]> = {
  sort: MODEL_SORT_KEYS,
  capability: CAPABILITIES,
  inputModality: MODALITIES,
  outputModality: MODALITIES,
  status: MODEL_STATUSES,
  param: REQUEST_PARAMS,
  operation: OPERATIONS,
};

function words(list: readonly string[]): Candidate[] {
  return list.map((value) => ({ value }));
}

/** Every option a command accepts: its own and its ancestors' (the global flags). */
function optionsOf(cmd: CommandUnknownOpts): Option[] {
  const all: Option[] = [];
  for (let c: CommandUnknownOpts | null = cmd; c; c = c.parent) all.push(...c.options);
  return all;
}

function findOption(cmd: CommandUnknownOpts, flag: string): Option | undefined {
  return optionsOf(cmd).find((o) => o.long === flag || o.short === flag);
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

/** The values an option or argument of this name takes. */
function valuesFor(name: string, choices: readonly string[] | undefined, ids: Ids): readonly Candidate[] {
  if (choices?.length) return words(choices);
  if (name === "provider") return ids.providers();
  if (name === "author") return ids.authors();
  if (name === "model") return ids.models();
  if (name === "fields") return ids.fields();
  return words(WORDS[name] ?? []);
}

function optionValues(option: Option, ids: Ids): readonly Candidate[] {
  return valuesFor(option.attributeName(), option.argChoices, ids);
}

/** Comma-separated lists (`--fields a,b`, `-p openai,groq`) complete their last item. */
function afterComma(option: Option, cur: string, all: readonly Candidate[]): Candidate[] {
  const comma = cur.lastIndexOf(",");
  if (comma < 0 || !/comma-separated|--fields/.test(`${option.description} ${option.long}`)) {
    return all.filter((c) => c.value.startsWith(cur));
  }
  const head = cur.slice(0, comma + 1);
  const tail = cur.slice(comma + 1);
  return all.filter((c) => c.value.startsWith(tail)).map((c) => ({ ...c, value: `${head}${c.value}` }));
}

function flagCandidates(cmd: CommandUnknownOpts, cur: string): Candidate[] {
  const out: Candidate[] = [];
  for (const o of optionsOf(cmd)) {
    if (o.hidden) continue;
    for (const flag of [o.long, o.short]) {
      if (flag?.startsWith(cur)) out.push({ value: flag, description: o.description });
    }
  }
  if ("--help".startsWith(cur)) out.push({ value: "--help", description: "show help" });
  return out;
}

interface Position {
  cmd: CommandUnknownOpts;
  pending: Option | undefined;
  operands: number;
}

/** Walks the words before the current one: which command they reach, and what the next word fills. */
function walk(root: CommandUnknownOpts, before: readonly string[]): Position {
  let cmd = root;
  let pending: Option | undefined;
  let operands = 0;
  for (const w of before) {
    if (pending) {
      pending = undefined;
      continue;
    }
    if (w.startsWith("-") && w !== "-") {
      const option = w.includes("=") ? undefined : findOption(cmd, w);
      if (option && takesValue(option)) pending = option;
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (sub && operands === 0) cmd = sub;
    else operands++;
  }
  return { cmd, pending, operands };
}

/**
 * The candidates for the last of `words` (the words after the program name; the last is the one being
 * completed, possibly empty).
 */
export function complete(root: CommandUnknownOpts, words: readonly string[], ids: Ids): Candidate[] {
  const cur = (words.at(-1) ?? "").trim();
  const { cmd, pending, operands } = walk(root, words.slice(0, -1));
  if (pending) return afterComma(pending, cur, optionValues(pending, ids));
  const eq = /^(--[^=]+)=(.*)$/.exec(cur);
  if (eq) {
    const option = findOption(cmd, eq[1]!);
    if (!option) return [];
    return afterComma(option, eq[2]!, optionValues(option, ids)).map((c) => ({
      ...c,
      value: `${eq[1]}=${c.value}`,
    }));
  }
  if (cur.startsWith("-")) return flagCandidates(cmd, cur);
  const out: Candidate[] = [];
  if (operands === 0) {
    for (const c of cmd.commands) {
      if (c.name().startsWith(cur)) {
        out.push({ value: c.name(), description: c.description() });
      }
    }
  }
  const arg = cmd.registeredArguments[Math.min(operands, cmd.registeredArguments.length - 1)];
  if (arg && (operands < cmd.registeredArguments.length || arg.variadic)) {
    out.push(...valuesFor(arg.name(), arg.argChoices, ids).filter((c) => c.value.startsWith(cur)));
  }
  return out;
}
