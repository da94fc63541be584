/**
 * The kernelspec as Jupyter's own tools see it (Debian's jupyter-client and
 * jupyter-nbconvert, installed by scripts/ensure-test-deps.sh): listed by
 * `jupyter kernelspec list`, and a notebook executed by nbconvert with it
 * matches what our runner produces.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { installKernelSpec, kernelDir, uninstallKernelSpec } from "../../src/kernel/kernelspec";
import { compareNotebooks } from "../../src/runner/compare";
import { fixtureDir, nb, projectRoot } from "./helpers";

const exec = promisify(execFile);

async function kernelspecs(
  env: NodeJS.ProcessEnv,
): Promise<Record<string, { resource_dir: string; spec: { argv: string[]; display_name: string } }>> {
  const { stdout } = await exec("jupyter", ["kernelspec", "list", "--json"], { env: { ...process.env, ...env } });
  return JSON.parse(stdout).kernelspecs;
}

describe("kernelspec with Jupyter's own tools", () => {
  it("installs into JUPYTER_DATA_DIR, is listed by jupyter, updates in place, and uninstalls", async () => {
    const data = await mkdtemp(join(tmpdir(), "jupyter-data-"));
    const env = { JUPYTER_DATA_DIR: data };
    const dir = await installKernelSpec(projectRoot, { kind: "user", env });
    assert.equal(dir, join(data, "kernels", "study-notes-ts"));
    assert.deepEqual((await readdir(dir)).sort(), ["kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]);
    const spec = (await kernelspecs(env))["study-notes-ts"];
    assert.ok(spec, "jupyter kernelspec list shows it");
    assert.equal(spec.spec.display_name, "TypeScript (study notes)");
    assert.deepEqual(spec.spec.argv.slice(0, 2), [
      join(projectRoot, "node_modules/node/bin/node"),
      join(projectRoot, "node_modules/tslab/bin/tslab"),
    ]);
    await installKernelSpec(projectRoot, { kind: "user", env }); // re-run: same place, no error
    assert.equal((await kernelspecs(env))["study-notes-ts"]?.resource_dir, dir);
    assert.equal(await uninstallKernelSpec({ kind: "user", env }), dir);
    assert.equal((await kernelspecs(env))["study-notes-ts"], undefined);
    assert.equal(await uninstallKernelSpec({ kind: "user", env }), undefined, "uninstalling twice is fine");
  });

  it("--prefix installs where `jupyter kernelspec install --prefix` would", async () => {
    const prefix = await mkdtemp(join(tmpdir(), "jupyter-prefix-"));
    await installKernelSpec(projectRoot, { kind: "prefix", prefix });
    assert.ok(existsSync(join(kernelDir({ kind: "prefix", prefix }), "kernel.json")));
    const listed = await kernelspecs({ JUPYTER_PATH: join(prefix, "share", "jupyter"), JUPYTER_DATA_DIR: join(prefix, "empty") });
    assert.ok(listed["study-notes-ts"]);
  });

  it("nbconvert --execute with the kernelspec gives the same outputs as our runner", async () => {
    const data = await mkdtemp(join(tmpdir(), "jupyter-data-"));
    const env = { ...process.env, JUPYTER_DATA_DIR: data };
    await installKernelSpec(projectRoot, { kind: "user", env });
    const dir = await fixtureDir("success", "display");
    for (const name of ["success", "display"]) {
      const path = join(dir, `${name}.ipynb`);
      await exec("jupyter", ["nbconvert", "--to", "notebook", "--execute", path, "--output", `${name}.nbconvert.ipynb`], { env, cwd: dir });
      const r = await nb(["run", path]);
      assert.equal(r.code, 0, r.stderr);
      const ours = JSON.parse(await readFile(path, "utf8"));
      const theirs = JSON.parse(await readFile(join(dir, `${name}.nbconvert.ipynb`), "utf8"));
      assert.deepEqual(compareNotebooks(ours, theirs), [], `${name}: nbconvert and nb run agree`);
    }
  });
});

describe("npm run kernel:install / kernel:uninstall (the command line)", () => {
  const kernelCli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    exec(process.execPath, ["--import", "tsx", join(projectRoot, "scripts", "kernel.ts"), ...args], {
      env: { ...process.env, ...env },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it("installs for the user by default, updates in place, and uninstalls", async () => {
    const data = await mkdtemp(join(tmpdir(), "jupyter-data-"));
    const first = await kernelCli(["install"], { JUPYTER_DATA_DIR: data });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Installed kernelspec study-notes-ts \("TypeScript \(study notes\)"\)/);
    assert.equal((await kernelCli(["install", "--user"], { JUPYTER_DATA_DIR: data })).code, 0);
    const removed = await kernelCli(["uninstall"], { JUPYTER_DATA_DIR: data });
    assert.match(removed.stdout, /Removed kernelspec study-notes-ts/);
    assert.ok(!existsSync(join(data, "kernels", "study-notes-ts")));
  });

  it("refuses contradictory or unknown arguments with exit 2 and the usage", async () => {
    for (const args of [["install", "--user", "--prefix", "/tmp/x"], ["install", "--colour"], ["frobnicate"], []]) {
      const r = await kernelCli(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /usage: kernel <install\|uninstall>/);
    }
  });
});
