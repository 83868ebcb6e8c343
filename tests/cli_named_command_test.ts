import assert from "node:assert/strict";
import { memoryIO } from "./helpers/memory_io.ts";
import { Context } from "../src/cli/_context.ts";
import { namedCommand } from "../src/cli/_named_command.ts";
import { buildProgram, COMMAND_NAMES, run } from "../src/cli/_program.ts";

const full = buildProgram(new Context(memoryIO()));

Deno.test("the command a line names is found past the global flags in every spelling", () => {
  const cases: [string[], string | undefined][] = [
    [["models", "list"], "models"],
    [["-o", "json", "models", "list"], "models"],
    [["--output", "json", "cost", "x"], "cost"],
    [["--output=json", "-q", "cost"], "cost"],
    [["-ojson", "providers"], "providers"],
    [["-qo", "json", "authors"], "authors"],
    [["--config", "models", "list"], "list"],
    [["--fields", "id,name", "--no-pager", "schema"], "schema"],
    [["--version"], undefined],
    [["--", "models"], undefined],
  ];
  for (const [argv, want] of cases) assert.equal(namedCommand(full, argv), want, argv.join(" "));
});

Deno.test("a run builds the named command only; anything else gets the whole tree", () => {
  assert.deepEqual(full.commands.map((c) => c.name()), COMMAND_NAMES);
  const ctx = new Context(memoryIO());
  assert.deepEqual(buildProgram(ctx, ["-o", "json", "models", "show", "x"]).commands.map((c) => c.name()), [
    "models",
  ]);
  for (const argv of [["modles"], ["help", "models"], ["--help"], []]) {
    assert.deepEqual(buildProgram(ctx, argv).commands.map((c) => c.name()), COMMAND_NAMES, argv.join(" "));
  }
});

Deno.test("a mistyped command still gets a suggestion from the whole tree", async () => {
  const io = memoryIO();
  assert.equal(await run(["modles", "list"], io), 2);
  assert.match(io.stderr, /Did you mean models\?/);
});
