/** "Download .ipynb": each note's notebook, byte for byte, with its stored outputs. */
import type { APIRoute, GetStaticPaths } from "astro";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { notesDir } from "../../export/paths";

/** The `source` of every generated note, from its frontmatter (the notes collection's own field). */
async function sources(): Promise<string[]> {
  const names = (await readdir(notesDir()).catch(() => [] as string[])).filter((n) => n.endsWith(".mdx"));
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(notesDir(), name), "utf8");
      const data = parse(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? "") as { source?: unknown };
      if (typeof data.source !== "string") throw new Error(`${name}: no source in frontmatter`);
      return data.source;
    }),
  );
}

export const getStaticPaths = (async () => {
  return (await sources()).map((source) => ({ params: { file: source.split("/").at(-1) ?? source }, props: { source } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const bytes = await readFile(String(props["source"]));
  return new Response(bytes, { headers: { "Content-Type": "application/x-ipynb+json" } });
};
