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
  const ajv = new Ajv({ allErrors: false, strict: false });
  const legacySchema = structuredClone(schema) as { definitions: Record<string, { required?: string[] }> };
  for (const kind of ["raw_cell", "markdown_cell", "code_cell"]) {
    const def = legacySchema.definitions[kind];
    if (def?.required) def.required = def.required.filter((k) => k !== "id");
  }
  compiled = { strict: ajv.compile(schema), legacy: new Ajv({ strict: false }).compile(legacySchema) };
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
  return (validate.errors ?? []).map((e) => describe(notebook, e));
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
