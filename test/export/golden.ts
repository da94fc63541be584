/**
 * Golden files: compare against a checked-in snapshot after normalisation.
 * A missing snapshot is written (and the test passes) locally, but fails in CI
 * (CI=true), so a forgotten file never passes unnoticed. UPDATE_GOLDEN=1
 * rewrites snapshots; review the change with `git diff`.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Line endings and trailing spaces are not content. */
export function normalize(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n*$/, "\n");
}

export async function assertGolden(path: string, actual: string): Promise<void> {
  const got = normalize(actual);
  if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(path)) {
    if (process.env["CI"] === "true" && process.env["UPDATE_GOLDEN"] !== "1") {
      assert.fail(`missing golden file ${path}: run the tests locally and commit it`);
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, got);
    return;
  }
  const want = normalize(await readFile(path, "utf8"));
  assert.equal(got, want, `${path} differs (UPDATE_GOLDEN=1 to accept the new output, then review git diff)`);
}
