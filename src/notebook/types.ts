/**
 * The notebook document as the pipeline passes it between stages. The shapes
 * are nbformat 4's (from @jupyterlab/nbformat); a `NotebookFile` adds where it
 * came from, so every later error can name the file.
 */
import type { ICell, ICodeCell, INotebookContent, IOutput, MultilineString } from "@jupyterlab/nbformat";

export type { ICell, ICodeCell, INotebookContent, IOutput, MultilineString };

/** The kernelspec every notebook in this project names (see src/kernel/kernelspec.ts). */
export const KERNEL_NAME = "study-notes-ts";

/** A notebook read from disk, validated, with its path and the exact text it had. */
export interface NotebookFile {
  /** Path as the user gave it (relative paths stay relative, for messages). */
  path: string;
  /** The file's text, byte-for-byte, so callers can tell whether anything changed. */
  text: string;
  notebook: INotebookContent;
}

/** Where a cell sits, for messages: index (0-based) and id. */
export interface CellLocation {
  index: number;
  id: string;
}

/** Join an nbformat multiline string (a string or a list of lines). */
export function joinMultiline(value: MultilineString | undefined): string {
  if (value === undefined) return "";
  return Array.isArray(value) ? value.join("") : value;
}

/** Split text into lines that keep their line endings, as nbformat writes them. */
export function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

/** The cell's tags (metadata.tags), or an empty list. */
export function cellTags(cell: ICell): string[] {
  const tags = cell.metadata["tags"];
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/** "cell 3 (id 'a1b2')" — how every message in the project names a cell. */
export function describeCell(loc: CellLocation): string {
  return `cell ${loc.index} (id '${loc.id}')`;
}
