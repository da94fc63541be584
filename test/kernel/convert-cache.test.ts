/**
 * The convert cache of the patched tslab (patches/tslab+1.0.22.patch, dist/convert-cache.js):
 * a cell whose source, earlier declarations and every file its TypeScript program read are
 * unchanged reuses the stored type-check + emit result, and the kernel never loads TypeScript.
 * Real CLI, real kernels, a temp project with its own module and its own cache folder.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { installKernelSpec } from "../../src/kernel/kernelspec";
import { nb, outputText, projectRoot, readJson } from "./helpers";

const LIB = `let count = 0;
export function double(x: number): number {
  count++;
  return 2 * x;
}
export function calls(): number {
  return count;
}
`;

const CELLS = [
  'import { double, calls } from "./lib";\ndouble(21)',
  "const n: number = double(2);\nn",
  // 2 only if both cells used one instance of the module.
  "calls()",
  // Did this kernel load TypeScript? Only a cell that missed the cache needs it.
  String.raw`Object.keys(require.cache).some((k) => /typescript-for-tslab[\\/]lib[\\/]typescript\.js$/.test(k))`,
  "/** @module helper */\nexport const k: number = 7;",
  'import { k } from "./helper";\nk * n',
];

function notebook(cells: string[]): string {
  return `${JSON.stringify(
    {
      cells: cells.map((source, i) => ({ cell_type: "code", execution_count: null, id: `c${i}`, metadata: {}, outputs: [], source })),
      metadata: { kernelspec: { display_name: "TypeScript (study notes)", language: "typescript", name: "study-notes-ts" } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  )}\n`;
}

/** A JupyterLab-like session through jupyter_client: two cells, a completion, a hover, one more cell. */
const JUPYTER_SESSION = `
import json, sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="study-notes-ts", cwd=sys.argv[1])
def run(code):
    msg_id = kc.execute(code)
    out = []
    while True:
        m = kc.get_iopub_msg(timeout=60)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "stream":
            out.append(m["content"]["text"])
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return "".join(out)
try:
    outputs = [run('import { double } from "./lib";\\ndouble(21)'), run(${JSON.stringify(CELLS[3])})]
    complete = kc.complete("dou", 3, reply=True, timeout=60)["content"]["matches"]
    inspect = kc.inspect("double", 3, reply=True, timeout=60)["content"]["data"].get("text/plain", "")
    after = run("double(3)")
    print(json.dumps({"outputs": outputs, "complete": complete, "inspect": inspect, "after": after}))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)
`;

const dirs: string[] = [];
async function project(): Promise<{ dir: string; path: string; cache: string }> {
  const dir = await mkdtemp(join(tmpdir(), "nb-cache-"));
  dirs.push(dir);
  await writeFile(join(dir, "package.json"), "{}\n");
  await writeFile(join(dir, "lib.ts"), LIB);
  const path = join(dir, "cache.ipynb");
  await writeFile(path, notebook(CELLS));
  return { dir, path, cache: join(dir, "convert-cache") };
}

async function run(path: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const r = await nb(["run", path], { env });
  assert.equal(r.code, 0, r.stderr);
  return (await readJson(path)).cells.map((c) => outputText(c));
}

async function files(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("tslab convert cache", { concurrency: 2 }, () => {
  it("a second run reuses every conversion: same outputs, one module instance, no TypeScript loaded", async () => {
    const { path, cache } = await project();
    const cold = await run(path, { TSLAB_CONVERT_CACHE_DIR: cache });
    assert.deepEqual(cold, ["42\n", "4\n", "2\n", "true\n", "", "28\n"]);
    assert.ok((await files(cache)) > 0, "the first run stored its conversions");
    const warm = await run(path, { TSLAB_CONVERT_CACHE_DIR: cache });
    assert.deepEqual(warm.slice(0, 3), cold.slice(0, 3));
    assert.equal(warm[3], "false\n", "every cell before the @module cell was served from the cache");
    assert.equal(warm[5], "28\n", "a cell after a @module cell still sees that module");
  });

  it("a changed imported file is a miss: the new types are checked", async () => {
    const { dir, path, cache } = await project();
    await run(path, { TSLAB_CONVERT_CACHE_DIR: cache });
    await writeFile(
      join(dir, "lib.ts"),
      LIB.replace("): number {\n  count++;\n  return 2 * x;", "): string {\n  count++;\n  return String(2 * x);"),
    );
    const r = await nb(["run", path], { env: { TSLAB_CONVERT_CACHE_DIR: cache } });
    assert.equal(r.code, 1, "the stale conversion would have passed");
    assert.match(r.stderr, /cell 1 \(id 'c1'\) raised an error/);
    assert.match(r.stderr, /Type 'string' is not assignable to type 'number'/);
  });

  it("entries unused for 30 days are pruned, at most once a day", async () => {
    const { path, cache } = await project();
    await run(path, { TSLAB_CONVERT_CACHE_DIR: cache });
    const stale = join(cache, "00", `${"0".repeat(64)}.json`);
    await mkdir(join(cache, "00"), { recursive: true });
    await writeFile(stale, "{}");
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    await utimes(stale, old, old);
    // Pruned today already (by the first run): the stale entry survives this run...
    await run(path, { TSLAB_CONVERT_CACHE_DIR: cache });
    assert.ok(await stat(stale), "pruning ran twice in a day");
    // ...and goes once the last prune is a day old; entries used in the last run stay.
    const yesterday = new Date(Date.now() - 25 * 3600 * 1000);
    await utimes(join(cache, "last-prune"), yesterday, yesterday);
    const before = await files(cache);
    const warm = await run(path, { TSLAB_CONVERT_CACHE_DIR: cache });
    await assert.rejects(stat(stale), "the stale entry was pruned");
    assert.equal(await files(cache), before - 1);
    assert.equal(warm[3], "false\n", "the entries in use survived");
  });

  it("completion and hover still work in a kernel whose cells came from the cache (Jupyter's own client)", async () => {
    const { dir, cache } = await project();
    const data = join(dir, "jupyter-data");
    const env = { ...process.env, JUPYTER_DATA_DIR: data, TSLAB_CONVERT_CACHE_DIR: cache };
    await installKernelSpec(projectRoot, { kind: "user", env });
    // Debian's jupyter-client lives in the system Python (scripts/ensure-test-deps.sh installs it).
    const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const session = async () => JSON.parse((await promisify(execFile)(python, ["-c", JUPYTER_SESSION, dir], { env })).stdout);
    const cold = await session();
    assert.deepEqual(cold.outputs, ["42\n", "true\n"]);
    const warm = await session();
    assert.deepEqual(warm.outputs, ["42\n", "false\n"], "the second kernel ran both cells from the cache");
    assert.deepEqual(warm.complete, ["double"]);
    assert.match(warm.inspect, /function double\(x: number\): number/);
    assert.equal(warm.after, "6\n", "a cell after the real converter took over still runs");
  });

  it("TSLAB_CONVERT_CACHE=off stores nothing and converts every cell", async () => {
    const { path, cache } = await project();
    const env = { TSLAB_CONVERT_CACHE: "off", TSLAB_CONVERT_CACHE_DIR: cache };
    await run(path, env);
    const second = await run(path, env);
    assert.equal(second[3], "true\n");
    assert.equal(await files(cache), 0);
    assert.equal(await readFile(join(path, "..", "lib.ts"), "utf8"), LIB);
  });
});
