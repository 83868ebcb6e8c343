/**
 * Completion as a user meets it: each shell runs in a real pseudo-terminal (tmux), the completion is installed
 * with `starmap completion install` into a temporary home, and the test presses Tab. A shell that is not
 * installed is skipped with a note (`.ci/run` installs zsh, fish and tmux).
 */
import assert from "node:assert/strict";
import { ROOT, runCli } from "./helpers/cli.ts";
import { installed, removeHome, starmapHome, Terminal } from "./helpers/tmux.ts";

const hasTmux = await installed("tmux");

async function shellCase(
  shell: "bash" | "zsh" | "fish",
  start: string[],
  check: (t: Terminal) => Promise<void>,
): Promise<void> {
  if (!hasTmux || !(await installed(shell))) {
    // deno-lint-ignore no-console
    console.warn(`note: ${shell} completion test skipped: ${hasTmux ? shell : "tmux"} is not installed`);
    return;
  }
  const { home, env } = await starmapHome();
  const r = await runCli(["completion", "install", shell], { env: { ...env } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /installed/);
  const t = await Terminal.start(start, env);
  try {
    await t.waitFor(/[$#>] ?$/m);
    await check(t);
  } finally {
    await t.close();
    await removeHome(home);
  }
}

/** Types a line, presses Tab once, and waits for the completed text. */
async function tab(t: Terminal, typed: string, expected: RegExp): Promise<string> {
  await t.type(typed, "Tab");
  const screen = await t.waitFor(expected);
  await t.type("", "C-u");
  return screen;
}

Deno.test("bash: commands, provider ids and model ids complete on Tab", async () => {
  await shellCase("bash", ["bash", "-i"], async (t) => {
    await tab(t, "starmap mod", /starmap models$/m);
    await tab(t, "starmap providers show anthro", /starmap providers show anthropic$/m);
    await tab(t, "starmap models show openai/gpt-4o-mini-tts", /openai\/gpt-4o-mini-tts(-\d+)? ?$/m);
    await tab(t, "starmap -o js", /starmap -o json/m);
    // bash splits words at ':'; an id with a colon still completes whole.
    await tab(
      t,
      "starmap models show amazon-bedrock/amazon.nova-micro-v1:",
      /show amazon-bedrock\/amazon\.nova-micro-v1:0$/m,
    );
  });
});

Deno.test("zsh: the first Tab completes (autoloaded from fpath), with descriptions", async () => {
  await shellCase("zsh", ["zsh", "-i"], async (t) => {
    await tab(t, "starmap providers show anthro", /starmap providers show anthropic$/m);
    await tab(t, "starmap models list --sort input_p", /--sort input_price$/m);
    await t.type("starmap models show anthropic/claude-opus-4-", "Tab");
    await t.waitFor(/Claude Opus/);
    await t.type("", "C-c");
  });
});

Deno.test("fish: completes ids with descriptions and prints no errors", async () => {
  await shellCase("fish", ["fish", "-i"], async (t) => {
    const screen = await tab(t, "starmap providers show anthro", /starmap providers show anthropic$/m);
    await tab(t, "starmap authors show met", /starmap authors show meta$/m);
    await t.type("starmap models ", "Tab");
    const menu = await t.waitFor(/history/);
    assert.doesNotMatch(`${screen}\n${menu}`, /error|fish: |Unknown command/i);
    await t.type("", "C-c");
  });
});

Deno.test("install and uninstall leave the startup file as they found it", async () => {
  const { home, env } = await starmapHome();
  await Deno.writeTextFile(`${home}/.bashrc`, "export KEEP=1\n");
  const one = await runCli(["completion", "install", "bash"], { env });
  const twice = await runCli(["completion", "install", "bash"], { env });
  assert.equal(one.code + twice.code, 0, one.stderr + twice.stderr);
  const rc = await Deno.readTextFile(`${home}/.bashrc`);
  assert.equal(rc.match(/>>> starmap completion >>>/g)?.length, 1, "installing twice adds one block");
  const script = `${env.XDG_DATA_HOME}/bash-completion/completions/starmap`;
  assert.match(await Deno.readTextFile(script), /__complete bash/);
  const removed = await runCli(["completion", "uninstall", "bash"], { env });
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(await Deno.readTextFile(`${home}/.bashrc`), "export KEEP=1\n");
  await assert.rejects(Deno.stat(script));
  const fromShell = await runCli(["completion", "install"], { env: { ...env, SHELL: "/usr/bin/fish" } });
  assert.match(fromShell.stderr, /fish/, "the shell comes from $SHELL");
  const unknown = await runCli(["completion", "install"], { env: { ...env, SHELL: "/bin/tcsh" } });
  assert.equal(unknown.code, 2);
  await Deno.remove(home, { recursive: true });
});

Deno.test("__complete answers from the command tree and the embedded catalog", async () => {
  const complete = async (...words: string[]) =>
    (await runCli(["__complete", "zsh", "--", ...words])).stdout.trim().split("\n");
  assert.ok((await complete("models", "list", "-p", "anthro")).includes("anthropic\tAnthropic"));
  assert.deepEqual(await complete("models", "list", "--sort", "rel"), ["release_date"]);
  const list = await complete("models", "list", "-p", "groq,open");
  assert.ok(
    list.includes("groq,openai\tOpenAI") && list.every((l) => l.startsWith("groq,open")),
    list.join(),
  );
  assert.ok((await complete("cost", "openai/gpt-4o-m")).every((l) => l.startsWith("openai/gpt-4o-m")));
  assert.deepEqual(await complete("--output=ya"), ["--output=yaml"]);
  assert.ok(
    (await complete("models", "list", "--fields", "input_")).includes("input_usd_per_1m\tINPUT $/1M"),
  );
  assert.deepEqual(await complete("completion", "fi"), ["fish\tprint the fish completion script"]);
  assert.deepEqual(await complete("models", "list", "--param", "tool"), ["tools", "tool_choice"]);
  assert.ok((await complete("models", "list", "--operation", "")).includes("embeddings"));
  const bash = await runCli(["__complete", "bash", "--", "models", "show", "openai/gpt-4o-mini-tts"]);
  assert.doesNotMatch(bash.stdout, /\t/, "bash gets bare values");
});

Deno.test("a reader that goes away early ends __complete quietly too", async () => {
  const dir = await Deno.makeTempDir();
  const script =
    `"$0" run --quiet -A main.ts __complete zsh -- cost "" 2>"${dir}/err" | head -n 1 >/dev/null; ` +
    `echo "\${PIPESTATUS[0]}"`;
  const out = await new Deno.Command("bash", {
    args: ["-c", script, Deno.execPath()],
    cwd: ROOT,
    stdout: "piped",
  })
    .output();
  assert.equal(new TextDecoder().decode(out.stdout).trim(), "0");
  assert.equal(await Deno.readTextFile(`${dir}/err`), "", "no EPIPE error on stderr");
  await Deno.remove(dir, { recursive: true });
});
