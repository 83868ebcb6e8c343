import assert from "node:assert/strict";
import { ROOT } from "./helpers/cli.ts";

async function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const out = await new Deno.Command(cmd, { args, cwd, env, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test({
  name: "the Bun-built host binary runs from a directory without the source tree",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const build = await Deno.makeTempDir({ prefix: "starmap-bin-" });
    const b = await sh(
      Deno.execPath(),
      ["run", "-A", "scripts/compile.ts", "bun", "--host", "--out", build],
      ROOT,
    );
    assert.equal(b.code, 0, b.stderr);
    const [binary] = [...Deno.readDirSync(build)].map((e) => e.name);
    assert.ok(binary?.startsWith("starmap-"), "a binary was built");
    const empty = await Deno.makeTempDir({ prefix: "starmap-run-" });
    await Deno.rename(`${build}/${binary}`, `${empty}/starmap`);
    const env = { HOME: empty, PATH: "/usr/bin:/bin" };
    const show = await sh(`${empty}/starmap`, ["models", "show", "openai/gpt-4o", "-o", "json"], empty, env);
    assert.equal(show.code, 0, show.stderr);
    assert.equal(JSON.parse(show.stdout).pricing.input, 2.5);
    const list = await sh(
      `${empty}/starmap`,
      ["models", "list", "--search", "claude", "--search", "sonnet", "-o", "json"],
      empty,
      env,
    );
    assert.ok(JSON.parse(list.stdout).length > 50);
    const version = await sh(`${empty}/starmap`, ["version", "-o", "json"], empty, env);
    const info = JSON.parse(version.stdout) as { commit: string; runtime: string };
    assert.match(info.runtime, /^bun /);
    assert.notEqual(info.commit, "dev", "the commit is stamped");
    const missing = await sh(`${empty}/starmap`, ["models", "show", "nope/nope"], empty, env);
    assert.equal(missing.code, 3);
    await Deno.remove(build, { recursive: true });
    await Deno.remove(empty, { recursive: true });
  },
});
