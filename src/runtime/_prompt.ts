/**
 * Reading one line of the user's answer from stdin, for confirmations.
 *
 * @module
 */
import process from "node:process";

interface DenoStdin {
  stdin: { read(p: Uint8Array): Promise<number | null> };
}

const deno = (globalThis as { Deno?: DenoStdin }).Deno;

/** Reads one line from stdin (without its newline); `undefined` at end of input. */
export async function readLine(): Promise<string | undefined> {
  if (deno) {
    const bytes: number[] = [];
    const buf = new Uint8Array(1);
    for (;;) {
      const n = await deno.stdin.read(buf);
      if (n === null) return bytes.length ? new TextDecoder().decode(new Uint8Array(bytes)) : undefined;
      if (buf[0] === 10) return new TextDecoder().decode(new Uint8Array(bytes)).replace(/\r$/, "");
      bytes.push(buf[0]!);
    }
  }
  return await new Promise((resolve) => {
    let text = "";
    const onData = (d: Buffer | string) => {
      text += d.toString();
      const nl = text.indexOf("\n");
      if (nl >= 0) done(text.slice(0, nl).replace(/\r$/, ""));
    };
    const onEnd = () => done(text || undefined);
    const done = (v: string | undefined) => {
      process.stdin.off("data", onData);
      process.stdin.off("end", onEnd);
      process.stdin.pause();
      resolve(v);
    };
    process.stdin.on("data", onData);
    process.stdin.on("end", onEnd);
    process.stdin.resume();
  });
}
