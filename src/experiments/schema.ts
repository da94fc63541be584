/**
 * The experiment log format (content/experiments/*.yaml): one zod schema,
 * used by the site's content collection (src/content.config.ts) and by the
 * notebook that reads the log (notebooks/05), so the two cannot drift apart.
 * Compiled by tslab too: ES2022, no Node-only APIs here.
 */
import { z } from "zod";

/** A setting is a value, or the literal "not recorded" when the log does not know it. */
export const settingValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * A figure: an SVG file next to the YAML (`file`), or the SVG output of a
 * notebook cell (`notebook` path relative to the YAML, `cell` id), so a
 * figure computed in a notebook is shown from its stored output, never copied.
 */
export const figureRef = z
  .object({
    file: z.string().optional(),
    notebook: z.string().optional(),
    cell: z.string().optional(),
    caption: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    const fromFile = f.file !== undefined;
    const fromNotebook = f.notebook !== undefined || f.cell !== undefined;
    if (fromFile === fromNotebook) {
      ctx.addIssue({ code: "custom", path: ["file"], message: "그림에는 file 하나, 또는 notebook과 cell이 필요하다" });
    } else if (fromNotebook && (f.notebook === undefined || f.cell === undefined)) {
      ctx.addIssue({ code: "custom", path: [f.notebook === undefined ? "notebook" : "cell"], message: "notebook과 cell은 함께 써야 한다" });
    }
  });

export const experimentSchema = z.object({
  title: z.string(),
  date: z
    .union([z.string(), z.date()])
    .optional()
    .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  model: z.string(),
  trainer: z.string(),
  trigger_word: z.string().optional(),
  summary: z.string().optional(),
  settings: z.record(z.string(), settingValue).default({}),
  observations: z.array(z.union([z.string(), z.record(z.string(), settingValue)])).default([]),
  next_steps: z.array(z.string()).default([]),
  figures: z.array(figureRef).default([]),
  source: z.string().optional(),
});

export type ExperimentLog = z.infer<typeof experimentSchema>;
export type FigureRef = z.infer<typeof figureRef>;
