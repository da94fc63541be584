/**
 * Check stage: compare a notebook's stored outputs with freshly executed ones,
 * cell by cell, after `normalizeOutputs`, with numbers compared within the
 * tolerance (notebook metadata, then cell metadata, may override it).
 */
import type { INotebookContent, IOutput } from "@jupyterlab/nbformat";
import { createPatch } from "diff";
import { joinMultiline, type CellLocation } from "../notebook/types";
import { isCodeCell } from "./execute";
import { normalizeOutputs } from "./normalize";
import { DEFAULT_TOLERANCE, textClose, toleranceFrom, type Tolerance } from "./tolerance";

export interface CellMismatch {
  cell: CellLocation;
  source: string;
  /** 1-based line of the normalised outputs where they first differ. */
  firstDifference: number;
  expected: string[];
  actual: string[];
  /** A unified diff of the normalised outputs around the first difference. */
  diff: string;
}

/** Compare every code cell of `stored` with the same cell (same index) of `executed`. */
export function compareNotebooks(
  stored: INotebookContent,
  executed: INotebookContent,
  base: Tolerance = DEFAULT_TOLERANCE,
): CellMismatch[] {
  const notebookTol = toleranceFrom(stored.metadata as Record<string, unknown>, base);
  const mismatches: CellMismatch[] = [];
  stored.cells.forEach((cell, index) => {
    const other = executed.cells[index];
    if (!isCodeCell(cell) || !other || !isCodeCell(other)) return;
    const tol = toleranceFrom(cell.metadata as Record<string, unknown>, notebookTol);
    const expected = normalizeOutputs(cell.outputs as IOutput[]);
    const actual = normalizeOutputs(other.outputs as IOutput[]);
    const first = firstDifference(expected, actual, tol);
    if (first < 0) return;
    mismatches.push({
      cell: { index, id: String(other.id ?? cell.id ?? "") },
      source: joinMultiline(cell.source),
      firstDifference: first + 1,
      expected,
      actual,
      diff: readableDiff(expected, actual, first),
    });
  });
  return mismatches;
}

/** Index of the first line that differs beyond tolerance, or -1. */
export function firstDifference(expected: readonly string[], actual: readonly string[], tol: Tolerance): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = expected[i];
    const b = actual[i];
    if (a === undefined || b === undefined || !textClose(a, b, tol)) return i;
  }
  return -1;
}

/** A unified diff limited to a window around the first difference (outputs can be thousands of lines). */
function readableDiff(expected: readonly string[], actual: readonly string[], first: number, context = 3, window = 12): string {
  const from = Math.max(0, first - context);
  const cut = (lines: readonly string[]) => `${lines.slice(from, first + window).join("\n")}\n`;
  const patch = createPatch("outputs", cut(expected), cut(actual), "stored", "executed", { context });
  return patch
    .split("\n")
    .slice(4) // drop the "Index:" / "===" / file header lines
    .filter((l) => !l.startsWith("\\ No newline"))
    .join("\n")
    .trimEnd();
}
