/**
 * nbformat schema validation with the official v4.5 JSON schema (vendored in
 * ./schema from nbformat 5.5, BSD-3-Clause), compiled once with Ajv. Older
 * 4.x minors are checked with the same schema minus the cell-id requirement,
 * since ids only became mandatory in 4.5.
 */
import { createRequire } from "node:module";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import type { INotebookContent } from "@jupyterlab/nbformat";
import type { CellLocation } from "./types";

const require = createRequire(import.meta.url);
const schema = require("./schema/nbformat.v4.5.schema.json") as Record<string, unknown>;

let compiled: { strict: ValidateFunction; legacy: ValidateFunction } | undefined;

function validators(): { strict: ValidateFunction; legacy: ValidateFunction } {
  if (compiled) return compiled;
  const legacySchema = structuredClone(schema) as {
    definitions: Record<string, { required?: string[] }>;
    properties: { nbformat_minor: { minimum?: number } };
  };
  legacySchema.properties.nbformat_minor.minimum = 0;
  for (const kind of ["raw_cell", "markdown_cell", "code_cell"]) {
    const def = legacySchema.definitions[kind];
    if (def?.required) def.required = def.required.filter((k) => k !== "id");
  }
  // allErrors: a cell is checked against every branch of the schema's oneOf; we
  // need all the errors to pick the one about the branch the cell really is.
  const ajv = new Ajv({ allErrors: true, strict: false });
  compiled = { strict: ajv.compile(schema), legacy: ajv.compile(legacySchema) };
  return compiled;
}

export interface SchemaProblem {
  problem: string;
  cell?: CellLocation;
}

/** Schema problems, most specific first; an empty list means the notebook is valid. */
export function schemaErrors(notebook: INotebookContent, minor: number): SchemaProblem[] {
  const validate = minor >= 5 ? validators().strict : validators().legacy;
  if (validate(notebook)) return [];
  return rank(notebook, validate.errors ?? []).map((e) => describe(notebook, e));
}

/**
 * Most useful first: errors from the schema branch matching the cell's own
 * cell_type (or output_type), then the deepest location, as nbformat's own
 * "better validation error" does.
 */
function rank(notebook: INotebookContent, errors: ErrorObject[]): ErrorObject[] {
  const relevant = (e: ErrorObject): number => {
    const m = /^\/cells\/(\d+)/.exec(e.instancePath);
    if (!m) return 1;
    const cell = notebook.cells[Number(m[1])] as { cell_type?: unknown } | undefined;
    const type = typeof cell?.cell_type === "string" ? `${cell.cell_type}_cell` : "";
    const outputMatch = /\/outputs\/(\d+)/.exec(e.instancePath);
    const outputs = (cell as { outputs?: { output_type?: unknown }[] } | undefined)?.outputs;
    const outputType = outputMatch ? outputs?.[Number(outputMatch[1])]?.output_type : undefined;
    let score = type && e.schemaPath.includes(`/${type}/`) ? 2 : 0;
    if (typeof outputType === "string" && e.schemaPath.includes(`/${outputType}/`)) score += 1;
    return score;
  };
  return [...errors].sort((a, b) => relevant(b) - relevant(a) || b.instancePath.split("/").length - a.instancePath.split("/").length);
}

function describe(notebook: INotebookContent, error: ErrorObject): SchemaProblem {
  const path = error.instancePath; // e.g. /cells/3/outputs/0/output_type
  const m = /^\/cells\/(\d+)(.*)$/.exec(path);
  const where = m ? m[2] || "" : path;
  const what = `${where ? `${where.replace(/^\//, "").replaceAll("/", ".")} ` : ""}${error.message ?? "is invalid"}${paramsText(error)}`;
  if (!m) return { problem: `not valid nbformat 4: ${what}` };
  const index = Number(m[1]);
  const id = notebook.cells[index]?.id;
  const problem = `not valid nbformat 4: ${what}`;
  return typeof id === "string" ? { problem, cell: { index, id } } : { problem: `cell ${index}: ${problem}` };
}

function paramsText(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (typeof p["additionalProperty"] === "string") return ` ('${p["additionalProperty"]}')`;
  if (Array.isArray(p["allowedValues"])) return ` (${p["allowedValues"].join(", ")})`;
  return "";
}
