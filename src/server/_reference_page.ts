/**
 * The human-readable API reference: one HTML page generated from the OpenAPI document.
 *
 * @module
 */

type Json = Record<string, unknown>;

function esc(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function schemaName(content: unknown): string {
  const entry = Object.entries((content ?? {}) as Record<string, { schema?: { $ref?: string } }>)[0];
  if (!entry) return "";
  const [type, { schema }] = entry;
  const name = schema?.$ref?.split("/").pop();
  return name ? `<a href="#schema-${esc(name)}">${esc(name)}</a> (${esc(type)})` : esc(type);
}

function paramRows(params: Json[]): string {
  if (!params.length) return "";
  const rows = params.map((p) => {
    const schema = p.schema as Json;
    const type = schema.type === "array"
      ? `${(schema.items as Json).type ?? "enum"}[]`
      : schema.type ?? "enum";
    const values = (schema.enum ?? (schema.items as Json | undefined)?.enum) as unknown[] | undefined;
    return `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${esc(type)}</td><td>${
      esc(p.description)
    }${values ? ` — <code>${esc(values.join(" | "))}</code>` : ""}</td></tr>`;
  });
  return `<table><tr><th>name</th><th>in</th><th>type</th><th>description</th></tr>${rows.join("")}</table>`;
}

function operation(path: string, method: string, op: Json): string {
  const responses = Object.entries(op.responses as Record<string, Json>)
    .map(([status, r]) => `<li><b>${esc(status)}</b> ${esc(r.description)} ${schemaName(r.content)}</li>`)
    .join("");
  const body = op.requestBody ? `<p>Body: ${schemaName((op.requestBody as Json).content)}</p>` : "";
  return `<section id="${esc(op.operationId)}"><h3><span class="m">${
    esc(method.toUpperCase())
  }</span> <code>${esc(path)}</code></h3><p>${esc(op.summary)}</p>${
    op.description ? `<p>${esc(op.description)}</p>` : ""
  }${paramRows((op.parameters ?? []) as Json[])}${body}<ul>${responses}</ul></section>`;
}

/** Renders the reference page of an OpenAPI document. */
export function referencePage(doc: Json): string {
  const info = doc.info as Json;
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      ops.push(operation(path, method, op));
      toc.push(`<li><a href="#${esc(op.operationId)}">${esc(method.toUpperCase())} ${esc(path)}</a></li>`);
    }
  }
  const schemas = Object.entries((doc.components as Json).schemas as Record<string, unknown>)
    .map(([name, s]) =>
      `<h3 id="schema-${esc(name)}">${esc(name)}</h3><pre>${esc(JSON.stringify(s, null, 2))}</pre>`
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)} ${
    esc(info.version)
  }</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}` +
    `code,pre{font:13px ui-monospace,monospace}pre{background:#f4f4f4;padding:.5rem;overflow:auto;max-height:20rem}` +
    `table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}` +
    `.m{background:#222;color:#fff;padding:0 .4rem;border-radius:3px}</style></head><body><h1>${
      esc(info.title)
    } ${esc(info.version)}</h1><p>${
      esc(info.description)
    }</p><p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI ${
      esc(doc.openapi)
    }).</p><h2>Routes</h2><ul>${toc.join("")}</ul>${ops.join("")}<h2>Schemas</h2>${schemas}</body></html>`;
}
