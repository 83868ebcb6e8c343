/**
 * `deno task compile` / `deno task compile:bun`: standalone binaries for the five release targets, with the
 * catalog embedded and the version and commit stamped.
 *
 * Usage: `deno run -A scripts/compile.ts deno|bun [--host] [--out dist]`
 *
 * @module
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** A release target: its name in archives and the target triples of each compiler. */
export interface Target {
  /** The target's name in file names, e.g. `linux-x64`. */
  name: string;
  /** The `deno compile --target` triple. */
  deno: string;
  /** The `bun build --compile --target` name. */
  bun: string;
  /** The binary's extension. */
  ext: string;
}

/** The five release targets. */
export const TARGETS: readonly Target[] = [
  { name: "linux-x64", deno: "x86_64-unknown-linux-gnu", bun: "bun-linux-x64", ext: "" },
  { name: "linux-arm64", deno: "aarch64-unknown-linux-gnu", bun: "bun-linux-arm64", ext: "" },
  { name: "darwin-x64", deno: "x86_64-apple-darwin", bun: "bun-darwin-x64", ext: "" },
  { name: "darwin-arm64", deno: "aarch64-apple-darwin", bun: "bun-darwin-arm64", ext: "" },
  { name: "windows-x64", deno: "x86_64-pc-windows-msvc", bun: "bun-windows-x64", ext: ".exe" },
];

/** The Bun version used to build binaries (installed from the npm registry). */
export const BUN_VERSION = "1.4.5";

/** The permissions baked into Deno-compiled binaries. */
export const DENO_PERMISSIONS = [
  "--allow-net",
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-sys",
  // The pager of long tables on a terminal (`less`); no other process.
  "--allow-run=less",
];

/**
 * The entry point of binaries: the CLI alone. `main.ts` also re-exports the library, which a binary would load
 * at every start for nothing.
 */
export const CLI_ENTRY = "src/cli/_main.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const buildInfo = `${root}src/build_info.json`;

async function sh(cmd: string[], opts: { quiet?: boolean } = {}): Promise<string> {
  const out = await new Deno.Command(cmd[0]!, {
    args: cmd.slice(1),
    cwd: root,
    stdout: "piped",
    stderr: opts.quiet ? "piped" : "inherit",
  }).output();
  if (!out.success) throw new Error(`${cmd.join(" ")} failed with code ${out.code}`);
  return new TextDecoder().decode(out.stdout).trim();
}

async function commit(): Promise<string> {
  try {
    return await sh(["git", "rev-parse", "--short=12", "HEAD"], { quiet: true });
  } catch {
    return "unknown";
  }
}

function hostTarget(): Target {
  const os = Deno.build.os === "windows" ? "windows" : Deno.build.os;
  const arch = Deno.build.arch === "aarch64" ? "arm64" : "x64";
  const t = TARGETS.find((x) => x.name === `${os}-${arch}`);
  if (!t) throw new Error(`no release target for ${os}/${arch}`);
  return t;
}

/** The command that compiles one target with one compiler. */
export function compileCommand(compiler: "deno" | "bun", t: Target, outDir: string): string[] {
  const outfile = `${outDir}/starmap-${t.name}${t.ext}`;
  if (compiler === "deno") {
    return [
      Deno.execPath(),
      "compile",
      ...DENO_PERMISSIONS,
      "--target",
      t.deno,
      "--output",
      outfile,
      CLI_ENTRY,
    ];
  }
  return [
    "npx",
    "-y",
    `bun@${BUN_VERSION}`,
    "build",
    "--compile",
    "--minify",
    // Each command's module becomes its own chunk, loaded when it runs: without splitting, Bun hoists every
    // built-in module that any command imports (node:crypto costs ~12 ms) to the start of every run.
    "--splitting",
    // Bytecode compiled at build time: a start skips parsing the bundle (about 6 ms of every run). Splitting
    // needs ES modules, and bytecode then needs the format named.
    "--bytecode",
    "--format=esm",
    `--target=${t.bun}`,
    CLI_ENTRY,
    "--outfile",
    outfile,
  ];
}

async function main(): Promise<void> {
  const [compiler, ...rest] = Deno.args;
  if (compiler !== "deno" && compiler !== "bun") {
    throw new Error("usage: compile.ts deno|bun [--host] [--out dir]");
  }
  const outIndex = rest.indexOf("--out");
  const outDir = resolve(root, outIndex >= 0 ? rest[outIndex + 1]! : "dist");
  const targets = rest.includes("--host") ? [hostTarget()] : TARGETS;
  await mkdir(outDir, { recursive: true });
  if (compiler === "bun") await sh([Deno.execPath(), "install"], { quiet: true });
  const original = await readFile(buildInfo, "utf8");
  await writeFile(
    buildInfo,
    JSON.stringify({ commit: await commit(), builtAt: new Date().toISOString() }) + "\n",
  );
  try {
    for (const t of targets) await sh(compileCommand(compiler, t, outDir));
  } finally {
    await writeFile(buildInfo, original);
  }
}

if (import.meta.main) await main();
