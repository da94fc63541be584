/**
 * The tool versions that produced a notebook's outputs, recorded by `nb run`
 * in `metadata.study_notes.verified` so the site can say what verified them.
 * Versions only, no date: two runs must write identical files (the site
 * takes the date from git).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { INotebookContent } from "@jupyterlab/nbformat";

export interface ToolVersions {
  node: string;
  tslab: string;
}

/** Versions of the pinned Node and tslab in a checkout. */
export function toolVersions(projectRoot: string): ToolVersions {
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(join(projectRoot, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  return { node: version("node"), tslab: version("tslab") };
}

/** Set metadata.study_notes.verified, keeping the rest of study_notes (and its key order). */
export function recordVersions(notebook: INotebookContent, versions: ToolVersions): void {
  const meta = notebook.metadata as Record<string, unknown>;
  const ours =
    typeof meta["study_notes"] === "object" && meta["study_notes"] !== null ? (meta["study_notes"] as Record<string, unknown>) : {};
  ours["verified"] = { node: versions.node, tslab: versions.tslab };
  meta["study_notes"] = ours;
}
