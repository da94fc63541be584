/** Which notebooks a command acts on: the given files and folders, or all of notebooks/. */
import { statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

const SKIP_DIRS = new Set([".ipynb_checkpoints", "node_modules", ".git"]);

/** Expand files and folders into a sorted list of .ipynb paths (relative to cwd when possible). */
export async function findNotebooks(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) for (const file of await walk(path)) found.add(file);
    else found.add(path); // a missing or odd file is reported by the read stage, with its name
  }
  return [...found].sort();
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) out.push(...(await walk(path)));
    else if (entry.isFile() && entry.name.endsWith(".ipynb")) out.push(path);
  }
  return out;
}

/**
 * Run `task` over `items` with at most `jobs` at a time, keeping result order.
 * `weight` (optional) starts the heaviest first, so one long notebook does not
 * start last and keep a core busy alone at the end (longest-processing-time order).
 */
export async function pool<T, R>(
  items: readonly T[],
  jobs: number,
  task: (item: T, index: number) => Promise<R>,
  weight?: (item: T) => number,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const order = items.map((_, i) => i);
  if (weight) {
    const w = items.map(weight);
    order.sort((a, b) => (w[b] ?? 0) - (w[a] ?? 0) || a - b);
  }
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const i = order[next++] as number;
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

/** A notebook's size in bytes, as a proxy for its run time (0 if it cannot be read). */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
