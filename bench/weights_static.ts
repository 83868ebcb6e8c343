/**
 * The static registry server of `bench/weights.ts`, as its own process: serves a registry directory on 127.0.0.1,
 * prints its port, and tells the bytes it served at `/__bytes`.
 *
 * Usage: deno run -A bench/weights_static.ts <registry-dir>
 *
 * @module
 */
import { join } from "node:path";

/** Prints the port (a benchmark's output is its job). */
function print(text: string | number): void {
  // deno-lint-ignore no-console
  console.log(text);
}

/** The most bytes the static server keeps in memory (it streams files beyond). */
const SERVE_FROM_MEMORY = 4 * 1024 ** 3;

/**
 * Serve mode: a static server over a registry directory, printing its port; `/__bytes` tells bytes served. Up to
 * {@link SERVE_FROM_MEMORY}, objects are read once into memory and served from there, so that the server is not
 * what the clients measure (streaming a file through a JavaScript stream ran at half nginx's speed).
 */
async function serve(dir: string): Promise<void> {
  let served = 0;
  const cache = new Map<string, Uint8Array<ArrayBuffer>>();
  let cached = 0;
  const data = join(dir, "data");
  for (const name of (await Array.fromAsync(Deno.readDir(data))).map((e) => `data/${e.name}`)) {
    const { size } = await Deno.stat(join(dir, name));
    if (cached + size > SERVE_FROM_MEMORY) break;
    cache.set(name, await Deno.readFile(join(dir, name)));
    cached += size;
  }
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname.slice(1);
    if (path === "__bytes") return new Response(String(served));
    if (!/^(models\.json|data\/[0-9a-f]{64})$/.test(path)) {
      return new Response("not found\n", { status: 404 });
    }
    try {
      const bytes = path === "models.json" ? await Deno.readFile(join(dir, path)) : cache.get(path);
      if (bytes) {
        served += bytes.length;
        return new Response(bytes, { headers: { "content-length": String(bytes.length) } });
      }
      const file = await Deno.open(join(dir, path));
      const { size } = await file.stat();
      served += size;
      return new Response(file.readable, { headers: { "content-length": String(size) } });
    } catch {
      return new Response("not found\n", { status: 404 });
    }
  });
  print(server.addr.port);
}

await serve(Deno.args[0]!);
