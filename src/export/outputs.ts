/**
 * One cell output → mdast nodes, by MIME priority. Every string that came from
 * the notebook ends up as a text node, a code block, a math node, or a string
 * prop of a component after sanitising; nothing is interpolated into MDX.
 */
import type { IOutput, MultilineString } from "@jupyterlab/nbformat";
import type { BlockContent, RootContent } from "mdast";
import { joinMultiline } from "../notebook/types";
import { imageSize, isAssetMime } from "./assets";
import { ExportError, type Place } from "./errors";
import { markdownToMdast, type MarkdownContext } from "./markdown-to-mdx";
import { renderMath } from "./math";
import { flow } from "./mdx-nodes";
import { sanitizeHtml } from "./sanitize";
import { LIMITS, ansiToHtml, applyCarriageReturns, hasAnsi, plainText, truncateText } from "./text-output";

/** Richest first: what a reader of the site should see when a bundle offers several. */
export const MIME_PRIORITY = [
  "image/svg+xml",
  "text/html",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/markdown",
  "text/latex",
  "application/json",
  "text/plain",
] as const;

/** Render one output. `ctx.place` names the output (`part: "output 2"`). */
export function renderOutput(output: IOutput, ctx: MarkdownContext): RootContent[] {
  switch (output.output_type) {
    case "stream": {
      const name = output["name"] === "stderr" ? "stderr" : "stdout";
      return terminalText(joinMultiline(output["text"] as MultilineString), name);
    }
    case "display_data":
    case "execute_result":
      return renderBundle((output["data"] ?? {}) as Record<string, unknown>, ctx);
    case "error": {
      const traceback = Array.isArray(output["traceback"]) ? (output["traceback"] as string[]).join("\n") : "";
      const { text, note } = truncateText(applyCarriageReturns(traceback));
      const ename = plainText(String(output["ename"] ?? "Error"));
      const evalue = plainText(String(output["evalue"] ?? ""));
      return [
        flow("NbError", { ename, evalue, ...(hasAnsi(text) ? { html: ansiToHtml(text) } : { text: plainText(text) }) }),
        ...notice(note),
      ];
    }
    default:
      throw new ExportError(ctx.place, `unknown output type ${JSON.stringify(output.output_type)}`);
  }
}

function renderBundle(data: Record<string, unknown>, ctx: MarkdownContext): RootContent[] {
  const offered = Object.keys(data);
  const mime = MIME_PRIORITY.find((m) => m in data);
  const unknown = offered.filter((m) => !(MIME_PRIORITY as readonly string[]).includes(m));
  if (!mime) {
    throw new ExportError(
      ctx.place,
      `unknown MIME type ${unknown.map((m) => JSON.stringify(m)).join(", ") || "(empty bundle)"} and no known fallback (known: ${MIME_PRIORITY.join(", ")})`,
    );
  }
  if (unknown.length > 0 && offered.indexOf(mime) > 0) {
    ctx.warn({ place: ctx.place, problem: `unknown MIME type ${unknown.join(", ")}; showing ${mime} instead` });
  }
  const value = data[mime];
  const body = typeof value === "string" || Array.isArray(value) ? joinMultiline(value as MultilineString) : "";
  switch (mime) {
    case "image/svg+xml":
      return markup("Figure", body, ctx);
    case "text/html":
      return markup("HtmlOutput", body, ctx);
    case "text/markdown":
      return markdownToMdast(body, ctx);
    case "text/latex":
      return latex(body, ctx.place, ctx);
    case "application/json":
      return json(value);
    case "text/plain":
      return terminalText(body, "text");
    default:
      return image(mime, body, ctx);
  }
}

function markup(component: "Figure" | "HtmlOutput", html: string, ctx: MarkdownContext): RootContent[] {
  if (html.length > LIMITS.markupChars) {
    ctx.warn({ place: ctx.place, problem: `output is ${html.length} characters (limit ${LIMITS.markupChars}); replaced by a note` });
    return notice(`출력이 너무 커서(${html.length.toLocaleString("en-US")}자) 싣지 않았습니다. 노트북 파일에서 확인하세요.`);
  }
  const result = sanitizeHtml(html, { idPrefix: ctx.idPrefix });
  if (result.removed.length > 0) ctx.warn({ place: ctx.place, problem: `removed from HTML output: ${result.removed.join(", ")}` });
  return [flow(component, component === "Figure" ? { svg: result.html } : { html: result.html })];
}

function image(mime: string, base64: string, ctx: MarkdownContext): RootContent[] {
  if (!isAssetMime(mime)) throw new ExportError(ctx.place, `cannot render ${mime}`);
  const approxBytes = Math.floor((base64.length * 3) / 4);
  if (approxBytes > LIMITS.imageBytes) {
    ctx.warn({ place: ctx.place, problem: `${mime} output is ${approxBytes} bytes (limit ${LIMITS.imageBytes}); replaced by a note` });
    return notice(`이미지가 너무 커서(${approxBytes.toLocaleString("en-US")}바이트) 싣지 않았습니다.`);
  }
  const name = ctx.assets.addBase64(mime, base64);
  if (!name) throw new ExportError(ctx.place, `${mime} output is not valid base64 data: ${base64.slice(0, 40)}…`);
  const size = imageSize(ctx.assets.assets.get(name)?.bytes ?? new Uint8Array());
  return [
    flow("NbImage", {
      src: name,
      alt: "셀 출력 이미지",
      width: size ? String(size.width) : undefined,
      height: size ? String(size.height) : undefined,
    }),
  ];
}

/** `$$…$$`, `\[…\]` or `$…$` around LaTeX output is the notebook's delimiter, not TeX. */
function latex(body: string, place: Place, ctx: MarkdownContext): RootContent[] {
  const trimmed = body.trim();
  const m = /^\$\$([\s\S]*)\$\$$/.exec(trimmed) ?? /^\\\[([\s\S]*)\\\]$/.exec(trimmed) ?? /^\$([\s\S]*)\$$/.exec(trimmed);
  const tex = (m?.[1] ?? trimmed).trim();
  renderMath(tex, true, place, ctx.warn);
  return [{ type: "math", value: tex }];
}

function json(value: unknown): RootContent[] {
  const { text, note } = truncateText(JSON.stringify(value, null, 2) ?? "null");
  return [{ type: "code", lang: "json", value: text }, ...notice(note)];
}

function terminalText(raw: string, name: "stdout" | "stderr" | "text"): RootContent[] {
  const { text, note } = truncateText(applyCarriageReturns(raw).replace(/\n$/, ""));
  const body = hasAnsi(text) ? { html: ansiToHtml(text) } : { text: plainText(text) };
  return [flow("Stream", { name, ...body }), ...notice(note)];
}

function notice(note: string | undefined): BlockContent[] {
  return note ? [flow("Notice", { text: note })] : [];
}
