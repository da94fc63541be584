/**
 * `npm run bench:check`: a benchmark, not a test. Times `nb check` over all
 * notebooks and, where `jupyter` is on PATH, `jupyter nbconvert --execute`
 * of the same notebooks with the same kernelspec (installed into a temp
 * JUPYTER_DATA_DIR), in one run, and prints the ratio. Goal: ≤ 0.5.
 *   --repeat N   runs of each command; the median is reported (default 3)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { installKernelSpec } from "../src/kernel/kernelspec";
import { findNotebooks } from "../src/runner/discover";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { repeat: { type: "string", default: "3" } } });
const repeat = Math.max(1, Number(values.repeat) || 3);
const notebooks = await findNotebooks([join(root, "notebooks")]);

function time(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}):\n${r.stderr.toString()}`);
    runs.push(ms);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] ?? 0;
  console.log(
    `${label.padEnd(44)} ${(median / 1000).toFixed(2).padStart(7)} s  (median of ${repeat}: ${runs.map((r) => (r / 1000).toFixed(2)).join(", ")})`,
  );
  return median;
}

console.log(`${notebooks.length} notebooks, ${availableParallelism()} cores\n`);
const tsx = join(root, "node_modules", ".bin", "tsx");
const nb = join(root, "scripts", "nb.ts");
const ours = time(`nb check (--jobs ${availableParallelism()})`, tsx, [nb, "check", ...notebooks, "--plain"]);
const oursSerial = time("nb check (--jobs 1)", tsx, [nb, "check", ...notebooks, "--plain", "--jobs", "1"]);

let jupyter = true;
try {
  execFileSync("jupyter", ["nbconvert", "--version"], { stdio: "ignore" });
} catch {
  jupyter = false;
}
if (!jupyter) {
  console.log("\njupyter is not on PATH: no nbconvert comparison (install jupyter-nbconvert to get the ratio)");
} else {
  const data = mkdtempSync(join(tmpdir(), "bench-jupyter-"));
  const out = mkdtempSync(join(tmpdir(), "bench-out-"));
  try {
    await installKernelSpec(root, { kind: "user", env: { JUPYTER_DATA_DIR: data } });
    // nbconvert writes next to its input unless told otherwise: execute copies in a temp folder
    // placed like notebooks/ so relative imports (../src/lib) resolve the same way.
    const copies = join(root, `.bench-${process.pid}`);
    cpSync(join(root, "notebooks"), copies, { recursive: true });
    try {
      const theirs = time(
        "jupyter nbconvert --execute (sequential)",
        "jupyter",
        ["nbconvert", "--to", "notebook", "--execute", "--output-dir", out, ...notebooks.map((n) => join(copies, basename(n)))],
        {
          ...process.env,
          JUPYTER_DATA_DIR: data,
        },
      );
      console.log(
        `\nratio nb check / nbconvert: ${(ours / theirs).toFixed(2)} (goal ≤ 0.50); with --jobs 1: ${(oursSerial / theirs).toFixed(2)}`,
      );
    } finally {
      rmSync(copies, { recursive: true, force: true });
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}
