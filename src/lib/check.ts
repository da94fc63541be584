/**
 * Input checks shared by the math modules.
 *
 * Every check throws an `Error` whose message starts with the name of the public function that was
 * called (`"matVec: ..."`), so a notebook reader sees which call was wrong and why, instead of a `NaN`
 * surfacing three cells later.
 */

/** A read-only view of a vector, so callers may pass frozen data (e.g. the datasets). */
export type ReadonlyVector = readonly number[];
/** A read-only view of a row-major matrix. */
export type ReadonlyMatrix = readonly (readonly number[])[];

/** Formats a number for an error message: short, but exact enough to find the bad value. */
export function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(8)));
}

/** Throws `fn: what must be a finite number (got NaN)` unless `x` is finite. */
export function checkFinite(fn: string, what: string, x: number): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new Error(`${fn}: ${what} must be a finite number (got ${String(x)})`);
  }
  return x;
}

/**
 * Checks that `v` is a non-empty array of finite numbers, optionally of a given length.
 * @returns the length of `v`.
 */
export function checkVector(fn: string, name: string, v: ReadonlyVector, length?: number): number {
  if (!Array.isArray(v)) throw new Error(`${fn}: ${name} must be an array of numbers`);
  if (v.length === 0) throw new Error(`${fn}: ${name} is empty`);
  if (length !== undefined && v.length !== length) {
    throw new Error(`${fn}: ${name} has length ${v.length}, expected ${length}`);
  }
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new Error(`${fn}: ${name}[${i}] is ${String(x)}; every entry must be a finite number`);
    }
  }
  return v.length;
}

/**
 * Checks that `A` is a non-empty rectangular matrix of finite numbers.
 * @returns `[rows, cols]`.
 */
export function checkMatrix(fn: string, name: string, A: ReadonlyMatrix): [number, number] {
  if (!Array.isArray(A)) throw new Error(`${fn}: ${name} must be an array of rows`);
  if (A.length === 0) throw new Error(`${fn}: ${name} has no rows`);
  const first = A[0];
  if (!Array.isArray(first)) throw new Error(`${fn}: ${name}[0] must be an array of numbers`);
  const cols = first.length;
  if (cols === 0) throw new Error(`${fn}: ${name} has no columns`);
  for (let i = 0; i < A.length; i++) {
    const row = A[i];
    if (!Array.isArray(row)) throw new Error(`${fn}: ${name}[${i}] must be an array of numbers`);
    if (row.length !== cols) {
      throw new Error(`${fn}: ${name} is ragged: row 0 has ${cols} entries but row ${i} has ${row.length}`);
    }
    for (let j = 0; j < cols; j++) {
      const x = row[j];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new Error(`${fn}: ${name}[${i}][${j}] is ${String(x)}; every entry must be a finite number`);
      }
    }
  }
  return [A.length, cols];
}

/** Checks that `n` is an integer in [min, max]. */
export function checkInteger(fn: string, name: string, n: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new Error(`${fn}: ${name} must be an integer ${range} (got ${String(n)})`);
  }
  return n;
}

/** Checks that `x` is a finite number > 0. */
export function checkPositive(fn: string, name: string, x: number): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x <= 0) {
    throw new Error(`${fn}: ${name} must be a finite number > 0 (got ${String(x)})`);
  }
  return x;
}
