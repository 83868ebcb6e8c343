import assert from "node:assert/strict";
import { ROOT } from "./helpers/cli.ts";

async function deno(...args: string[]): Promise<{ code: number; out: string }> {
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: result.code, out: text.decode(result.stdout) + text.decode(result.stderr) };
}

const config = JSON.parse(await Deno.readTextFile(`${ROOT}/deno.json`)) as {
  exports: Record<string, string>;
};
const entries = Object.values(config.exports);

type Symbol = { name: string; declarations: { kind: string }[] };

async function publicSymbols(...files: string[]): Promise<{ out: string; symbols: Symbol[] }> {
  const { code, out } = await deno("doc", "--json", ...files);
  assert.equal(code, 0, out);
  const doc = JSON.parse(out) as { nodes: Record<string, { symbols: Symbol[] }> };
  return { out, symbols: Object.values(doc.nodes).flatMap((n) => n.symbols) };
}

Deno.test("the docs of every JSR export pass deno doc --lint", async () => {
  const { code, out } = await deno("doc", "--lint", ...entries);
  assert.equal(code, 0, out);
});

Deno.test("the root export is the small set a user touches; subpaths hold the rest, each surface once", async () => {
  assert.deepEqual(Object.keys(config.exports).sort(), [
    ".",
    "./catalog",
    "./pricing",
    "./reconcile",
    "./server",
    "./sources",
    "./sync",
    "./weights",
  ]);
  const root = await publicSymbols("main.ts");
  assert.ok(root.symbols.length <= 45, `${root.symbols.length} root symbols`);
  assert.ok(new Set(entries).size === entries.length, "no entry is published twice");
});

Deno.test("the public API shows starmap's own types, not zod's", async () => {
  const { out, symbols } = await publicSymbols(...entries);
  const kinds = new Map<string, string>();
  for (const symbol of symbols) {
    const kind = symbol.declarations.find((d) => d.kind !== "reference")?.kind;
    if (kind) kinds.set(symbol.name, kind);
  }
  for (
    const name of ["Model", "Provider", "Pricing", "CatalogData", "ModelFilter", "CostRequest", "Changeset"]
  ) {
    assert.equal(kinds.get(name), "typeAlias", name);
  }
  for (const name of ["Catalog", "Starmap", "WeightsManager", "PriceBook", "CostCalculator"]) {
    assert.equal(kinds.get(name), "class", name);
  }
  assert.equal(kinds.get("parseCatalogData"), "function");
  assert.doesNotMatch(out, /Zod[A-Z]\w*|z\.(infer|output|input)</, "no zod type is named in the public API");
});

Deno.test("deno publish --dry-run passes", async () => {
  const { code, out } = await deno("publish", "--dry-run", "--allow-dirty");
  assert.equal(code, 0, out);
  assert.match(out, /Success Dry run complete/);
  assert.doesNotMatch(out, /warning/i, "a clean dry run");
  // The package embeds the packed catalog; catalog.json (what it is packed from) and the scripts stay home.
  assert.match(out, /catalog\/catalog\.packed\.jsonl/);
  assert.doesNotMatch(out, /catalog\/catalog\.json|scripts\//);
});
