/**
 * `npm run build`: export notebooks → MDX, `astro build`, then index the built
 * pages with Pagefind (search works offline, from the site's own files).
 *
 *   --notebooks DIR   notebook folder (repeatable; default: notebooks)
 *   --out DIR         output folder (default: dist)
 *   --no-search       skip the Pagefind index
 * Environment: STUDY_NOTES_CONTENT to export somewhere other than content/notes.
 */
import { build } from "astro";
import * as pagefind from "pagefind";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { exportNotebooks } from "../src/export/export";
import { notesDir } from "../src/export/paths";

// The build runs offline: no anonymous usage report to Astro's servers.
process.env["ASTRO_TELEMETRY_DISABLED"] = "1";

const { values } = parseArgs({
  options: {
    notebooks: { type: "string", multiple: true },
    out: { type: "string", default: "dist" },
    "no-search": { type: "boolean", default: false },
    "cache-dir": { type: "string" },
  },
});

async function notebooksIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.filter((n) => n.endsWith(".ipynb")).map((n) => join(dir, n));
}

const timings: Record<string, number> = {};
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}

const notebooks = (await Promise.all((values.notebooks ?? ["notebooks"]).map(notebooksIn))).flat();
const summary = await step("export", () =>
  exportNotebooks({ notebooks, outDir: notesDir(), root: resolve(".") }, { log: (l) => console.warn(l) }),
);
if (summary.errors.length > 0) {
  for (const e of summary.errors) console.error(`error: ${e}`);
  process.exit(2);
}
const outDir = resolve(values.out);
await step("astro", () =>
  build({
    root: resolve("."),
    outDir,
    logLevel: "warn",
    ...(values["cache-dir"] && { cacheDir: resolve(values["cache-dir"]) }),
  }),
);
if (!values["no-search"]) {
  await step("pagefind", async () => {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: join(outDir, "pagefind") });
    if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join("; ")}`);
    await pagefind.close();
    timings["pages indexed"] = added.page_count;
  });
}
console.log(
  `built ${summary.notes.length} note(s) into ${outDir}: ${Object.entries(timings)
    .map(([k, v]) => `${k} ${v}${k.startsWith("pages") ? "" : " ms"}`)
    .join(", ")}`,
);
