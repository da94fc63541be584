/**
 * A LoRA linear layer (Hu et al., "LoRA: Low-Rank Adaptation of Large Language Models", ICLR 2022):
 * the pretrained weight W0 ∈ ℝ^{d×k} is frozen and the update is the product ΔW = (α/r)·B·A of
 * B ∈ ℝ^{d×r} and A ∈ ℝ^{r×k}, r ≪ min(d, k). Forward pass: h = W0·x + (α/r)·B·A·x (their eq. 3).
 * A starts Gaussian and B at zero, so ΔW = 0 and the layer equals W0 when training starts.
 *
 * Training minimises the mean-squared error over a batch, L = (1/2n)·Σᵢ‖hᵢ − yᵢ‖², by plain gradient
 * descent on A and B only. With s = α/r, uᵢ = A·xᵢ and residual eᵢ = hᵢ − yᵢ:
 *   ∂L/∂B = (s/n)·Σᵢ eᵢ·uᵢᵀ        = (s/n)·Eᵀ·(X·Aᵀ)   (d×r)
 *   ∂L/∂A = (s/n)·Σᵢ (Bᵀ·eᵢ)·xᵢᵀ   = (s/n)·Bᵀ·Eᵀ·X     (r×k)
 * where X (n×k) and E (n×d) hold xᵢ and eᵢ as rows. At B = 0 the gradient for A vanishes, so B moves
 * first; that is the intended behaviour of the zero initialisation, not a bug.
 */
import { checkInteger, checkMatrix, checkPositive } from "./check";
import type { ReadonlyMatrix, ReadonlyVector } from "./check";
import { frobeniusNorm, matAdd, matMul, matScale, matVec, zeros } from "./linalg";
import type { Matrix, Vector } from "./linalg";
import { createRng } from "./random";

/** A LoRA-adapted linear layer. W0 is never modified by this module. */
export interface LoraLayer {
  /** The frozen pretrained weight, d×k. */
  readonly W0: Matrix;
  /** The down-projection, r×k (trained). */
  readonly A: Matrix;
  /** The up-projection, d×r (trained). */
  readonly B: Matrix;
  /** The rank r. */
  readonly rank: number;
  /** α; the update is scaled by α/r. */
  readonly alpha: number;
}

/** Options of {@link createLora}. */
export interface LoraOptions {
  rank: number;
  /** Default r, i.e. α/r = 1 (as in the FLUX trainer, which fixes alpha = rank). */
  alpha?: number;
  /** Seed for the Gaussian initialisation of A. */
  seed: number;
  /** Standard deviation of A's entries; default 1/√k, so A·x has the scale of x. */
  initStd?: number;
}

/** A dense d×k layer has d·k trainable weights. */
export function denseParams(d: number, k: number): number {
  checkInteger("denseParams", "d", d, 1);
  checkInteger("denseParams", "k", k, 1);
  return d * k;
}

/** LoRA trains A (r×k) and B (d×r): r·(d + k) weights. */
export function loraParams(d: number, k: number, r: number): number {
  checkInteger("loraParams", "d", d, 1);
  checkInteger("loraParams", "k", k, 1);
  checkInteger("loraParams", "r", r, 1);
  return r * (d + k);
}

/** Wraps W0 (d×k) with A ~ N(0, initStd²) (r×k, seeded) and B = 0 (d×r). */
export function createLora(W0: ReadonlyMatrix, options: LoraOptions): LoraLayer {
  const [d, k] = checkMatrix("createLora", "W0", W0);
  const rank = checkInteger("createLora", "rank", options.rank, 1, Math.min(d, k));
  const alpha = checkPositive("createLora", "alpha", options.alpha ?? rank);
  const std = checkPositive("createLora", "initStd", options.initStd ?? 1 / Math.sqrt(k));
  const rng = createRng(options.seed);
  const A = Array.from({ length: rank }, () => rng.normalArray(k, 0, std));
  return { W0: W0.map((row) => row.slice()), A, B: zeros(d, rank), rank, alpha };
}

/** ΔW = (α/r)·B·A, the d×k update (rank ≤ r). */
export function loraDelta(layer: LoraLayer): Matrix {
  checkLayer("loraDelta", layer);
  return matScale(matMul(layer.B, layer.A), layer.alpha / layer.rank);
}

/** W = W0 + (α/r)·B·A: merging the update adds no inference latency. */
export function mergeLora(layer: LoraLayer): Matrix {
  return matAdd(layer.W0, loraDelta(layer));
}

