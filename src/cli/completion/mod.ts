/**
 * The public door of `cli/completion/`: what other folders use of it.
 *
 * @module
 */
export { type Candidate, complete, type Ids } from "./engine.ts";
export { detectShell, install, placement, uninstall } from "./install.ts";
export { completionScript } from "./scripts.ts";
