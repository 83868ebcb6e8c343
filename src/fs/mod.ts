/**
 * The public door of `fs/`: what other folders use of it.
 *
 * @module
 */
export { atomicWrite } from "./_atomic_write.ts";
export { createExclusive } from "./_create_exclusive.ts";
export { commitGeneration, generationDir, readCurrent } from "./_generations.ts";
