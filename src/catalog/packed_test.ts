import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { Catalog } from "./_catalog.ts";
import { embeddedCatalogData } from "./_embedded.ts";
import { packCatalog, PackedCatalog, unpackCatalog } from "./_packed.ts";
import type { CatalogData } from "./types.gen.ts";

const root = new URL("../../catalog/", import.meta.url);
const committed = async () => await readFile(new URL("catalog.json", root), "utf8");
const packedText = async () => await readFile(new URL("catalog.packed.jsonl", root), "utf8");

Deno.test("the packed catalog is catalog.json packed (run deno task catalog:build after changing it)", async () => {
  const data = JSON.parse(await committed()) as CatalogData;
  assert.ok((await packedText()) === packCatalog(data), "catalog/catalog.packed.jsonl is stale");
  assert.deepEqual(embeddedCatalogData(), data);
  assert.deepEqual(Object.keys(embeddedCatalogData()), Object.keys(data), "the same key order");
});

Deno.test("a model's offerings are parsed without reading the other models' lines", async () => {
  const data = JSON.parse(await committed()) as CatalogData;
  const lines = packCatalog(data).split("\n");
  const target = "anthropic/claude-sonnet-4-5";
  const head = JSON.parse(lines[0]!) as { groups: [string, number, number[]][] };
  const at = head.groups.findIndex(([model]) => model === target);
  const other = at === 0 ? 2 : 1;
  // Break another model's line (same length, so the table still finds every line).
  lines[other] = "{".padEnd(lines[other]!.length, " ");
  const packed = new PackedCatalog(lines.join("\n"));
  const offerings = packed.ofModel(target)!;
  assert.deepEqual(offerings, data.offerings.filter((o) => o.model === target));
  assert.throws(() => packed.all(), SyntaxError, "the whole list reads every line");
});

Deno.test("packing keeps catalog order, models without offerings and offerings' identity", async () => {
  const data = JSON.parse(await committed()) as CatalogData;
  const small: CatalogData = {
    ...data,
    models: data.models.slice(0, 40),
    offerings: data.offerings.filter((o) => data.models.slice(0, 40).some((m) => m.id === o.model)).reverse(),
  };
  assert.deepEqual(unpackCatalog(packCatalog(small)), small);
  const packed = new PackedCatalog(packCatalog(small));
  const first = packed.ofModel(small.offerings[0]!.model)!;
  assert.ok(packed.all().includes(first[0]!), "the whole list holds the objects a group handed out");
  assert.equal(packed.ofModel("nobody/nothing"), undefined);
});

/** Paths of the objects and arrays under a value that are not frozen. */
function unfrozen(value: unknown, path = "", out: string[] = []): string[] {
  if (typeof value !== "object" || value === null) return out;
  if (!Object.isFrozen(value)) out.push(path || "(root)");
  for (const [k, v] of Object.entries(value)) unfrozen(v, `${path}.${k}`, out);
  return out;
}

Deno.test("a packed snapshot hands out only frozen records, before the whole document is ever read", async () => {
  const c = Catalog.fromPacked(new PackedCatalog(await packedText()));
  const handed: [string, unknown][] = [
    ["model", c.model("anthropic/claude-sonnet-4-5")],
    ["model by spelling", c.model("claude-sonnet-4-5")],
    ["offerings", c.offerings("anthropic/claude-sonnet-4-5")],
    ["snapshots", c.snapshots("anthropic/claude-sonnet-4-5")],
    ["offering", c.offering("openai/gpt-4o")],
    ["offeringsById", c.offeringsById("gpt-4o")],
    ["resolve", [c.resolve("anthropic/claude-sonnet-4-5").model]],
    ["resolve offering", Object.values(c.resolve("gpt-4o", "openai"))],
    ["modelsByAuthor", c.modelsByAuthor("anthropic")],
    ["query", c.query({ search: ["claude"] }).items.flatMap((l) => [l.model, ...l.offerings])],
    ["providers", c.providers],
    ["authors", c.authors],
  ];
  for (const [name, value] of handed) {
    assert.ok(value !== undefined && (!Array.isArray(value) || value.length), `${name} found something`);
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) assert.deepEqual(unfrozen(item).slice(0, 3), [], name);
  }
  assert.deepEqual(unfrozen(c.models).slice(0, 3), [], "every model");
  assert.deepEqual(unfrozen(c.data).slice(0, 3), [], "the whole document");
  assert.equal(c.data.offerings.length, JSON.parse(await committed()).offerings.length);
});

Deno.test("a snapshot made from a document freezes lazily too, and whole once read", async () => {
  const data = JSON.parse(await committed()) as CatalogData;
  const c = Catalog.from(data);
  const [o] = c.offerings("openai/gpt-4o");
  assert.ok(o && Object.isFrozen(o) && Object.isFrozen(o.limits));
  assert.throws(() => {
    (o.limits as { context?: number }).context = 1;
  }, TypeError);
  assert.deepEqual(unfrozen(c.data).slice(0, 3), []);
  assert.ok(c.data.offerings.includes(o), "the same objects");
});

Deno.test("a packed catalog's model listings add up as the offerings do, and read them only when asked", async () => {
  const data = JSON.parse(await committed()) as CatalogData;
  const packed = Catalog.fromPacked(new PackedCatalog(packCatalog(data))).query().items;
  const plain = Catalog.from(JSON.parse(await committed())).query().items;
  const sums = (items: typeof plain) =>
    items.map((l) => [l.model.id, l.offeringCount, l.providers, l.context, l.input, l.output]);
  assert.deepEqual(sums(packed), sums(plain));
  assert.deepEqual(
    packed.map((l) => l.offerings.map((o) => o.id)),
    plain.map((l) => l.offerings.map((o) => o.id)),
  );
  assert.ok(plain.every((l) => l.offeringCount === l.offerings.length));

  const lines = packCatalog(data).split("\n");
  const at = (JSON.parse(lines[0]!) as { groups: [string][] }).groups.findIndex(([m]) =>
    m === "anthropic/claude-sonnet-4-5"
  );
  lines[at + 1] = "{".padEnd(lines[at + 1]!.length, " ");
  const broken = Catalog.fromPacked(new PackedCatalog(lines.join("\n")));
  const [found] = broken.query({ search: ["anthropic/claude-sonnet-4-5"], limit: 1 }).items;
  assert.equal(
    found?.offeringCount,
    plain.find((l) => l.model.id === "anthropic/claude-sonnet-4-5")?.offeringCount,
  );
  assert.throws(() => found?.offerings, SyntaxError, "the offerings are read when asked for");
});
