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
  const { main } = await import("./src/cli/mod.ts");
  await main();
}
