/**
 * Write stage: serialise a notebook the way Jupyter does (1-space indent,
 * non-ASCII kept, trailing newline, multi-line text as lists of lines) and put
 * it on disk atomically: a temp file in the same folder, then rename, so an
 * interrupted run never leaves a half-written notebook.
 */
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { INotebookContent } from "@jupyterlab/nbformat";

/** The notebook as Jupyter writes it. Key order is kept as it is in memory. */
export function serializeNotebook(notebook: INotebookContent): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** Write `text` to `path` through a temp file and rename (atomic on one filesystem). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
