/**
 * Waits for a starting `starmap serve` process to say where it serves.
 *
 * @module
 */

/** Reads the server's stderr until "serving on <url> " appears; `base` is undefined if the stream ended first. */
export async function servingOn(
  reader: ReadableStreamDefaultReader<string>,
): Promise<{ base: string | undefined; said: string }> {
  const line = /serving on (http:\/\/\S+) /;
  let said = "";
  while (!line.test(said)) {
    const { value, done } = await reader.read();
    if (done) break;
    said += value;
  }
  return { base: line.exec(said)?.[1], said };
}
