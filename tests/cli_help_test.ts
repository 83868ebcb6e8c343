/**
 * Golden tests of every `--help` text: each command's help, at 80 columns, is compared with its file in
 * `tests/golden/help/` (`models_list.txt`; the root is `starmap.txt`). After an intended change, regenerate
 * with `UPDATE_GOLDEN=1 deno test -A tests/cli_help_test.ts` and review the diff.
 */
import assert from "node:assert/strict";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { Context } from "../src/cli/_context.ts";
import { EXAMPLES } from "../src/cli/_help_examples.ts";
import { buildProgram, run } from "../src/cli/_program.ts";
import { ROOT } from "./helpers/cli.ts";
import { memoryIO } from "./helpers/memory_io.ts";

const dir = `${ROOT}tests/golden/help`;
const update = Deno.env.get("UPDATE_GOLDEN") === "1";

function paths(cmd: CommandUnknownOpts, prefix: string[] = []): string[][] {
  return [prefix, ...cmd.commands.flatMap((c) => paths(c, [...prefix, c.name()]))];
}

const all = paths(buildProgram(new Context(memoryIO())));

Deno.test("every command's --help matches its golden file", async () => {
  if (update) await Deno.mkdir(dir, { recursive: true });
  const expectedFiles = new Set<string>();
  for (const path of all) {
    const io = memoryIO({}, { columns: 80, rows: 40 });
    io.stdoutIsTTY = false;
    const code = await run([...path, "--help"], io);
    assert.equal(code, 0, `${path.join(" ")} --help: ${io.stderr}`);
    const file = `${path.length ? path.join("_") : "starmap"}.txt`;
    expectedFiles.add(file);
    if (update) await Deno.writeTextFile(`${dir}/${file}`, io.stdout);
    else {
      const golden = await Deno.readTextFile(`${dir}/${file}`).catch(() =>
        "(missing: run with UPDATE_GOLDEN=1)"
      );
      assert.equal(io.stdout, golden, `help of "${path.join(" ") || "starmap"}" differs from ${file}`);
    }
  }
  const stale = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => !expectedFiles.has(n));
  assert.deepEqual(stale, [], "golden files of commands that no longer exist");
});

Deno.test("subcommand help shows the global flags and examples", async () => {
  const io = memoryIO({}, { columns: 80, rows: 40 });
  await run(["models", "list", "--help"], io);
  assert.match(io.stdout, /Global Options:[\s\S]*-o, --output <format>/);
  assert.match(io.stdout, /Examples:\n {2}starmap models list -p anthropic -o json/);
});

Deno.test("every help example is in the README, and every command has examples", async () => {
  const readme = await Deno.readTextFile(`${ROOT}README.md`);
  for (const [path, lines] of Object.entries(EXAMPLES)) {
    for (const line of lines) {
      assert.ok(readme.includes(line), `README lacks the example of "${path}": ${line}`);
    }
  }
  const without = all.map((p) => p.join(" ")).filter((p) =>
    !EXAMPLES[p] && !/^completion (bash|zsh|fish|powershell|install|uninstall)$/.test(p)
  );
  assert.deepEqual(without, []);
});

Deno.test("no subcommand declares a flag of a global flag's name, so global flags work in any position", () => {
  const program = buildProgram(new Context(memoryIO()));
  const globals = new Set(
    program.options.flatMap((o) => [o.short, o.long, o.negate ? o.long?.replace("--no-", "--") : undefined]),
  );
  globals.delete(undefined);
  const clashes: string[] = [];
  const walk = (cmd: CommandUnknownOpts, path: string) => {
    for (const o of cmd.options) {
      for (const flag of [o.short, o.long]) if (flag && globals.has(flag)) clashes.push(`${path} ${flag}`);
    }
    for (const sub of cmd.commands) walk(sub, `${path} ${sub.name()}`.trim());
  };
  for (const sub of program.commands) walk(sub, sub.name());
  assert.deepEqual(clashes, []);
});

Deno.test("--version is the root's own action: first argument only, so weights pack keeps its --version", async () => {
  const io = memoryIO();
  assert.equal(await run(["--version"], io), 0);
  assert.match(io.stdout, /^\d+\.\d+\.\d+/);
  const pack = memoryIO();
  await run(["weights", "pack", "--help"], pack);
  assert.match(pack.stdout, /--version <v>/);
});
