/**
 * The project's kernelspec: tslab run by this checkout's pinned Node (the
 * `node` devDependency) from this checkout's node_modules, so JupyterLab,
 * VS Code, nbconvert and our runner all execute cells with the versions CI
 * uses. Written without Python: a kernelspec is just a folder with
 * kernel.json (and optional logos).
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { homedir, platform } from "node:os";
import { join, resolve } from "node:path";
import { KERNEL_NAME } from "../notebook/types";

export const KERNEL_DISPLAY_NAME = "TypeScript (study notes)";

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal";
  env: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** Paths of the pinned Node and tslab inside a checkout. */
export function kernelCommand(projectRoot: string): { node: string; tslab: string } {
  const root = resolve(projectRoot);
  return {
    node: join(root, "node_modules", "node", "bin", "node"),
    tslab: join(root, "node_modules", "tslab", "bin", "tslab"),
  };
}

/** kernel.json for this checkout. `{connection_file}` is filled in by Jupyter. */
export function kernelSpec(projectRoot: string): KernelSpec {
  const { node, tslab } = kernelCommand(projectRoot);
  return {
    argv: [node, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    // tslab ignores interrupt_request; SIGINT stops a running cell.
    interrupt_mode: "signal",
    env: {},
    metadata: { debugger: false, project: "study-notes", project_root: resolve(projectRoot) },
  };
}

/** Jupyter's user data dir, as `jupyter --data-dir` computes it (JUPYTER_DATA_DIR first). */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env["JUPYTER_DATA_DIR"]) return env["JUPYTER_DATA_DIR"];
  const home = homedir();
  if (platform() === "darwin") return join(home, "Library", "Jupyter");
  if (platform() === "win32") return join(env["APPDATA"] ?? join(home, "AppData", "Roaming"), "jupyter");
  return join(env["XDG_DATA_HOME"] || join(home, ".local", "share"), "jupyter");
}

export type InstallTarget = { kind: "user"; env?: NodeJS.ProcessEnv } | { kind: "prefix"; prefix: string };

/** Folder the kernelspec goes to: `<data dir>/kernels/<name>` or `<prefix>/share/jupyter/kernels/<name>`. */
export function kernelDir(target: InstallTarget): string {
  const base = target.kind === "prefix" ? join(resolve(target.prefix), "share", "jupyter") : jupyterDataDir(target.env);
  return join(base, "kernels", KERNEL_NAME);
}

/** Write (or overwrite in place) the kernelspec. Returns its folder. */
export async function installKernelSpec(projectRoot: string, target: InstallTarget): Promise<string> {
  const { node, tslab } = kernelCommand(projectRoot);
  for (const file of [node, tslab]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run 'npm ci' in ${resolve(projectRoot)} first`);
  }
  const dir = kernelDir(target);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "kernel.json"), `${JSON.stringify(kernelSpec(projectRoot), null, 1)}\n`);
  for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]) {
    const source = join(resolve(projectRoot), "src", "kernel", "logos", logo);
    if (existsSync(source)) await copyFile(source, join(dir, logo));
  }
  return dir;
}

/** Remove the kernelspec; returns its folder, or undefined if it was not installed. */
export async function uninstallKernelSpec(target: InstallTarget): Promise<string | undefined> {
  const dir = kernelDir(target);
  if (!existsSync(dir)) return undefined;
  await rm(dir, { recursive: true, force: true });
  return dir;
}