/** h = W0·x + (α/r)·B·(A·x), never forming the d×k product B·A. */
export function loraForward(layer: LoraLayer, x: ReadonlyVector): Vector {
  checkLayer("loraForward", layer);
  const base = matVec(layer.W0, x);
  const update = matVec(layer.B, matVec(layer.A, x));
  const s = layer.alpha / layer.rank;
  return base.map((v, i) => v + s * update[i]!);
}

/** Checks that W0 (d×k), A (r×k) and B (d×r) fit together; returns [d, k]. */
function checkLayer(fn: string, layer: LoraLayer): [number, number] {
  const [d, k] = checkMatrix(fn, "W0", layer.W0);
  const [ra, ka] = checkMatrix(fn, "A", layer.A);
  const [db, rb] = checkMatrix(fn, "B", layer.B);
  if (ra !== layer.rank || ka !== k) throw new Error(`${fn}: A is ${ra}×${ka} but must be r×k = ${layer.rank}×${k}`);
  if (db !== d || rb !== layer.rank) throw new Error(`${fn}: B is ${db}×${rb} but must be d×r = ${d}×${layer.rank}`);
  checkPositive(fn, "alpha", layer.alpha);
  return [d, k];
}

function checkBatch(fn: string, layer: LoraLayer, X: ReadonlyMatrix, Y: ReadonlyMatrix): void {
  const [d, k] = checkLayer(fn, layer);
  const [n, kx] = checkMatrix(fn, "X", X);
  const [ny, dy] = checkMatrix(fn, "Y", Y);
  if (kx !== k) throw new Error(`${fn}: W0 is ${d}×${k} so inputs need ${k} features, but X is ${n}×${kx}`);
  if (dy !== d) throw new Error(`${fn}: W0 is ${d}×${k} so targets need ${d} outputs, but Y is ${ny}×${dy}`);
  if (ny !== n) throw new Error(`${fn}: X has ${n} rows but Y has ${ny}`);
}

/** Unchecked product and transpose: in training, an overflow must surface as a non-finite loss
 * (reported as divergence), not as an input error thrown from the middle of the computation. */
function mul(A: ReadonlyMatrix, B: ReadonlyMatrix): Matrix {
  const p = B[0]!.length;
  return A.map((row) => {
    const out = new Array<number>(p).fill(0);
    row.forEach((aik, k) => {
      const Bk = B[k]!;
      for (let j = 0; j < p; j++) out[j]! += aik * Bk[j]!;
    });
    return out;
  });
}

function tr(A: ReadonlyMatrix): Matrix {
  return A[0]!.map((_, j) => A.map((row) => row[j]!));
}

/** Loss and both gradients for a checked batch, sharing U = X·Aᵀ and the residual E. */
function lossAndGradients(layer: LoraLayer, X: ReadonlyMatrix, Y: ReadonlyMatrix): { loss: number; dA: Matrix; dB: Matrix } {
  const n = X.length;
  const s = layer.alpha / layer.rank;
  const U = mul(X, tr(layer.A)); // n×r, row i = (A·xᵢ)ᵀ
  const base = mul(X, tr(layer.W0)); // n×d, row i = (W0·xᵢ)ᵀ
  const update = mul(U, tr(layer.B));
  const E = base.map((row, i) => row.map((v, j) => v + s * update[i]![j]! - Y[i]![j]!));
  const loss = E.reduce((acc, row) => acc + row.reduce((t, e) => t + e * e, 0), 0) / (2 * n);
  const Et = tr(E);
  const c = s / n;
  const dB = mul(Et, U).map((row) => row.map((v) => c * v));
  const dA = mul(mul(tr(layer.B), Et), X).map((row) => row.map((v) => c * v));
  return { loss, dA, dB };
}

function finiteResult(fn: string, result: { loss: number; dA: Matrix; dB: Matrix }): { loss: number; dA: Matrix; dB: Matrix } {
  if (!Number.isFinite(result.loss)) throw new Error(`${fn}: the loss overflowed (${result.loss}); the weights or data are too large`);
  return result;
}

/** L = (1/2n)·Σᵢ‖W0·xᵢ + (α/r)·B·A·xᵢ − yᵢ‖² over the rows xᵢ of X (n×k) and yᵢ of Y (n×d). */
export function loraLoss(layer: LoraLayer, X: ReadonlyMatrix, Y: ReadonlyMatrix): number {
  checkBatch("loraLoss", layer, X, Y);
  return finiteResult("loraLoss", lossAndGradients(layer, X, Y)).loss;
}

