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
  return `${toJson(notebook, "")}\n`;
}

/**
 * JSON.stringify(value, null, 1), except that floats are written as Python's
 * json module writes them (1e-06, 1e+16), so a notebook saved by Jupyter is
 * written back byte-for-byte when nothing in it changed.
 */
function toJson(value: unknown, indent: string): string {
  if (typeof value === "number") return pythonNumber(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    return `[\n${value.map((v) => inner + toJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (!entries.length) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${toJson(v, inner)}`).join(",\n")}\n${indent}}`;
}

/** Python's float repr: fixed notation for 1e-4 <= |x| < 1e16, else d.ddde±XX. */
export function pythonNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const [mantissa = "0", exponent = "0"] = n.toExponential().split("e");
  const e = Number(exponent);
  if (e >= -4 && e < 16) return String(n);
  return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
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
