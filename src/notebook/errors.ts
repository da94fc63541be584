/**
 * Errors about bad input. Each one names the file and, when it can, the cell;
 * the CLI prints `message` as one line and exits with `exitCode`.
 */
import { describeCell, type CellLocation } from "./types";

/** The input is not a notebook this project can run: exit 2, file untouched. */
export class NotebookError extends Error {
  override name = "NotebookError";
  readonly exitCode = 2;
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly cell?: CellLocation,
  ) {
    super(`${path}: ${cell ? `${describeCell(cell)}: ` : ""}${problem}`);
  }
}
