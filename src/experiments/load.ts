/**
 * Read an experiment log and check it against the schema, with errors that
 * name the file and every wrong field (in Korean, as the notebook shows
 * them to readers). Node-only (fs): used by the notebook and the site build.
 */
import { readFileSync } from "fs";
import { parse } from "yaml";
import { figureSvg } from "./figures";
import { experimentSchema, type ExperimentLog } from "./schema";

/** ["settings", "steps (this run)"] → settings["steps (this run)"]; ["figures", 0, "file"] → figures[0].file */
export function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(문서 전체)";
  return path
    .map((p, i) =>
      typeof p === "number"
        ? `[${p}]`
        : /^[A-Za-z_]\w*$/.test(String(p))
          ? `${i === 0 ? "" : "."}${String(p)}`
          : `[${JSON.stringify(String(p))}]`,
    )
    .join("");
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, p) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined), data);
}

/** Check parsed YAML against the schema; throws one line per wrong field. */
export function validateExperiment(data: unknown, file: string): ExperimentLog {
  const result = experimentSchema.safeParse(data);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const got = valueAt(data, issue.path);
    const hint = issue.code === "invalid_union" ? "문자열, 숫자, true/false, null 중 하나여야 한다" : issue.message;
    return `  - 필드 ${fieldName(issue.path)}: ${hint} (받은 값: ${got === undefined ? "없음" : JSON.stringify(got)})`;
  });
  throw new Error(`${file}: 실험 기록이 스키마(src/experiments/schema.ts)와 맞지 않는다\n${lines.join("\n")}`);
}

/** Parse YAML text and validate it; `file` names it in errors. Unknown top-level fields are reported. */
export function parseExperiment(text: string, file: string, warn: (message: string) => void = console.log): ExperimentLog {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new Error(`${file}: YAML 문법 오류: ${(err as Error).message}`);
  }
  const log = validateExperiment(data, file);
  const known = Object.keys(experimentSchema.shape);
  const unknown = Object.keys(data as object).filter((key) => !known.includes(key));
  if (unknown.length > 0) warn(`주의: ${file}에 스키마에 없는 필드 ${unknown.join(", ")}가 있다 (사이트는 조용히 버린다)`);
  return log;
}

/** Read, validate, and check that every figure resolves to an SVG (as the site will need). */
export function loadExperiment(file: string, warn?: (message: string) => void): ExperimentLog {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`${file}: 파일을 읽을 수 없다 (${(err as NodeJS.ErrnoException).code ?? "오류"})`);
  }
  const log = parseExperiment(text, file, warn);
  log.figures.forEach((figure, i) => {
    try {
      figureSvg(file, figure);
    } catch (err) {
      throw new Error(`${file}: 필드 figures[${i}]: ${(err as Error).message}`);
    }
  });
  return log;
}
