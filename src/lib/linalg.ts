/**
 * Dense linear algebra on plain arrays, sized for teaching examples (up to a few hundred rows).
 *
 * Vectors are `number[]`, matrices are row-major `number[][]`. Every function checks shapes and
 * finiteness first and names itself in the error, e.g. `matVec: matrix is 2×3 but vector has length 2`.
 * Inputs are never modified; results are fresh arrays.
 *
 * Systems are solved by factorisation (LU with partial pivoting, Householder QR), never by forming an
 * explicit inverse: the inverse squares the condition number's effect on rounding error.
 */
import { checkMatrix, checkVector, formatNumber } from "./check";
import type { ReadonlyMatrix, ReadonlyVector } from "./check";

export type { ReadonlyMatrix, ReadonlyVector } from "./check";
/** A column vector as a plain array. */
export type Vector = number[];
/** A row-major matrix: `A[i][j]` is row i, column j. */
export type Matrix = number[][];

const EPS = Number.EPSILON;

/** `[rows, cols]` of a matrix (checked to be rectangular and finite). */
export function shape(A: ReadonlyMatrix): [number, number] {
  return checkMatrix("shape", "matrix", A);
}

function sameLength(fn: string, a: ReadonlyVector, b: ReadonlyVector): number {
  const n = checkVector(fn, "first vector", a);
  checkVector(fn, "second vector", b);
  if (b.length !== n) throw new Error(`${fn}: vectors have different lengths (${n} and ${b.length})`);
  return n;
}

/** Dot product aᵀb = Σ aᵢbᵢ. */
export function dot(a: ReadonlyVector, b: ReadonlyVector): number {
  const n = sameLength("dot", a, b);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Vector norm: p = 2 gives ‖v‖₂ = √(Σ vᵢ²), p = 1 gives Σ|vᵢ|, p = "inf" gives max|vᵢ|.
 * The 2-norm is computed as m·√(Σ (vᵢ/m)²) with m = max|vᵢ| so that squaring cannot overflow.
 */
export function norm(v: ReadonlyVector, p: 1 | 2 | "inf" = 2): number {
  checkVector("norm", "vector", v);
  let max = 0;
  let sum = 0;
  for (const x of v) {
    max = Math.max(max, Math.abs(x));
    sum += Math.abs(x);
  }
  if (p === 1) return sum;
  if (p === "inf" || max === 0) return max;
  let s = 0;
  for (const x of v) s += (x / max) ** 2;
  return max * Math.sqrt(s);
}

/** a + b, entrywise. */
export function add(a: ReadonlyVector, b: ReadonlyVector): Vector {
  const n = sameLength("add", a, b);
  return Array.from({ length: n }, (_, i) => a[i]! + b[i]!);
}

/** a − b, entrywise. */
export function sub(a: ReadonlyVector, b: ReadonlyVector): Vector {
  const n = sameLength("sub", a, b);
  return Array.from({ length: n }, (_, i) => a[i]! - b[i]!);
}

/** s·v. */
export function scale(v: ReadonlyVector, s: number): Vector {
  checkVector("scale", "vector", v);
  if (!Number.isFinite(s)) throw new Error(`scale: factor must be a finite number (got ${s})`);
  return v.map((x) => s * x);
}

/** The m×n zero matrix. */
export function zeros(m: number, n: number): Matrix {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || n < 1) {
    throw new Error(`zeros: shape must be positive integers (got ${m}×${n})`);
  }
  return Array.from({ length: m }, () => new Array<number>(n).fill(0));
}

/** The n×n identity matrix I, with Iᵢᵢ = 1 and Iᵢⱼ = 0 for i ≠ j. */
export function identity(n: number): Matrix {
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I[i]![i] = 1;
  return I;
}

/** Aᵀ, with (Aᵀ)ᵢⱼ = Aⱼᵢ. */
export function transpose(A: ReadonlyMatrix): Matrix {
  const [m, n] = checkMatrix("transpose", "matrix", A);
  return Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => A[i]![j]!));
}

/** Matrix–vector product (Ax)ᵢ = Σⱼ Aᵢⱼxⱼ. */
export function matVec(A: ReadonlyMatrix, x: ReadonlyVector): Vector {
  const [m, n] = checkMatrix("matVec", "matrix", A);
  checkVector("matVec", "vector", x);
  if (x.length !== n) throw new Error(`matVec: matrix is ${m}×${n} but vector has length ${x.length}`);
  return A.map((row) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += row[j]! * x[j]!;
    return s;
  });
}

