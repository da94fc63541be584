/**
 * One normalisation, shared by `check` and the tests: a cell's outputs become
 * a list of comparable lines. What is dropped or rewritten is what changes
 * between two honest runs (or machines) without the result changing:
 *  - execution counts and output metadata (volatile);
 *  - ANSI escape sequences, trailing whitespace, trailing blank lines;
 *  - stack frames ("    at …" lines), which carry absolute paths;
 *  - SVG and HTML are parsed and re-serialised canonically (sorted attributes,
 *    whitespace-only text dropped, one element per line), so attribute order
 *    and formatting do not matter; numbers still compare with a tolerance.
 * Consecutive streams of the same name are merged first.
 */
import type { IOutput } from "@jupyterlab/nbformat";
import { DOMParser } from "linkedom";
import { joinMultiline, type MultilineString } from "../notebook/types";

// CSI and OSC sequences (colours, cursor moves, hyperlinks).
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const STACK_FRAME = /^\s+at .*$/;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** Plain text → lines without ANSI, trailing spaces, stack frames or trailing blank lines. */
export function normalizeText(text: string): string[] {
  const lines = stripAnsi(text.replace(/\r\n/g, "\n"))
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .filter((l) => !STACK_FRAME.test(l));
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The comparable lines of one cell's outputs. */
export function normalizeOutputs(outputs: readonly IOutput[]): string[] {
  const lines: string[] = [];
  for (const out of mergeStreams(outputs)) {
    switch (out.output_type) {
      case "stream":
        lines.push(`[stream ${String(out["name"])}]`, ...normalizeText(joinMultiline(out["text"] as MultilineString)));
        break;
      case "error":
        lines.push(`[error ${String(out["ename"])}]`, ...normalizeText(((out["traceback"] as string[] | undefined) ?? []).join("\n")));
        break;
      case "display_data":
      case "execute_result": {
        const data = (out["data"] ?? {}) as Record<string, unknown>;
        for (const mime of Object.keys(data).sort()) {
          lines.push(`[${out.output_type} ${mime}]`, ...normalizeMime(mime, data[mime]));
        }
        break;
      }
      default:
        lines.push(`[${String(out.output_type)}]`, JSON.stringify(out));
    }
  }
  return lines;
}

function normalizeMime(mime: string, value: unknown): string[] {
  if (mime === "application/json" || mime.endsWith("+json")) return JSON.stringify(value, null, 1).split("\n");
  const text = typeof value === "string" || Array.isArray(value) ? joinMultiline(value as MultilineString) : JSON.stringify(value);
  if (mime === "image/svg+xml") return canonicalMarkup(text, "image/svg+xml");
  if (mime === "text/html") return canonicalMarkup(text, "text/html");
  if (mime.startsWith("image/")) return [text.replace(/\s+/g, "")];
  return normalizeText(text);
}

function mergeStreams(outputs: readonly IOutput[]): IOutput[] {
  const merged: IOutput[] = [];
  for (const out of outputs) {
    const last = merged[merged.length - 1];
    if (out.output_type === "stream" && last?.output_type === "stream" && last["name"] === out["name"]) {
      merged[merged.length - 1] = {
        ...last,
        text: joinMultiline(last["text"] as MultilineString) + joinMultiline(out["text"] as MultilineString),
      };
    } else merged.push(out);
  }
  return merged;
}

interface MarkupNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MarkupNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

/** Parse SVG/HTML and write one canonical line per element or text node. */
export function canonicalMarkup(markup: string, type: "image/svg+xml" | "text/html"): string[] {
  const doc = new DOMParser().parseFromString(
    type === "text/html" ? `<!doctype html><html><body>${markup}</body></html>` : markup,
    type,
  ) as unknown as {
    documentElement: MarkupNode;
    body?: MarkupNode;
  };
  const root = type === "text/html" ? (doc.body ?? doc.documentElement) : doc.documentElement;
  const lines: string[] = [];
  const walk = (node: MarkupNode, depth: number) => {
    const indent = " ".repeat(depth);
    if (node.nodeType === 3) {
      const text = (node.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text) lines.push(`${indent}${text}`);
      return;
    }
    if (node.nodeType !== 1) return;
    const attrs = Array.from(node.attributes ?? [])
      .map((a) => `${a.name}="${a.value.replace(/\s+/g, " ").trim()}"`)
      .sort();
    lines.push(`${indent}<${node.nodeName.toLowerCase()}${attrs.length ? ` ${attrs.join(" ")}` : ""}>`);
    for (const child of Array.from(node.childNodes)) walk(child, depth + 1);
  };
  if (type === "text/html") for (const child of Array.from(root.childNodes)) walk(child, 0);
  else walk(root, 0);
  return lines;
}
