/**
 * Cell ids per nbformat 4.5: keep the ids a notebook has; give cells without
 * one an id derived from the cell's position and source, so two runs of the
 * same file add the same ids (determinism) and they never collide.
 */
import { createHash } from "node:crypto";
import type { INotebookContent } from "@jupyterlab/nbformat";
import { joinMultiline } from "./types";

/** Add missing ids and raise nbformat_minor to 5. Returns true if anything changed. */
export function ensureCellIds(notebook: INotebookContent): boolean {
  let changed = false;
  const used = new Set(notebook.cells.map((c) => c.id).filter((id): id is string => typeof id === "string"));
  notebook.cells.forEach((cell, index) => {
    if (typeof cell.id === "string") return;
    let salt = 0;
    let id: string;
    do {
      id = createHash("sha256")
        .update(`${index}\0${salt++}\0${joinMultiline(cell.source)}`)
        .digest("hex")
        .slice(0, 8);
    } while (used.has(id));
    used.add(id);
    cell.id = id;
    changed = true;
  });
  if (notebook.nbformat_minor < 5) {
    notebook.nbformat_minor = 5;
    changed = true;
  }
  return changed;
}
