/**
 * The CLI's door: run the command tree over arguments and streams (testable without a process), or as the process.
 *
 * @module
 */
export { run } from "./program.ts";
export { main } from "./main.ts";
