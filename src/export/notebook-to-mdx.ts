/**
 * Export stage: one validated notebook → one MDX document (frontmatter + body)
 * and its assets. Pure: no files are read or written here (see export.ts).
 *
 * Cell tags follow Jupyter Book: `remove-cell`, `remove-input`, `remove-output`
 * drop that part; `hide-input`, `hide-output` fold it into a <details>.
 */
import type { IAttachments, ICell, IOutput } from "@jupyterlab/nbformat";
import type { BlockContent, Heading, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { stringify as toYaml } from "yaml";
import { cellTags, joinMultiline, type CellLocation, type NotebookFile } from "../notebook/types";
import { AssetCollector, type Asset } from "./assets";
import { ExportError, type ExportWarning, type Place } from "./errors";
import { nameParts, readingMinutes, shorten, studyNotesMetadata, type NoteFrontmatter } from "./frontmatter";
import { interactiveTag } from "./interactive";
import { markdownToMdast, serializeMdx, type MarkdownContext } from "./markdown-to-mdx";
import { checkMath } from "./math";
import { mdxCodeProblems } from "./mdx-safety";
import { flow } from "./mdx-nodes";
import { renderOutput } from "./outputs";

/** The result of exporting one notebook. */
export interface ExportedNote {
  frontmatter: NoteFrontmatter;
  /** The whole `.mdx` file: YAML frontmatter, then the body. */
  mdx: string;
  assets: Asset[];
  warnings: ExportWarning[];
}

export interface NotebookToMdxOptions {
  /** Path written to `source` in the frontmatter (repository-relative); default `file.path`. */
  source?: string;
}

export function notebookToMdx(file: NotebookFile, options: NotebookToMdxOptions = {}): ExportedNote {
  const { notebook, path } = file;
  const meta = studyNotesMetadata(notebook, { path });
  const names = nameParts(path);
  const assets = new AssetCollector();
  const warnings: ExportWarning[] = [];
  const warn = (w: ExportWarning) => warnings.push(w);
  const body: RootContent[] = [];
  const interactive: string[] = [];
  let title: string | undefined = meta.title;
  let proseChars = 0;
  let codeLines = 0;

  notebook.cells.forEach((cell, index) => {
    const loc: CellLocation = { index, id: typeof cell.id === "string" ? cell.id : `#${index}` };
    const place: Place = { path, cell: loc };
    const tags = cellTags(cell);
    const nodes: RootContent[] = [];
    if (!tags.includes("remove-cell")) {
      if (cell.cell_type === "markdown") {
        const source = joinMultiline(cell.source);
        proseChars += source.replace(/\s+/g, "").length;
        const parsed = markdownToMdast(source, markdownContext(place, `c${index}`, assets, cell, warn));
        if (title === undefined) title = takeTitle(parsed);
        nodes.push(...parsed);
      } else if (cell.cell_type === "code") {
        const source = joinMultiline(cell.source).replace(/\r\n?/g, "\n");
        codeLines += source.split("\n").length;
        nodes.push(...codeCell(source, (cell["outputs"] ?? []) as IOutput[], tags, place, assets, warn));
      }
      // Raw cells are for other nbconvert targets: not shown.
    }
    const name = interactiveTag(tags, place);
    if (name) {
      nodes.push(flow("Interactive", { name }));
      if (!interactive.includes(name)) interactive.push(name);
    }
    checkMath({ type: "root", children: nodes }, place, warn);
    body.push(...nodes);
  });

  if (title === undefined)
    throw new ExportError({ path }, "no title: add a '# 제목' heading to the first Markdown cell (or metadata.study_notes.title)");
  const frontmatter: NoteFrontmatter = {
    title,
    summary: meta.summary ?? shorten(firstParagraph(body)),
    learn: meta.learn ?? body.filter((n): n is Heading => n.type === "heading" && n.depth === 2).map((h) => toString(h)),
    order: meta.order ?? names.order ?? 999,
    slug: names.slug,
    source: (options.source ?? path).replace(/\\/g, "/"),
    readingMinutes: readingMinutes(proseChars, codeLines),
    ...(meta.verified && { verified: meta.verified }),
    interactive,
  };
  const bodyMdx = serializeMdx({ type: "root", children: body });
  const mdx = `---\n${toYaml(frontmatter, { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" })}---\n\n${bodyMdx}`;
  // Frontmatter is YAML data (Astro parses it apart); the body is what MDX compiles.
  const problems = mdxCodeProblems(bodyMdx);
  if (problems.length > 0) throw new ExportError({ path }, `exporter bug: generated MDX would run code (${problems.join("; ")})`);
  return { frontmatter, mdx, assets: assets.list(), warnings };
}

function markdownContext(
  place: Place,
  idPrefix: string,
  assets: AssetCollector,
  cell: ICell,
  warn: (w: ExportWarning) => void,
): MarkdownContext {
  const attachments = (cell["attachments"] ?? {}) as IAttachments;
  return {
    place,
    assets,
    idPrefix,
    warn,
    attachment(name) {
      const bundle = attachments?.[name];
      if (!bundle) return undefined;
      const mime = Object.keys(bundle).find((m) => m.startsWith("image/"));
      const data = mime ? bundle[mime] : undefined;
      return mime && typeof data === "string" ? { mime, data } : undefined;
    },
  };
}

function codeCell(
  source: string,
  outputs: IOutput[],
  tags: string[],
  place: Place,
  assets: AssetCollector,
  warn: (w: ExportWarning) => void,
): BlockContent[] {
  const children: BlockContent[] = [];
  if (!tags.includes("remove-input") && source.trim() !== "") {
    const code: BlockContent = { type: "code", lang: "ts", value: source.replace(/\n+$/, "") };
    children.push(tags.includes("hide-input") ? flow("Collapse", { summary: "코드 보기" }, [code]) : code);
  }
  if (!tags.includes("remove-output")) {
    const rendered: BlockContent[] = [];
    coalesceStreams(outputs).forEach((output, k) => {
      const ctx = markdownContext(
        { ...place, part: `output ${k}` },
        `${place.cell ? `c${place.cell.index}` : "c"}-o${k}`,
        assets,
        { cell_type: "code", source: "", metadata: {} } as ICell,
        warn,
      );
      rendered.push(...(renderOutput(output, ctx) as BlockContent[]));
    });
    if (rendered.length > 0) {
      const outs = flow("Outputs", {}, rendered);
      children.push(tags.includes("hide-output") ? flow("Collapse", { summary: "출력 보기" }, [outs]) : outs);
    }
  }
  return children.length > 0 ? [flow("Cell", {}, children)] : [];
}

/** tslab sends every write as its own stream message: join neighbours of the same name. */
function coalesceStreams(outputs: IOutput[]): IOutput[] {
  const out: IOutput[] = [];
  for (const o of outputs) {
    const prev = out.at(-1);
    if (o.output_type === "stream" && prev?.output_type === "stream" && prev["name"] === o["name"]) {
      out[out.length - 1] = { ...prev, text: joinMultiline(prev["text"] as string) + joinMultiline(o["text"] as string) };
    } else {
      out.push(o);
    }
  }
  return out;
}

/** Remove the first `# ` heading from a cell's nodes and return its text. */
function takeTitle(nodes: RootContent[]): string | undefined {
  const i = nodes.findIndex((n) => n.type === "heading" && n.depth === 1);
  if (i < 0) return undefined;
  const [heading] = nodes.splice(i, 1);
  return heading ? toString(heading).trim() : undefined;
}

/** The first paragraph as text, keeping `$…$` around inline math (the site renders it). */
function firstParagraph(nodes: RootContent[]): string {
  const p = nodes.find((n) => n.type === "paragraph");
  if (!p || p.type !== "paragraph") return "";
  return p.children.map((c) => (c.type === "inlineMath" ? `$${c.value}$` : toString(c))).join("");
}
