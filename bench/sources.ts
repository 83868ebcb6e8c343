/**
 * How much of what LiteLLM and OpenRouter publish reaches the catalog.
 *
 * For each real capture in `tests/fixtures/sources/` it lists the distinct fields of the entries (OpenRouter's
 * nested objects as `pricing.image`, `top_provider.context_length`) and counts those that reach the translator's
 * output: a field reaches it when taking it out of every entry that carries it changes what is emitted for those
 * entries (offerings and link hints). LiteLLM entries count only for providers the embedded catalog knows, as in
 * a real sync. The baseline is the same script run on the translators before issue 13's work (commit c8075d3).
 *
 * Run: `deno run -A bench/sources.ts` (add `--list` to print the fields that do not reach the catalog).
 *
 * @module
 */
// deno-lint-ignore-file no-console
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { embeddedCatalogData } from "../src/catalog/_embedded.ts";
import { litellmProviderId, translateLiteLLM } from "../src/sources/_litellm.ts";
import { LITELLM_FIELDS_LEFT_OUT } from "../src/sources/_litellm_entry.ts";
import { PROTOCOLS } from "../src/sources/providers/_api.ts";
import { OPENROUTER_FIELDS_LEFT_OUT } from "../src/sources/providers/_openrouter.ts";
import { fieldsOf, reachingFields } from "../tests/helpers/field_reach.ts";

type Entry = Record<string, unknown>;

/** Figures of the same script at commit c8075d3, before the translators kept everything. */
const BASELINE = {
  litellm: { fields: 140, reaching: 39 },
  openrouter: { fields: 35, reaching: 23 },
  litellmEveryProvider: { fields: 140, reaching: 40 },
};

const root = fileURLToPath(new URL("..", import.meta.url));
const load = async (path: string) =>
  JSON.parse(await readFile(join(root, "tests/fixtures/sources", path), "utf8"));

function litellm(map: Record<string, Entry>, providerIds: readonly string[]) {
  const entries = Object.fromEntries(Object.entries(map).filter(([k]) => k !== "sample_spec"));
  const fields = fieldsOf(Object.values(entries));
  const reaching = reachingFields(
    entries,
    fields,
    (subset) => translateLiteLLM(subset, providerIds).offerings,
  );
  return { fields, reaching };
}

function openrouter(list: Entry[]): Reach {
  const entries = Object.fromEntries(list.map((e, i) => [String(i), e]));
  const fields = fieldsOf(list, 2);
  const protocol = PROTOCOLS.openrouter;
  const reaching = reachingFields(entries, fields, (subset) => {
    const pages = [{ data: Object.values(subset) }];
    return [protocol.translate("openrouter", pages).offerings, protocol.hints?.("openrouter", pages)];
  });
  return { fields, reaching };
}

interface Reach {
  fields: Set<string>;
  reaching: Set<string>;
}

function row(name: string, now: Reach, before: typeof BASELINE.litellm) {
  const share = (n: number, d: number) => `${n}/${d} (${((100 * n) / d).toFixed(1)}%)`;
  console.log(
    `${name.padEnd(11)} before ${share(before.reaching, before.fields).padEnd(16)} after ${
      share(now.reaching.size, now.fields.size)
    }`,
  );
  const rest = [...now.fields].filter((f) => !now.reaching.has(f)).sort();
  const leftOut = name === "litellm" ? LITELLM_FIELDS_LEFT_OUT : OPENROUTER_FIELDS_LEFT_OUT;
  const reasoned = rest.filter((f) => f in leftOut || f.split(".")[0]! in leftOut);
  const silent = rest.filter((f) => !reasoned.includes(f));
  console.log(
    `${
      "".padEnd(11)
    } of the rest: ${reasoned.length} left out with a stated reason, ${silent.length} read but ` +
      "never carrying a value the catalog takes (null, zero or false in every entry, or said by another field)",
  );
  if (Deno.args.includes("--list")) {
    console.log(`  left out: ${reasoned.join(", ")}`);
    console.log(`  read, silent in this capture: ${silent.join(", ")}`);
  }
}

const map: Record<string, Entry> = await load("litellm/model_prices_and_context_window.json");
const lite = litellm(map, embeddedCatalogData().providers.map((p) => p.id));
const everyProvider = Object.values(map).map((e) => litellmProviderId(String(e.litellm_provider)));
const liteAll = litellm(map, everyProvider);
const or = openrouter((await load("openrouter/models.json")).data);
console.log("fields of the real captures that reach the catalog (distinct keys of the entries)");
row("litellm", lite, BASELINE.litellm);
row("openrouter", or, BASELINE.openrouter);
console.log("with every LiteLLM provider mapped (what the translator can keep, whatever the catalog lists)");
row("litellm", liteAll, BASELINE.litellmEveryProvider);
