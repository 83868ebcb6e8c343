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

Deno.test("the docs of every JSR export pass deno doc --lint", async () => {
  const { code, out } = await deno("doc", "--lint", "main.ts", "src/mod.ts");
  assert.equal(code, 0, out);
});

Deno.test("the public API shows starmap's own types, not zod's", async () => {
  const { code, out } = await deno("doc", "--json", "src/mod.ts");
  assert.equal(code, 0, out);
  type Symbol = { name: string; declarations: { kind: string }[] };
  const doc = JSON.parse(out) as { nodes: Record<string, { symbols: Symbol[] }> };
  const symbols = Object.values(doc.nodes).flatMap((n) => n.symbols);
  const kinds = new Map(symbols.map((s) => [s.name, s.declarations[0]?.kind]));
  for (
    const name of ["Model", "Provider", "Pricing", "CatalogData", "ModelFilter", "CostRequest", "Changeset"]
  ) {
    assert.equal(kinds.get(name), "typeAlias", name);
  }
  for (const name of ["Catalog", "Starmap", "WeightsManager", "PricingRegistry", "CostCalculator"]) {
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
