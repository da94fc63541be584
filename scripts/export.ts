/**
 * `npm run export [-- notebook.ipynb… | --notebooks dir…]`: notebooks → MDX notes.
 * Default input: every `notebooks/*.ipynb`; output: content/notes (or
 * STUDY_NOTES_CONTENT). Exit 2 with one located line per problem.
 */
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { exportNotebooks } from "../src/export/export";
import { notesDir } from "../src/export/paths";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { notebooks: { type: "string", multiple: true }, quiet: { type: "boolean", default: false } },
});

async function notebooksIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.filter((n) => n.endsWith(".ipynb") && !n.startsWith(".")).map((n) => join(dir, n));
}

const dirs = values.notebooks ?? (positionals.length === 0 ? ["notebooks"] : []);
const notebooks = [...positionals, ...(await Promise.all(dirs.map(notebooksIn))).flat()];
const started = performance.now();
const summary = await exportNotebooks({ notebooks, outDir: notesDir(), root: resolve(".") }, { log: (line) => console.warn(line) });
if (summary.errors.length > 0) {
  for (const e of summary.errors) console.error(`error: ${e}`);
  console.error(`export failed: ${summary.errors.length} problem(s) in ${notebooks.length} notebook(s)`);
  process.exit(2);
}
if (!values.quiet) {
  const ms = Math.round(performance.now() - started);
  console.log(
    `exported ${summary.notes.length} notebook(s) to ${notesDir()} (${summary.written} written, ${summary.removed} removed, ${summary.warnings.length} warning(s)) in ${ms} ms`,
  );
}
