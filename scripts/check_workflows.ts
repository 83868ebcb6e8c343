/**
 * `deno task workflows:check`: checks every workflow under `.github/workflows/` against GitHub's workflow schema
 * with action-validator (from the npm registry), and proves the check is real by feeding it a broken workflow.
 * It needs the package registry, so it is a task of its own rather than part of the test suite (whose tests reach
 * nothing beyond 127.0.0.1).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const VALIDATOR = "@action-validator/cli@0.6.0";
const dir = fileURLToPath(new URL("../.github/workflows/", import.meta.url));

async function validate(path: string): Promise<{ ok: boolean; text: string }> {
  const out = await new Deno.Command("npx", {
    args: ["-y", VALIDATOR, path],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const text = new TextDecoder().decode(out.stdout) +
    new TextDecoder().decode(out.stderr).replace(/^npm warn.*$/gm, "");
  return { ok: out.code === 0 && !/"errors"/.test(text), text };
}

async function main(): Promise<number> {
  const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => /\.ya?ml$/.test(n)).sort();
  let failed = 0;
  for (const f of files) {
    const { ok, text } = await validate(dir + f);
    // deno-lint-ignore no-console
    console.error(ok ? `ok ${f}` : `FAILED ${f}\n${text}`);
    if (!ok) failed++;
  }
  const bad = await Deno.makeTempFile({ suffix: ".yml" });
  await Deno.writeTextFile(
    bad,
    "name: x\non: push\njobs:\n  a:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: echo\n",
  );
  const control = await validate(bad);
  await Deno.remove(bad);
  if (control.ok) {
    // deno-lint-ignore no-console
    console.error("FAILED the validator accepted a broken workflow: the check proves nothing");
    failed++;
  }
  return failed ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main());
