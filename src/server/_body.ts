/**
 * Reads a JSON request body with a size cap and strict validation.
 *
 * @module
 */
import type { z } from "zod";
import { fieldPath } from "../words/mod.ts";
import { BodyTooLarge, readCapped } from "../http/mod.ts";
import { badParameter, HttpError } from "./_errors.ts";

/** The body as text; refused as soon as its declared or actual size passes `max`. */
async function readText(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > max) throw tooLarge(max);
  try {
    return new TextDecoder().decode(await readCapped(request.body, max));
  } catch (error) {
    throw error instanceof BodyTooLarge ? tooLarge(max) : error;
  }
}

function tooLarge(max: number): HttpError {
  return new HttpError(413, "payload_too_large", `the request body exceeds ${max} bytes`);
}

/**
 * Reads and validates a JSON body. An empty body counts as `{}` when `emptyAsObject`.
 *
 * @throws {HttpError} 413 over `max` bytes, 415 for a non-JSON content type, 400 naming the field at fault.
 */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
  options: { max: number; emptyAsObject?: boolean },
): Promise<z.infer<T>> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      `expected Content-Type application/json, got "${type}"`,
    );
  }
  const text = await readText(request, options.max);
  let value: unknown;
  if (text.trim() === "" && options.emptyAsObject) value = {};
  else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw badParameter("body", `not valid JSON (${(error as Error).message})`);
    }
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const at = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
  const message = issue.code === "unrecognized_keys" ? "unknown field" : issue.message;
  return Promise.reject(badParameter(at.length ? fieldPath(at) : "body", message));
}
