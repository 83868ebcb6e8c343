/**
 * The CLI's door: run the command tree over arguments and streams (testable without a process), or as the process.
 *
 * @module
 */
export { run } from "./_program.ts";
export { main } from "./_main.ts";
