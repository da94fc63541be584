/**
 * What a note page needs besides its body, read from the notebook: the
 * `metadata.study_notes` block (documented in the README), the file name
 * (`NN-slug.ipynb`), and the text itself (title, summary, reading time).
 * Nothing here depends on the clock, so the same notebook always exports
 * to the same bytes.
 */
import type { INotebookContent } from "@jupyterlab/nbformat";
import { basename } from "node:path";
import type { Place } from "./errors";
import { ExportError } from "./errors";

/** `metadata.study_notes` as authors write it; every field optional. */
export interface StudyNotesMetadata {
  title?: string;
  summary?: string;
  learn?: string[];
  order?: number;
  /** Written by `nb run` (Node and tslab versions); with no date, the page shows the notebook's last commit date. */
  verified?: { date?: string; node?: string; tslab?: string };
}

/** The frontmatter of a generated note (validated again by src/content.config.ts). */
export interface NoteFrontmatter {
  title: string;
  summary: string;
  learn: string[];
  order: number;
  slug: string;
  /** Repository-relative path of the notebook, with forward slashes. */
  source: string;
  readingMinutes: number;
  verified?: { date?: string; node?: string; tslab?: string };
  /** Interactive figures on the page (each loads its own script). */
  interactive: string[];
}

/** `notebooks/03-chain-rule.ipynb` → order 3, slug "chain-rule". */
export function nameParts(path: string): { order: number | undefined; slug: string } {
  const stem = basename(path).replace(/\.ipynb$/i, "");
  const m = /^(\d+)[-_](.+)$/.exec(stem);
  const slug = (m?.[2] ?? stem)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return { order: m ? Number(m[1]) : undefined, slug: slug || "note" };
}

/** Read and type-check `metadata.study_notes`; a wrong type is a located error. */
export function studyNotesMetadata(notebook: INotebookContent, place: Place): StudyNotesMetadata {
  const raw = notebook.metadata["study_notes"];
  if (raw === undefined) return {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ExportError(place, "metadata.study_notes must be an object");
  }
  const m = raw as Record<string, unknown>;
  const out: StudyNotesMetadata = {};
  const str = (key: string, value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== "string")
      throw new ExportError(place, `metadata.study_notes.${key} must be a string (got ${JSON.stringify(value)})`);
    return value;
  };
  const title = str("title", m["title"]);
  if (title !== undefined) out.title = title;
  const summary = str("summary", m["summary"]);
  if (summary !== undefined) out.summary = summary;
  if (m["learn"] !== undefined) {
    if (!Array.isArray(m["learn"]) || !m["learn"].every((x) => typeof x === "string")) {
      throw new ExportError(place, "metadata.study_notes.learn must be a list of strings");
    }
    out.learn = m["learn"] as string[];
  }
  if (m["order"] !== undefined) {
    if (typeof m["order"] !== "number" || !Number.isFinite(m["order"]))
      throw new ExportError(place, "metadata.study_notes.order must be a number");
    out.order = m["order"];
  }
  const verified = m["verified"];
  if (verified !== undefined) {
    if (typeof verified !== "object" || verified === null) throw new ExportError(place, "metadata.study_notes.verified must be an object");
    const v = verified as Record<string, unknown>;
    const date = str("verified.date", v["date"]);
    const node = str("verified.node", v["node"]);
    const tslab = str("verified.tslab", v["tslab"]);
    out.verified = { ...(date && { date }), ...(node && { node }), ...(tslab && { tslab }) };
  }
  return out;
}

/** Minutes to read: Korean prose at ~500 characters a minute, code at ~30 lines a minute. */
export function readingMinutes(proseChars: number, codeLines: number): number {
  return Math.max(1, Math.round(proseChars / 500 + codeLines / 30));
}

/** The first sentence-ish of a paragraph, for the home page. */
export function shorten(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
