/** Assertions on floating-point results, shared by the lib tests. */
import assert from "node:assert/strict";

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
