/**
 * Read stage: file → validated `NotebookFile`. Everything that can be wrong
 * with the input is found here, before a kernel starts, so a bad notebook
 * costs nothing and is never written.
 */
import { readFile } from "node:fs/promises";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { parse as parseLenient, printParseErrorCode, type ParseError } from "jsonc-parser";
import { NotebookError } from "./errors";
import { KERNEL_NAME, type NotebookFile } from "./types";
import { schemaErrors } from "./validate";

export interface ReadOptions {
  /** Kernel names the runner accepts; default: only this project's kernel. */
  kernels?: readonly string[];
}

/** Read and validate one notebook. Throws `NotebookError` naming the file (and cell). */
export async function readNotebook(path: string, options: ReadOptions = {}): Promise<NotebookFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new NotebookError(path, `cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return { path, text, notebook: parseNotebook(path, text, options) };
}

/** Parse and validate notebook text; `path` is only used in messages. */
export function parseNotebook(path: string, text: string, options: ReadOptions = {}): INotebookContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new NotebookError(path, `invalid JSON: ${jsonErrorWhere(text, err)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json) || !("cells" in json) || !("nbformat" in json)) {
    throw new NotebookError(path, "not a Jupyter notebook (no 'nbformat' and 'cells' at the top level)");
  }
  const major = (json as { nbformat: unknown }).nbformat;
  const minor = (json as { nbformat_minor?: unknown }).nbformat_minor;
  if (typeof major !== "number" || major < 4) {
    throw new NotebookError(
      path,
      `nbformat ${String(major)} is not supported (need 4.x; convert it with 'jupyter nbconvert --to notebook')`,
    );
  }
  if (major > 4) throw new NotebookError(path, `nbformat ${major} is newer than this runner understands (4.x)`);
  const notebook = json as INotebookContent;
  const problems = schemaErrors(notebook, typeof minor === "number" ? minor : 0);
  const first = problems[0];
  if (first) throw new NotebookError(path, first.problem, first.cell);
  checkCellIds(path, notebook);
  checkKernel(path, notebook, options.kernels ?? [KERNEL_NAME]);
  return notebook;
}

function checkCellIds(path: string, notebook: INotebookContent): void {
  const seen = new Map<string, number>();
  notebook.cells.forEach((cell, index) => {
    const id = cell.id;
    if (typeof id !== "string") return;
    const before = seen.get(id);
    if (before !== undefined) throw new NotebookError(path, `duplicate cell id (also used by cell ${before})`, { index, id });
    seen.set(id, index);
  });
}

function checkKernel(path: string, notebook: INotebookContent, kernels: readonly string[]): void {
  const spec = notebook.metadata.kernelspec;
  if (!spec || typeof spec.name !== "string") {
    throw new NotebookError(path, `no kernelspec in the notebook metadata (expected "kernelspec": {"name": "${KERNEL_NAME}", ...})`);
  }
  if (!kernels.includes(spec.name)) {
    throw new NotebookError(path, `unknown kernelspec '${spec.name}' (this runner runs: ${kernels.join(", ")})`);
  }
}

/**
 * "line 3 column 5: ValueExpected". JSON.parse's message has no position in
 * current V8, so the error is located with jsonc-parser (VS Code's parser).
 */
function jsonErrorWhere(text: string, err: unknown): string {
  const errors: ParseError[] = [];
  parseLenient(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (!first) return err instanceof Error ? err.message : String(err);
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  return `line ${line} column ${column}: ${printParseErrorCode(first.error)}`;
}
