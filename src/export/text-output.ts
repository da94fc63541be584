/**
 * Terminal text (streams, text/plain, tracebacks) → escaped HTML with ANSI
 * colours as CSS variables (so both themes can choose the palette), `\r`
 * progress lines collapsed as a terminal would show them, long text truncated.
 */
import Convert from "ansi-to-html";

/** Limits past which an output is cut (text) or replaced by a note (markup, images). */
export const LIMITS = {
  textChars: 20_000,
  textLines: 400,
  markupChars: 1_000_000,
  imageBytes: 5_000_000,
} as const;

const palette: Record<number, string> = {};
for (let i = 0; i < 16; i++) palette[i] = `var(--ansi-${i})`;

/** A new converter per call: ansi-to-html keeps colour state between `toHtml` calls. */
function converter(): Convert {
  // escapeXML would also turn every Korean character into `&#x…;`; escapeHtml below does only what is needed.
  return new Convert({ escapeXML: false, newline: false, colors: palette, fg: "currentColor", bg: "transparent" });
}

/** Does the text carry ANSI escape sequences (colours, bold…)? */
export function hasAnsi(text: string): boolean {
  return text.includes("\u001b");
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Show what a terminal would: text after the last `\r` of each line wins. */
export function applyCarriageReturns(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1))
    .join("\n");
}

export interface Truncated {
  text: string;
  /** Set when the text was cut: how much was kept, for the visible note. */
  note?: string;
}

/** Keep the first `LIMITS.textLines` lines and `LIMITS.textChars` characters. */
export function truncateText(text: string): Truncated {
  const lines = text.split("\n");
  let kept = lines.length > LIMITS.textLines ? lines.slice(0, LIMITS.textLines).join("\n") : text;
  if (kept.length > LIMITS.textChars) kept = kept.slice(0, LIMITS.textChars);
  if (kept.length === text.length) return { text };
  const keptLines = kept.split("\n").length;
  return {
    text: kept,
    note: `출력이 길어 앞부분만 보여 줍니다: 전체 ${lines.length.toLocaleString("en-US")}줄(${text.length.toLocaleString("en-US")}자) 중 ${keptLines.toLocaleString("en-US")}줄.`,
  };
}

/** Strip control characters a page cannot show (keeps tab and newline). */
export function plainText(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** ANSI-coloured terminal text → escaped HTML (spans only). */
export function ansiToHtml(text: string): string {
  // Control characters other than tab, newline and ESC (used by ANSI codes) have no rendering.
  const printable = text.replace(/[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/g, "");
  // Drop escape sequences ansi-to-html does not handle (OSC, e.g. hyperlinks) so no stray ESC is left.
  const withoutOsc = printable.replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g, "");
  return converter()
    .toHtml(escapeHtml(withoutOsc))
    .replace(/\u001b/g, "");
}
