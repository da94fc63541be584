/**
 * The export stage over a set of notebooks: read each, convert it, and write
 * `<slug>.mdx` plus `_assets/<hash>.<ext>` into the notes folder. Files are
 * rewritten only when their bytes change, and stale ones are removed, so the
 * folder always mirrors the notebooks exactly.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { NotebookError } from "../notebook/errors";
import { readNotebook } from "../notebook/read";
import { ExportError, formatWarning, type ExportWarning } from "./errors";
import { notebookToMdx, type ExportedNote } from "./notebook-to-mdx";

export interface ExportOptions {
  /** Notebook files, in any order. */
  notebooks: string[];
  /** Output folder (see paths.ts). */
  outDir: string;
  /** Repository root, to write `source` paths relative to it. */
  root: string;
}

/** Side effects the stage performs, replaceable in tests. */
export interface ExportEffects {
  log(line: string): void;
}

export interface ExportSummary {
  notes: ExportedNote[];
  warnings: ExportWarning[];
  /** Located problems, one line each; non-empty means the export failed. */
  errors: string[];
  written: number;
  removed: number;
}

export async function exportNotebooks(options: ExportOptions, effects: ExportEffects): Promise<ExportSummary> {
  const notes: ExportedNote[] = [];
  const errors: string[] = [];
  for (const path of [...options.notebooks].sort()) {
    try {
      const file = await readNotebook(path);
      notes.push(notebookToMdx(file, { source: relative(options.root, path) }));
    } catch (err) {
      if (err instanceof ExportError || err instanceof NotebookError) errors.push(err.message);
      else errors.push(`${path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  const bySlug = new Map<string, string>();
  for (const note of notes) {
    const other = bySlug.get(note.frontmatter.slug);
    if (other) errors.push(`${note.frontmatter.source}: slug '${note.frontmatter.slug}' is also used by ${other}`);
    bySlug.set(note.frontmatter.slug, note.frontmatter.source);
  }
  const warnings = notes.flatMap((n) => n.warnings);
  for (const w of warnings) effects.log(`warning: ${formatWarning(w)}`);
  if (errors.length > 0) return { notes, warnings, errors, written: 0, removed: 0 };

  const files = new Map<string, Uint8Array | string>();
  for (const note of notes) {
    files.set(`${note.frontmatter.slug}.mdx`, note.mdx);
    for (const asset of note.assets) files.set(join("_assets", asset.name), asset.bytes);
  }
  const { written, removed } = await mirror(options.outDir, files);
  return { notes, warnings, errors, written, removed };
}

/** Make `dir` hold exactly `files` (relative path → content), touching only what differs. */
async function mirror(dir: string, files: Map<string, Uint8Array | string>): Promise<{ written: number; removed: number }> {
  await mkdir(join(dir, "_assets"), { recursive: true });
  let written = 0;
  let removed = 0;
  for (const [rel, content] of files) {
    const path = join(dir, rel);
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    const old = await readFile(path).catch(() => null);
    if (old && old.equals(bytes)) continue;
    await writeFile(path, bytes);
    written++;
  }
  for (const sub of ["", "_assets"]) {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name);
      if (entry.isFile() && !files.has(rel) && !entry.name.startsWith(".")) {
        await rm(join(dir, rel));
        removed++;
      }
    }
  }
  return { written, removed };
}
