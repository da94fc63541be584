/**
 * Resolve an experiment log's figure to SVG text: a file next to the YAML,
 * or the `image/svg+xml` output stored in a notebook cell. Paths are
 * relative to the YAML file. Node-only (fs).
 */
import { readFileSync } from "fs";
import { dirname, join } from "path";
import type { FigureRef } from "./schema";

interface StoredCell {
  id?: string;
  outputs?: { data?: Record<string, unknown> }[];
}

/** The SVG text of a figure; throws a message naming what is missing. */
export function figureSvg(yamlFile: string, figure: FigureRef): string {
  const base = dirname(yamlFile);
  if (figure.file !== undefined) {
    const path = join(base, figure.file);
    try {
      return readFileSync(path, "utf8");
    } catch {
      throw new Error(`${figure.file} 파일이 YAML 옆에 없다`);
    }
  }
  const notebook = join(base, figure.notebook ?? "");
  let cells: StoredCell[];
  try {
    cells = (JSON.parse(readFileSync(notebook, "utf8")) as { cells: StoredCell[] }).cells;
  } catch {
    throw new Error(`노트북 ${figure.notebook}을 읽을 수 없다`);
  }
  const cell = cells.find((c) => c.id === figure.cell);
  if (!cell) throw new Error(`노트북 ${figure.notebook}에 id가 '${figure.cell}'인 셀이 없다`);
  for (const output of cell.outputs ?? []) {
    const svg = output.data?.["image/svg+xml"];
    if (svg !== undefined) return Array.isArray(svg) ? svg.join("") : String(svg);
  }
  throw new Error(`노트북 ${figure.notebook}의 셀 '${figure.cell}'에 SVG 출력이 없다 (nb run으로 출력을 만들었나?)`);
}