/** The loss and its gradients ∂L/∂A (r×k) and ∂L/∂B (d×r); see the module comment for the derivation. */
export function loraGradients(layer: LoraLayer, X: ReadonlyMatrix, Y: ReadonlyMatrix): { loss: number; dA: Matrix; dB: Matrix } {
  checkBatch("loraGradients", layer, X, Y);
  return finiteResult("loraGradients", lossAndGradients(layer, X, Y));
}

/** Options of {@link trainLora}. */
export interface LoraTrainOptions {
  learningRate: number;
  steps: number;
  /** Report divergence once L > blowUpFactor·L₀; default 1e8. */
  blowUpFactor?: number;
}

/** The result of {@link trainLora}: the trained layer (a copy) and the loss before each update. */
export interface LoraTrainResult {
  layer: LoraLayer;
  /** loss[k] = L after k updates; finite values only. */
  loss: number[];
  diverged: boolean;
  divergedAt: number | null;
  /**
   * ‖(∂L/∂A, ∂L/∂B)‖_F at the returned layer. Near 0 at a minimum or a rank-limited plateau; large
   * when the loss stopped falling for another reason (a step too big for the curvature can settle into
   * a stable back-and-forth that neither converges nor diverges).
   */
  gradientNorm: number;
}

/** ‖(∂L/∂A, ∂L/∂B)‖_F. */
const gradientNormOf = (dA: Matrix, dB: Matrix): number => Math.hypot(frobeniusNorm(dA), frobeniusNorm(dB));

/**
 * Full-batch gradient descent on A and B together (both from the same point): A ← A − η∂L/∂A,
 * B ← B − η∂L/∂B. W0 stays frozen. Stops and reports divergence on a non-finite or exploding loss.
 */
export function trainLora(layer: LoraLayer, X: ReadonlyMatrix, Y: ReadonlyMatrix, options: LoraTrainOptions): LoraTrainResult {
  const fn = "trainLora";
  checkBatch(fn, layer, X, Y);
  const eta = checkPositive(fn, "learningRate", options.learningRate);
  const steps = checkInteger(fn, "steps", options.steps, 0);
  const factor = checkPositive(fn, "blowUpFactor", options.blowUpFactor ?? 1e8);
  let current: LoraLayer = { ...layer, A: layer.A.map((r) => r.slice()), B: layer.B.map((r) => r.slice()) };
  let { loss: L, dA, dB } = lossAndGradients(current, X, Y);
  const loss = [L];
  const limit = factor * Math.max(L, Number.MIN_VALUE);
  for (let k = 1; k <= steps; k++) {
    const step = (P: Matrix, G: Matrix): Matrix => P.map((row, i) => row.map((v, j) => v - eta * G[i]![j]!));
    const next: LoraLayer = { ...current, A: step(current.A, dA), B: step(current.B, dB) };
    const finite = next.A.every((r) => r.every(Number.isFinite)) && next.B.every((r) => r.every(Number.isFinite));
    if (!finite) return { layer: current, loss, diverged: true, divergedAt: k, gradientNorm: gradientNormOf(dA, dB) };
    const before = { dA, dB };
    ({ loss: L, dA, dB } = lossAndGradients(next, X, Y));
    if (!Number.isFinite(L) || L > limit) {
      if (Number.isFinite(L)) loss.push(L);
      const kept = Number.isFinite(L) ? { dA, dB } : before;
      return {
        layer: Number.isFinite(L) ? next : current,
        loss,
        diverged: true,
        divergedAt: k,
        gradientNorm: gradientNormOf(kept.dA, kept.dB),
      };
    }
    current = next;
    loss.push(L);
  }
  return { layer: current, loss, diverged: false, divergedAt: null, gradientNorm: gradientNormOf(dA, dB) };
}

/**
 * A random d×k matrix of rank r (with probability 1): B*·A* with standard Gaussian B* (d×r) and
 * A* (r×k), scaled by 1/√r so entries have unit variance whatever r is. Seeded.
 */
export function randomLowRank(d: number, k: number, r: number, seed: number): Matrix {
  checkInteger("randomLowRank", "d", d, 1);
  checkInteger("randomLowRank", "k", k, 1);
  checkInteger("randomLowRank", "r", r, 1, Math.min(d, k));
  const rng = createRng(seed);
  const B = Array.from({ length: d }, () => rng.normalArray(r));
  const A = Array.from({ length: r }, () => rng.normalArray(k));
  return matScale(matMul(B, A), 1 / Math.sqrt(r));
}
