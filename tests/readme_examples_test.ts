/**
 * Every README example that reads the catalog runs as written against the embedded catalog: exit 0 and output
 * on stdout. Examples that fetch, serve, write or pull have tests of their own against local servers.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ROOT, runCli } from "./helpers/cli.ts";

/** The commands whose examples need nothing but the embedded catalog. */
const OFFLINE = [
  "models list",
  "models show",
  "models compare",
  "models history",
  "providers list",
  "providers show",
  "authors list",
  "authors show",
  "validate",
  "version",
  "schema",
  "cost",
  "export pricing",
];

function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

async function readmeExamples(): Promise<string[][]> {
  const readme = await Deno.readTextFile(`${ROOT}README.md`);
  const blocks = [...readme.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  return blocks.flatMap((b) => b.split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line.startsWith("starmap ") && !/[[|\\>]/.test(line))
    .map((line) => words(line).slice(1))
    .filter((args) => OFFLINE.some((c) => args.join(" ").startsWith(c)) && !args.includes("--out"));
}

Deno.test("every README example that reads the catalog runs as written", async () => {
  const examples = await readmeExamples();
  assert.ok(examples.length >= 20, `only ${examples.length} examples found`);
  for (let i = 0; i < examples.length; i += 4) {
    await Promise.all(
      examples.slice(i, i + 4).map(async (args) => {
        const r = await runCli(args, { env: { NO_COLOR: "1", STARMAP_PAGER: "cat" } });
        assert.equal(r.code, 0, `starmap ${args.join(" ")}\n${r.stderr}`);
        const said = r.stdout.trim() || (args[0] === "validate" ? r.stderr.match(/^ok: .+/m)?.[0] : "");
        assert.ok(said, `starmap ${args.join(" ")} printed nothing`);
      }),
    );
  }
});
