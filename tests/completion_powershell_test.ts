/**
 * The PowerShell completion script, checked without PowerShell: no PowerShell can be installed on the machines
 * this project is built on (Debian has no package, and the npm `pwsh` package downloads it from outside at
 * install time), so no test presses Tab in it. What can be checked is checked: the script parses with
 * tree-sitter's PowerShell grammar (a third-party grammar, not PowerShell's own parser) without an error, the
 * grammar does reject a broken script, and the script calls the completion answers the other shells use.
 */
import assert from "node:assert/strict";
import { Language, type Node, Parser } from "web-tree-sitter";
import { runCli } from "./helpers/cli.ts";
// Puts the grammar's package in the module graph, so that its files are installed (its native build is not run).
import grammar from "tree-sitter-powershell/package.json" with { type: "json" };

async function powershellParser(): Promise<Parser> {
  await Parser.init();
  const wasm = new URL(import.meta.resolve(`${grammar.name}/tree-sitter-powershell.wasm`));
  const parser = new Parser();
  parser.setLanguage(await Language.load(await Deno.readFile(wasm)));
  return parser;
}

/** The grammar's complaints: error nodes and missing tokens, with where they are. */
function problems(parser: Parser, text: string): string[] {
  const tree = parser.parse(text);
  assert.ok(tree, "the parser gave a tree");
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.type === "ERROR" || n.isMissing) {
      out.push(
        `${n.type} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}: ${n.text.slice(0, 40)}`,
      );
    }
    for (const c of n.children) if (c) walk(c);
  };
  walk(tree.rootNode);
  return out;
}

Deno.test("the PowerShell completion script parses with tree-sitter's PowerShell grammar", async () => {
  const parser = await powershellParser();
  const r = await runCli(["completion", "powershell"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(problems(parser, r.stdout), []);
  assert.match(r.stdout, /Register-ArgumentCompleter -Native -CommandName starmap/);
  assert.match(r.stdout, /& starmap __complete powershell -- @words/);
  // The check can fail: the same script with its parameter list left open does not parse.
  const broken = r.stdout.replace(
    "param($wordToComplete, $commandAst, $cursorPosition)",
    "param($wordToComplete",
  );
  assert.notEqual(broken, r.stdout);
  assert.notDeepEqual(problems(parser, broken), []);
});

Deno.test("__complete answers PowerShell as it answers zsh: value, tab, description", async () => {
  const ps = await runCli(["__complete", "powershell", "--", "providers", "show", "anthro"]);
  const zsh = await runCli(["__complete", "zsh", "--", "providers", "show", "anthro"]);
  assert.equal(ps.code, 0, ps.stderr);
  assert.equal(ps.stdout, zsh.stdout);
  assert.match(ps.stdout, /^anthropic\tAnthropic$/m);
  // The script adds a blank word for the empty one being completed: it stands for the empty word.
  const blank = await runCli(["__complete", "powershell", "--", "models", "list", "--sort", " "]);
  assert.ok(blank.stdout.split("\n").includes("release_date"), blank.stdout);
});
