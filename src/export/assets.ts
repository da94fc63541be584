/**
 * Binary assets (PNG/JPEG/GIF outputs, cell attachments) become files named by
 * their content hash, so a page's images are cacheable forever and identical
 * images are stored once. The exporter only collects them; writing is the
 * caller's side effect.
 */
import { createHash } from "node:crypto";

/** A file to write under the assets folder, served at `/nb/<name>`. */
export interface Asset {
  /** "3f2a…c1.png": 16 hex digits of SHA-256, then the extension. */
  name: string;
  bytes: Uint8Array;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/svg+xml": "svg",
};

/** MIME types that can become asset files. */
export function isAssetMime(mime: string): boolean {
  return mime in EXTENSIONS;
}

/** Collects assets for one notebook; `add` returns the file name to reference. */
export class AssetCollector {
  readonly assets = new Map<string, Asset>();

  /** Add base64 data (as nbformat stores images); returns null if it is not valid base64. */
  addBase64(mime: string, base64: string): string | null {
    const clean = base64.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length === 0) return null;
    return this.add(mime, Buffer.from(clean, "base64"));
  }

  add(mime: string, bytes: Uint8Array): string {
    const ext = EXTENSIONS[mime];
    if (!ext) throw new Error(`not an asset type: ${mime}`);
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    const name = `${hash}.${ext}`;
    if (!this.assets.has(name)) this.assets.set(name, { name, bytes });
    return name;
  }

  list(): Asset[] {
    return [...this.assets.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** Pixel size of a PNG/GIF/JPEG, read from its header, for `width`/`height` (no layout shift). */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const b = Buffer.from(bytes);
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length > 10 && b.toString("ascii", 0, 3) === "GIF") return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1] ?? 0;
      const length = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      }
      i += 2 + length;
    }
  }
  return null;
}
