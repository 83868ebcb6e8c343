import assert from "node:assert/strict";
import { ROOT } from "./helpers/cli.ts";

interface GraphModule {
  specifier: string;
  dependencies?: { isDynamic?: boolean; code?: { specifier?: string } }[];
}

/** The modules `entry` loads before anything runs: its static imports, transitively (dynamic ones left out). */
async function staticGraph(entry: string): Promise<Set<string>> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    roots: string[];
    modules: GraphModule[];
  };
  const byName = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const stack = [...info.roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const dep of byName.get(name)?.dependencies ?? []) {
      if (!dep.isDynamic && dep.code?.specifier) stack.push(dep.code.specifier);
    }
  }
  return new Set([...seen].map((s) => s.replace(`file://${ROOT}`, "")));
}

Deno.test("starting the CLI loads the command definitions only, not what the commands do", async () => {
  const graph = await staticGraph("src/cli/_main.ts");
  assert.ok(graph.has("src/cli/commands/_weights.ts"), "every definition is loaded");
  assert.ok(graph.has("src/cli/commands/_serve.ts"));
  const heavy = [...graph].filter((m) =>
    /^src\/(server|weights|sync|sources|pricing|reconcile|config)\//.test(m) ||
    /_actions\.ts$/.test(m) || /^catalog\//.test(m) ||
    /^src\/catalog\/(schema|filter|catalog)\.ts$/.test(m) ||
    (m.startsWith("npm:") && !/^npm:(commander|@commander-js\/extra-typings)@/.test(m))
  );
  assert.deepEqual(heavy, []);
});

Deno.test("loading the catalog (models list, serve) does not load the embedded provenance", async () => {
  for (const entry of ["src/catalog/_store.ts", "src/client.ts", "src/cli/commands/_models_actions.ts"]) {
    const graph = await staticGraph(entry);
    assert.ok(graph.has("catalog/catalog.packed.jsonl") || entry !== "src/catalog/_store.ts", entry);
    const provenance = [...graph].filter((m) => /provenance\.json$|provenance_text\.ts$/.test(m));
    assert.deepEqual(provenance, [], entry);
  }
});
