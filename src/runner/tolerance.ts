/**
 * Numbers inside text compared with a tolerance. Text is split into number
 * tokens and the rest; the rest must match exactly, numbers must satisfy
 * |a − b| ≤ max(rtol·max(|a|, |b|), atol). This is what lets `check` accept
 * float wobble (1.0000000000000002 vs 1) without accepting a changed result.
 */

export interface Tolerance {
  /** Relative tolerance (default 1e-9). */
  rtol: number;
  /** Absolute tolerance, for values that should be 0 (default 0). */
  atol: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-9, atol: 0 };

// A decimal number, optionally signed, with optional fraction and exponent.
const NUMBER = /[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/g;

/** True if a and b are equal numbers within the tolerance. */
export function numbersClose(a: number, b: number, tol: Tolerance): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(a - b);
  return diff <= tol.atol || diff <= tol.rtol * Math.max(Math.abs(a), Math.abs(b));
}

/** True if two strings are equal except for numbers that are close within the tolerance. */
export function textClose(a: string, b: string, tol: Tolerance): boolean {
  if (a === b) return true;
  const na = tokens(a);
  const nb = tokens(b);
  if (na.rest.length !== nb.rest.length || na.numbers.length !== nb.numbers.length) return false;
  for (let i = 0; i < na.rest.length; i++) if (na.rest[i] !== nb.rest[i]) return false;
  for (let i = 0; i < na.numbers.length; i++) {
    if (!numbersClose(na.numbers[i] ?? NaN, nb.numbers[i] ?? NaN, tol)) return false;
  }
  return true;
}

function tokens(text: string): { rest: string[]; numbers: number[] } {
  const rest: string[] = [];
  const numbers: number[] = [];
  let last = 0;
  for (const m of text.matchAll(NUMBER)) {
    rest.push(text.slice(last, m.index));
    numbers.push(Number(m[0]));
    last = m.index + m[0].length;
  }
  rest.push(text.slice(last));
  return { rest, numbers };
}

/** Read a tolerance override from notebook or cell metadata: `study_notes.tolerance: { rtol?, atol? }`. */
export function toleranceFrom(metadata: Record<string, unknown> | undefined, base: Tolerance): Tolerance {
  const ours = metadata?.["study_notes"];
  const t = typeof ours === "object" && ours !== null ? (ours as Record<string, unknown>)["tolerance"] : undefined;
  if (typeof t !== "object" || t === null) return base;
  const { rtol, atol } = t as Record<string, unknown>;
  return {
    rtol: typeof rtol === "number" ? rtol : base.rtol,
    atol: typeof atol === "number" ? atol : base.atol,
  };
}
