/** Shared helpers for the integration tests that start real tslab kernels. */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = join(projectRoot, "test", "fixtures", "runner");

/** Copy fixture notebooks into a fresh temp folder; returns the folder. */
export async function fixtureDir(...names: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "nb-it-"));
  for (const name of names) await cp(join(fixtures, `${name}.ipynb`), join(dir, `${name}.ipynb`));
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real CLI (`tsx scripts/nb.ts …`) as a user would, from the project root. */
export function nb(args: string[], options: { env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // As `npm run nb` does: Node (the pinned one running the tests) with tsx's loader, one process.
    const child = spawn(process.execPath, ["--import", "tsx", join(projectRoot, "scripts", "nb.ts"), ...args, "--plain"], {
      cwd: projectRoot,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (child.pid) options.onSpawn?.(child.pid);
  });
}

export async function readJson(
  path: string,
): Promise<{ cells: { outputs?: Record<string, unknown>[]; execution_count?: number | null }[] }> {
  return JSON.parse(await readFile(path, "utf8"));
}

/** All text of a cell's outputs, for assertions. */
export function outputText(cell: { outputs?: Record<string, unknown>[] } | undefined): string {
  return (cell?.outputs ?? [])
    .map((o) => {
      const t = o["text"] ?? o["traceback"] ?? Object.values((o["data"] as Record<string, unknown>) ?? {});
      return Array.isArray(t) ? t.flat().join(o["traceback"] ? "\n" : "") : String(t);
    })
    .join("");
}
