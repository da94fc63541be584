/**
 * Build the site once for the site tests: the real notebooks plus the
 * exporter's fixtures (every output type, the injection notebook, the
 * interactive figure), into test-results/site/ so `dist/` and `content/` are
 * left alone. SITE_TEST_DIST=path reuses a site built before.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { promisify } from "node:util";

export const WORK = resolve("test-results/site");
/** Written by the injection fixture's `export`/`{…}` if MDX ever ran them at build time. */
export const CANARY = resolve("test-results/pwned-by-notebook.txt");

export async function buildTestSite(): Promise<{ dist: string; ms: number }> {
  const reuse = process.env["SITE_TEST_DIST"];
  if (reuse) return { dist: resolve(reuse), ms: 0 };
  await rm(WORK, { recursive: true, force: true });
  await rm(CANARY, { force: true });
  const dist = resolve(WORK, "dist");
  const t0 = performance.now();
  await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/site-build.ts",
      "--notebooks",
      "notebooks",
      "--notebooks",
      "test/fixtures/export/input",
      "--out",
      dist,
      "--cache-dir",
      resolve(WORK, "cache"),
    ],
    { env: { ...process.env, STUDY_NOTES_CONTENT: resolve(WORK, "content") }, timeout: 300_000, maxBuffer: 32 * 1024 * 1024 },
  );
  return { dist, ms: Math.round(performance.now() - t0) };
}
