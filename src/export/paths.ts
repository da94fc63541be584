/**
 * Where generated notes live. The site build, the asset endpoint and the
 * exporter agree through one environment variable so that tests and the
 * benchmark can build a site from other notebooks without touching `content/`.
 */
import { resolve } from "node:path";

/** Folder of generated `.mdx` notes (git-ignored). Override: STUDY_NOTES_CONTENT. */
export function notesDir(): string {
  return resolve(process.env["STUDY_NOTES_CONTENT"] ?? "content/notes");
}

/** Assets of all notes, served at `/nb/<name>`. */
export function assetsDir(): string {
  return resolve(notesDir(), "_assets");
}

/** Experiment logs (YAML, committed). */
export function experimentsDir(): string {
  return resolve(process.env["STUDY_NOTES_EXPERIMENTS"] ?? "content/experiments");
}
