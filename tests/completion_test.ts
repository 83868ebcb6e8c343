import assert from "node:assert/strict";
import { runCli } from "./helpers/cli.ts";

async function complete(script: string, words: string[]): Promise<string[]> {
  const line = words.map((w) => `'${w}'`).join(" ");
  const program = `${script}\nCOMP_WORDS=(${line}); COMP_CWORD=${
    words.length - 1
  }; _starmap; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = await new Deno.Command("bash", { args: ["-c", program], stdout: "piped", stderr: "piped" })
    .output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean);
}

Deno.test("the bash completion loads in a real bash and completes commands and flags", async () => {
  const r = await runCli(["completion", "bash"]);
  assert.equal(r.code, 0);
  assert.deepEqual(await complete(r.stdout, ["starmap", "mo"]), ["models"]);
  assert.deepEqual(await complete(r.stdout, ["starmap", "models", "sh"]), ["show"]);
  assert.deepEqual(
    await complete(r.stdout, ["starmap", "-o", "json", "providers", ""]).then((x) => x.sort()),
    ["fetch", "list", "show"],
  );
  const flags = await complete(r.stdout, ["starmap", "models", "list", "--se"]);
  assert.deepEqual(flags, ["--search"]);
});

Deno.test("zsh and fish scripts are syntactically valid where the shell exists", async () => {
  for (const [shell, check] of [["zsh", ["-n"]], ["fish", ["--no-execute"]]] as const) {
    const which = await new Deno.Command("sh", { args: ["-c", `command -v ${shell}`], stdout: "null" })
      .output();
    if (!which.success) continue;
    const r = await runCli(["completion", shell]);
    const file = await Deno.makeTempFile();
    await Deno.writeTextFile(file, r.stdout);
    const out = await new Deno.Command(shell, { args: [...check, file], stderr: "piped" }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    await Deno.remove(file);
  }
});
