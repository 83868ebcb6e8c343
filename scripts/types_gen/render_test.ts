import assert from "node:assert/strict";
import { z } from "zod";
import { render, type RenderContext, type TypeRef } from "./render.ts";

const Named = z.enum(["a", "b"]);

function context(used: TypeRef[] = []): RenderContext {
  const named: TypeRef = { name: "Named", out: "src/other/types.gen.ts" };
  return {
    refOf: (schema) => schema === Named ? named : undefined,
    json: { name: "JsonValue", out: "src/other/types.gen.ts" },
    use: (ref) => void used.push(ref),
  };
}

const Sample = z.looseObject({
  id: z.string().min(1),
  count: z.number().int().default(0),
  kind: Named.optional(),
  tags: z.array(z.union([z.literal(1), z.string()])),
  value: z.json().nullable(),
  map: z.record(z.string(), z.boolean()),
  piped: z.string().pipe(z.email()),
});

Deno.test("render prints the output side: defaults filled in, optional keys marked", () => {
  const used: TypeRef[] = [];
  const text = render(Sample, "output", context(used), true);
  assert.equal(
    text,
    [
      "{",
      "  id: string;",
      "  count: number;",
      "  kind?: Named | undefined;",
      "  tags: (1 | string)[];",
      "  value: JsonValue | null;",
      "  map: Record<string, boolean>;",
      "  piped: string;",
      "  [key: string]: unknown;",
      "}",
    ].join("\n"),
  );
  assert.deepEqual(used.map((r) => r.name).sort(), ["JsonValue", "Named"]);
});

Deno.test("render prints the input side: defaulted keys may be left out", () => {
  const text = render(Sample, "input", context(), true);
  assert.match(text, /^ {2}count\?: number \| undefined;$/m);
  assert.match(text, /^ {2}id: string;$/m);
});

Deno.test("render refuses schemas it cannot print faithfully", () => {
  assert.throws(() => render(z.lazy(() => z.string()), "output", context(), true), /only z\.json\(\)/);
  assert.throws(() => render(z.map(z.string(), z.string()), "output", context(), true), /not supported/);
});
