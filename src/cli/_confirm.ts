/**
 * The CLI's one confirmation prompt: a yes/no question on stderr, default no, refused without a terminal.
 *
 * @module
 */
import { StarmapError } from "../errors.ts";
import { readLine } from "../runtime/mod.ts";
import type { Context } from "./_context.ts";

/**
 * Asks a yes/no question (default no) unless `yes`. Without a terminal it refuses rather than waiting.
 *
 * @throws {StarmapError} `invalid` when there is no terminal to ask on.
 */
export async function confirm(ctx: Context, question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!ctx.io.stdinIsTTY) {
    throw new StarmapError("invalid", `refusing to ${question.replace(/\?$/, "")} without confirmation`, {
      hint: "pass -y to confirm when not running in a terminal",
    });
  }
  ctx.io.err(`${question[0]!.toUpperCase()}${question.slice(1)} [y/N] `);
  const answer = (await readLine())?.trim().toLowerCase();
  return answer === "y" || answer === "yes";
}
