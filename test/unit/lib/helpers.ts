/** Assertions on floating-point results and seeded test data, shared by the lib tests. */
import assert from "node:assert/strict";
import { createRng } from "../../../src/lib/random";

/** An m×n matrix of N(0, sd²) entries from a seeded generator. */
export function randomMatrix(m: number, n: number, seed: number, sd = 1): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: m }, () => rng.normalArray(n, 0, sd));
}

/** |actual − expected| ≤ tol. */
export function close(actual: number, expected: number, tol: number, what = "value"): void {
  assert.ok(Number.isFinite(actual), `${what}: got ${actual}`);
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: expected ${expected} ± ${tol}, got ${actual} (off by ${Math.abs(actual - expected)})`,
  );
}

/** Entrywise close for vectors. */
export function closeVec(actual: readonly number[], expected: readonly number[], tol: number, what = "vector"): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((a, i) => close(a, expected[i]!, tol, `${what}[${i}]`));
}

/** Entrywise close for matrices. */
export function closeMat(
  actual: readonly (readonly number[])[],
  expected: readonly (readonly number[])[],
  tol: number,
  what = "matrix",
): void {
  assert.equal(actual.length, expected.length, `${what}: rows`);
  actual.forEach((row, i) => closeVec(row, expected[i]!, tol, `${what}[${i}]`));
}
