/**
 * `npm run bench:check`: a benchmark, not a test. Times `nb check` over all
 * notebooks and, where `jupyter` is on PATH, `jupyter nbconvert --execute`
 * of the same notebooks with the same kernelspec (installed into a temp
 * JUPYTER_DATA_DIR), in one run, and prints the ratio. Goal: ≤ 0.5.
 *
 * Both tools start the same patched tslab kernel, so both get its convert cache
 * (tslab's type-check + emit results, see patches/): each is timed twice,
 *   cold  TSLAB_CONVERT_CACHE=off: every cell type-checked (a fresh clone, CI)
 *   warm  a cache primed by one untimed run of each tool (a re-check after edits elsewhere)
 *   --repeat N   runs of each command; the median is reported (default 3)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { installKernelSpec } from "../src/kernel/kernelspec";
import { defaultJobs } from "../src/runner/cli";
import { findNotebooks } from "../src/runner/discover";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { repeat: { type: "string", default: "3" } } });
const repeat = Math.max(1, Number(values.repeat) || 3);
const notebooks = await findNotebooks([join(root, "notebooks")]);

interface Command {
  label: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

function runOnce(c: Command, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(c.command, c.args, { cwd: root, env: { ...process.env, ...c.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${c.label} failed (exit ${r.status}):\n${r.stderr.toString()}`);
  return ms;
}

function time(c: Command, mode: string, env: NodeJS.ProcessEnv): number {
  const runs: number[] = [];
  for (let i = 0; i < repeat; i++) runs.push(runOnce(c, env));
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] ?? 0;
  console.log(
    `${`${c.label}, ${mode}`.padEnd(50)} ${(median / 1000).toFixed(2).padStart(7)} s  (median of ${repeat}: ${runs.map((r) => (r / 1000).toFixed(2)).join(", ")})`,
  );
  return median;
}

function ratioLine(mode: string, ours: number, theirs: number): string {
  const r = ours / theirs;
  return `ratio nb check / nbconvert, ${mode}: ${r.toFixed(2)} (goal ≤ 0.50: ${r <= 0.5 ? "met" : "not met"})`;
}

console.log(`${notebooks.length} notebooks, ${availableParallelism()} cores\n`);
// What `npm run check` runs: the pinned Node with tsx's loader.
const nb = ["--import", "tsx", join(root, "scripts", "nb.ts"), "check", ...notebooks, "--plain"];
const commands: Command[] = [
  { label: `nb check (--jobs ${defaultJobs()}, the default)`, command: process.execPath, args: nb },
  { label: "nb check (--jobs 1)", command: process.execPath, args: [...nb, "--jobs", "1"] },
];

let jupyter = true;
try {
  execFileSync("jupyter", ["nbconvert", "--version"], { stdio: "ignore" });
} catch {
  jupyter = false;
}
const scratch = mkdtempSync(join(tmpdir(), "bench-check-"));
// nbconvert writes next to its input unless told otherwise: it executes copies in a folder
// placed like notebooks/ so relative imports (../src/lib) resolve the same way.
const copies = join(root, `.bench-${process.pid}`);
try {
  if (jupyter) {
    const data = join(scratch, "jupyter");
    await installKernelSpec(root, { kind: "user", env: { JUPYTER_DATA_DIR: data } });
    cpSync(join(root, "notebooks"), copies, { recursive: true });
    commands.push({
      label: "jupyter nbconvert --execute (sequential)",
      command: "jupyter",
      args: [
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--output-dir",
        join(scratch, "out"),
        ...notebooks.map((n) => join(copies, basename(n))),
      ],
      env: { JUPYTER_DATA_DIR: data },
    });
  }

  const [ours = 0, serial = 0, theirs] = commands.map((c) => time(c, "cold", { TSLAB_CONVERT_CACHE: "off" }));
  console.log();
  const warmEnv = { TSLAB_CONVERT_CACHE_DIR: join(scratch, "convert-cache") };
  for (const c of commands) runOnce(c, warmEnv);
  const [oursWarm = 0, serialWarm = 0, theirsWarm] = commands.map((c) => time(c, "warm", warmEnv));

  if (theirs === undefined || theirsWarm === undefined) {
    console.log("\njupyter is not on PATH: no nbconvert comparison (install jupyter-nbconvert to get the ratio)");
  } else {
    console.log();
    console.log(ratioLine("cold", ours, theirs));
    console.log(ratioLine("warm", oursWarm, theirsWarm));
    console.log(`with --jobs 1: cold ${(serial / theirs).toFixed(2)}, warm ${(serialWarm / theirsWarm).toFixed(2)}`);
  }
} finally {
  rmSync(copies, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