/** Matrix product (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ. */
export function matMul(A: ReadonlyMatrix, B: ReadonlyMatrix): Matrix {
  const [m, n] = checkMatrix("matMul", "left matrix", A);
  const [n2, p] = checkMatrix("matMul", "right matrix", B);
  if (n !== n2) throw new Error(`matMul: left matrix is ${m}×${n} but right matrix is ${n2}×${p}`);
  const C = zeros(m, p);
  for (let i = 0; i < m; i++) {
    const Ci = C[i]!;
    for (let k = 0; k < n; k++) {
      const aik = A[i]![k]!;
      const Bk = B[k]!;
      for (let j = 0; j < p; j++) Ci[j]! += aik * Bk[j]!;
    }
  }
  return C;
}

/** Outer product (abᵀ)ᵢⱼ = aᵢbⱼ. */
export function outer(a: ReadonlyVector, b: ReadonlyVector): Matrix {
  checkVector("outer", "first vector", a);
  checkVector("outer", "second vector", b);
  return a.map((ai) => b.map((bj) => ai * bj));
}

/** A + s·B, entrywise (s = 1 adds, s = −1 subtracts). */
export function matAdd(A: ReadonlyMatrix, B: ReadonlyMatrix, s = 1): Matrix {
  const [m, n] = checkMatrix("matAdd", "first matrix", A);
  const [m2, n2] = checkMatrix("matAdd", "second matrix", B);
  if (m !== m2 || n !== n2) throw new Error(`matAdd: matrices are ${m}×${n} and ${m2}×${n2}`);
  return A.map((row, i) => row.map((x, j) => x + s * B[i]![j]!));
}

/** s·A. */
export function matScale(A: ReadonlyMatrix, s: number): Matrix {
  checkMatrix("matScale", "matrix", A);
  if (!Number.isFinite(s)) throw new Error(`matScale: factor must be a finite number (got ${s})`);
  return A.map((row) => row.map((x) => s * x));
}

/** Frobenius norm ‖A‖_F = √(Σᵢⱼ Aᵢⱼ²). */
export function frobeniusNorm(A: ReadonlyMatrix): number {
  checkMatrix("frobeniusNorm", "matrix", A);
  return norm(A.flat());
}

function square(fn: string, A: ReadonlyMatrix): number {
  const [m, n] = checkMatrix(fn, "matrix", A);
  if (m !== n) throw new Error(`${fn}: matrix must be square (got ${m}×${n})`);
  return n;
}

/** LU with partial pivoting on a copy; returns the factored copy, the row swaps' sign and pivot rows. */
function lu(fn: string, A: ReadonlyMatrix): { LU: Matrix; sign: number; perm: number[]; scale: number } {
  const n = square(fn, A);
  const LU = A.map((row) => row.slice());
  const perm = Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  const scale = Math.max(...A.map((row) => Math.max(...row.map(Math.abs))));
  for (let k = 0; k < n; k++) {
    // Partial pivoting: the largest |entry| in column k bounds the multipliers by 1.
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(LU[i]![k]!) > Math.abs(LU[p]![k]!)) p = i;
    if (p !== k) {
      [LU[k], LU[p]] = [LU[p]!, LU[k]!];
      [perm[k], perm[p]] = [perm[p]!, perm[k]!];
      sign = -sign;
    }
    const pivot = LU[k]![k]!;
    if (pivot === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const f = (LU[i]![k]! /= pivot);
      for (let j = k + 1; j < n; j++) LU[i]![j]! -= f * LU[k]![j]!;
    }
  }
  return { LU, sign, perm, scale };
}

/** Determinant by LU: det A = (±1)·Πᵢ Uᵢᵢ, the sign counting row swaps. */
export function det(A: ReadonlyMatrix): number {
  const { LU, sign } = lu("det", A);
  let d = sign;
  for (let i = 0; i < LU.length; i++) d *= LU[i]![i]!;
  return d === 0 ? 0 : d; // no −0 for a singular matrix with an odd number of swaps
}

/**
 * Solves Ax = b for square A by Gaussian elimination with partial pivoting.
 * Throws if a pivot is below n·ε·max|Aᵢⱼ| (singular to working precision).
 */
export function solve(A: ReadonlyMatrix, b: ReadonlyVector): Vector {
  const { LU, perm, scale } = lu("solve", A);
  const n = LU.length;
  checkVector("solve", "right-hand side", b);
  if (b.length !== n) throw new Error(`solve: matrix is ${n}×${n} but right-hand side has length ${b.length}`);
  for (let k = 0; k < n; k++) {
    if (Math.abs(LU[k]![k]!) <= n * EPS * scale) {
      throw new Error(`solve: matrix is singular to working precision (pivot ${k} is ${formatNumber(LU[k]![k]!)})`);
    }
  }
  const x = perm.map((p) => b[p]!);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) x[i]! -= LU[i]![j]! * x[j]!;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) x[i]! -= LU[i]![j]! * x[j]!;
    x[i]! /= LU[i]![i]!;
  }
  return x;
}

export { qr, lstsq, symmetricEigen, eigenvaluesSymmetric } from "./factor";
