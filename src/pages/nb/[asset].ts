/** Images the exporter extracted from notebooks (content-hashed names), served at /nb/<name>. */
import type { APIRoute, GetStaticPaths } from "astro";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { assetsDir } from "../../export/paths";

export const getStaticPaths = (async () => {
  const names = await readdir(assetsDir()).catch(() => [] as string[]);
  return names.filter((n) => /^[0-9a-f]{16}\.[a-z]+$/.test(n)).map((asset) => ({ params: { asset } }));
}) satisfies GetStaticPaths;

const TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", gif: "image/gif", webp: "image/webp", svg: "image/svg+xml" };

export const GET: APIRoute = async ({ params }) => {
  const name = String(params["asset"]);
  const bytes = await readFile(join(assetsDir(), name));
  return new Response(bytes, { headers: { "Content-Type": TYPES[name.split(".").at(-1) ?? ""] ?? "application/octet-stream" } });
};
