/**
 * starmap: run as a program it is the CLI; imported, it is the library.
 *
 * @example
 * ```sh
 * deno run --allow-net jsr:@starmap/cli models list -p anthropic
 * ```
 *
 * @module
 */
export * from "./src/mod.ts";

if (import.meta.main) {
  const { run } = await import("./src/cli/program.ts");
  const { processIO } = await import("./src/cli/io.ts");
  const rt = await import("./src/runtime/runtime.ts");
  rt.exit(await run(rt.args(), processIO()));
}
