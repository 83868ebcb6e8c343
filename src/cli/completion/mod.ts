/**
 * The public door of `cli/completion/`: what other folders use of it.
 *
 * @module
 */
export { type Candidate, complete, type Ids } from "./_engine.ts";
export { detectShell, install, placement, uninstall } from "./_install.ts";
export { completionScript } from "./_scripts.ts";
