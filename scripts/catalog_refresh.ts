/**
 * `deno task catalog:refresh`: refreshes the embedded catalog (`catalog/catalog.json`, its `provenance.json` and the packed form starmap embeds) from the live sources
 * (models.dev, every provider API with a key in the environment, LiteLLM) through the sync pipeline, and writes the
 * human-readable changeset for a pull request body. The scheduled workflow runs exactly this.
 *
 * Usage: `deno run -A scripts/catalog_refresh.ts [--require-all] [--notes <file>] [--catalog <file>]`
 *
 * Exit 0 with or without changes (the notes file and `$GITHUB_OUTPUT` say which); a failed source fails the run
 * only with `--require-all` (exit 5).
 *
 * @module
 */
import { appendFile, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PROVENANCE_FILE } from "../src/reconcile/_provenance.ts";
import { serializeProvenance } from "../src/reconcile/_provenance_file.ts";
import { Catalog } from "../src/catalog/_catalog.ts";
import { parseCatalogData } from "../src/catalog/_validate.ts";
import { renderChangeset, renderSourceReports, summaryLine } from "../src/cli/views/_changeset.ts";
import { isStarmapError } from "../src/errors.ts";
import { atomicWrite } from "../src/fs/_atomic_write.ts";
import { packCatalog } from "../src/catalog/_packed.ts";
import { buildSources, resolveSourceSettings } from "../src/sources/_source_list.ts";
import { sync } from "../src/sync/_pipeline.ts";
import { serializeCatalog } from "../src/sync/_store.ts";

const env = (name: string) => Deno.env.get(name);

function arg(name: string): string | undefined {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

/** Runs the refresh; returns the exit code. */
async function main(): Promise<number> {
  const file = arg("--catalog") ?? fileURLToPath(new URL("../catalog/catalog.json", import.meta.url));
  const catalog = Catalog.from(parseCatalogData(JSON.parse(await readFile(file, "utf8")), file));
  const settings = resolveSourceSettings({ env, config: {}, catalogDir: undefined });
  const sources = buildSources({
    ...settings,
    providers: catalog.providers,
    ids: ["models.dev", "providers", "litellm"],
  });
  const result = await sync({
    sources,
    baseline: catalog,
    persist: false,
    requireAll: Deno.args.includes("--require-all"),
  });
  const reports = renderSourceReports(result.sources);
  const changed = result.status !== "no_changes";
  if (changed) {
    await atomicWrite(file, serializeCatalog(result.data));
    // The embedded catalog ships with its provenance: the two move on together.
    await atomicWrite(join(dirname(file), PROVENANCE_FILE), serializeProvenance(result.provenance));
    // starmap embeds the packed form: it moves with them too, or the binary would ship the old catalog.
    await atomicWrite(join(dirname(file), "catalog.packed.jsonl"), packCatalog(result.data));
  }
  const body = changed
    ? `Automated refresh of the embedded catalog.\n\n**${summaryLine(result.changeset)}**\n\n` +
      "```diff\n" + renderChangeset(result.changeset, { color: false }) + "```\n\n" +
      `Sources:\n\n${reports.replace(/^/gm, "- ").trimEnd()}\n`
    : "";
  const notes = arg("--notes");
  if (notes) await atomicWrite(notes, body);
  const output = env("GITHUB_OUTPUT");
  if (output) await appendFile(output, `changed=${changed}\n`);
  // deno-lint-ignore no-console
  console.error(`${reports}${changed ? summaryLine(result.changeset) : "no changes"}`);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (error) {
    // deno-lint-ignore no-console
    console.error(`catalog refresh failed: ${(error as Error).message}`);
    Deno.exit(isStarmapError(error, "network") ? 5 : 1);
  }
}
