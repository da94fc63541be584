/**
 * Problems found while exporting. Content problems (bad LaTeX, an unknown MIME
 * type, an unreadable notebook) are located: notebook path, cell index and id,
 * and the offending text, so the build prints one line a reader can act on.
 */
import { describeCell, type CellLocation } from "../notebook/types";

/** Where in a notebook a problem is. `cell` is absent for whole-notebook problems. */
export interface Place {
  path: string;
  cell?: CellLocation;
  /** "output 2" or "attachment 'a.png'", when the cell alone is not precise enough. */
  part?: string;
}

/** Quote at most `max` characters of the offending text, on one line. */
export function quote(text: string, max = 120): string {
  const flat = text.replace(/\r?\n/g, "⏎").replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/** "notebooks/01-x.ipynb: cell 3 (id 'ab'): output 0: " */
export function describePlace(place: Place): string {
  const parts = [place.path];
  if (place.cell) parts.push(describeCell(place.cell));
  if (place.part) parts.push(place.part);
  return parts.join(": ");
}

/** A problem in content that fails the export. `exitCode` 2 like the notebook reader's errors. */
export class ExportError extends Error {
  override name = "ExportError";
  readonly exitCode = 2;
  constructor(
    readonly place: Place,
    readonly problem: string,
  ) {
    super(`${describePlace(place)}: ${problem}`);
  }
}

/** A problem that has a fallback rendering: reported, but the build goes on. */
export interface ExportWarning {
  place: Place;
  problem: string;
}

export function formatWarning(warning: ExportWarning): string {
  return `${describePlace(warning.place)}: ${warning.problem}`;
}
