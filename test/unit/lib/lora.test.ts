import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradient } from "../../../src/lib/calculus";
import { frobeniusNorm, identity, matAdd, matMul, matVec, qr, transpose } from "../../../src/lib/linalg";
import type { Matrix } from "../../../src/lib/linalg";
import {
  createLora,
  denseParams,
  loraDelta,
  loraForward,
  loraGradients,
  loraLoss,
  loraParams,
  mergeLora,
  randomLowRank,
  trainLora,
} from "../../../src/lib/lora";
import type { LoraLayer } from "../../../src/lib/lora";
import { eigenvaluesSymmetric } from "../../../src/lib/linalg";
import { close, closeMat, closeVec, randomMatrix } from "./helpers";

const gaussian = (m: number, n: number, seed: number): Matrix => randomMatrix(m, n, seed);

describe("parameter counts (facts.md)", () => {
  it("dense d·k versus LoRA r·(d + k)", () => {
    assert.equal(denseParams(4, 3), 12);
    assert.equal(loraParams(4, 3, 2), 14);
    // A 12,288 × 12,288 projection (GPT-3's width) with r = 4.
    assert.equal(denseParams(12_288, 12_288), 150_994_944);
    assert.equal(loraParams(12_288, 12_288, 4), 98_304);
    assert.equal(denseParams(12_288, 12_288) / loraParams(12_288, 12_288, 4), 1536);
    assert.throws(() => loraParams(4, 3, 0), /^Error: loraParams: r must be an integer >= 1 \(got 0\)$/);
  });
});

describe("createLora and the forward pass", () => {
  const W0 = gaussian(4, 3, 1);

  it("starts with B = 0, so ΔW = 0 and h = W0·x", () => {
    const layer = createLora(W0, { rank: 2, seed: 5 });
    assert.equal(layer.A.length, 2);
    assert.equal(layer.A[0]!.length, 3);
    assert.deepEqual(layer.B, [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    assert.equal(layer.alpha, 2); // α defaults to r
    closeMat(
      loraDelta(layer),
      [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      0,
    );
    closeVec(loraForward(layer, [1, -2, 0.5]), matVec(W0, [1, -2, 0.5]), 0);
  });

  it("A is seeded Gaussian with standard deviation 1/√k by default", () => {
    assert.deepEqual(createLora(W0, { rank: 2, seed: 5 }).A, createLora(W0, { rank: 2, seed: 5 }).A);
    assert.notDeepEqual(createLora(W0, { rank: 2, seed: 5 }).A, createLora(W0, { rank: 2, seed: 6 }).A);
    const wide = createLora(gaussian(8, 2000, 2), { rank: 8, seed: 1 }).A.flat();
    const sd = Math.sqrt(wide.reduce((s, v) => s + v * v, 0) / wide.length);
    close(sd, 1 / Math.sqrt(2000), 0.02 / Math.sqrt(2000), "sd of A"); // 16,000 draws: relative SE ≈ 0.6%
  });

  it("h = W0·x + (α/r)·B·A·x equals the merged layer (W0 + (α/r)BA)·x", () => {
    const layer: LoraLayer = { ...createLora(W0, { rank: 2, alpha: 6, seed: 5 }), B: gaussian(4, 2, 3) };
    const x = [0.3, -1, 2];
    const scaled = matAdd(W0, matMul(layer.B, layer.A), 3); // α/r = 3
    closeVec(loraForward(layer, x), matVec(scaled, x), 1e-12);
    closeMat(mergeLora(layer), scaled, 1e-12);
  });

  it("rejects ranks above min(d, k) and mismatched shapes", () => {
    assert.throws(() => createLora(W0, { rank: 4, seed: 1 }), /^Error: createLora: rank must be an integer in \[1, 3\] \(got 4\)$/);
    const layer = createLora(W0, { rank: 2, seed: 1 });
    assert.throws(() => loraForward(layer, [1, 2]), /matVec: matrix is 4×3 but vector has length 2/);
    assert.throws(
      () => loraLoss(layer, gaussian(5, 2, 1), gaussian(5, 4, 2)),
      /loraLoss: W0 is 4×3 so inputs need 3 features, but X is 5×2/,
    );
    assert.throws(
      () => loraLoss(layer, gaussian(5, 3, 1), gaussian(5, 2, 2)),
      /loraLoss: W0 is 4×3 so targets need 4 outputs, but Y is 5×2/,
    );
    assert.throws(() => loraLoss(layer, gaussian(5, 3, 1), gaussian(6, 4, 2)), /loraLoss: X has 5 rows but Y has 6/);
    assert.throws(() => loraForward({ ...layer, A: gaussian(3, 3, 1) }, [1, 2, 3]), /loraForward: A is 3×3 but must be r×k = 2×3/);
  });
});

describe("gradients", () => {
  it("∂L/∂A and ∂L/∂B match numerical gradients of the loss", () => {
    const W0 = gaussian(4, 3, 1);
    const layer: LoraLayer = { ...createLora(W0, { rank: 2, alpha: 4, seed: 2 }), B: gaussian(4, 2, 3) };
    const X = gaussian(6, 3, 4);
    const Y = gaussian(6, 4, 5);
    const { loss, dA, dB } = loraGradients(layer, X, Y);
    // L = (1/2n)Σ‖hᵢ − yᵢ‖², computed independently from the forward pass.
    const direct = (l: LoraLayer) => X.reduce((s, x, i) => s + loraForward(l, x).reduce((t, h, j) => t + (h - Y[i]![j]!) ** 2, 0), 0) / 12;
    close(loss, direct(layer), 1e-12, "loss");
    const unflatA = (v: number[]): Matrix => [v.slice(0, 3), v.slice(3, 6)];
    const unflatB = (v: number[]): Matrix => [0, 1, 2, 3].map((i) => v.slice(2 * i, 2 * i + 2));
    const numA = gradient((v) => direct({ ...layer, A: unflatA(v) }), layer.A.flat());
    const numB = gradient((v) => direct({ ...layer, B: unflatB(v) }), layer.B.flat());
    closeVec(dA.flat(), numA, 1e-7, "dA");
    closeVec(dB.flat(), numB, 1e-7, "dB");
  });

  it("at initialisation (B = 0) the gradient for A is zero, so B moves first", () => {
    const W0 = gaussian(4, 3, 1);
    const { dA, dB } = loraGradients(createLora(W0, { rank: 2, seed: 2 }), gaussian(6, 3, 4), gaussian(6, 4, 5));
    assert.ok(dA.flat().every((v) => v === 0));
    assert.ok(dB.flat().some((v) => v !== 0));
  });
});

describe("training", () => {
  // Target update with known singular values σ = (3, 2): ΔW* = U·diag(3, 2)·Vᵀ, U and V orthonormal.
  const d = 6;
  const k = 5;
  const W0 = gaussian(d, k, 10);
  const U = qr(gaussian(d, 2, 11)).Q;
  const V = qr(gaussian(k, 2, 12)).Q;
  const target = matMul(
    matMul(U, [
      [3, 0],
      [0, 2],
    ]),
    transpose(V),
  );
  // With X = I (one input per basis vector), L(ΔW) = (1/2k)‖ΔW − ΔW*‖²_F.
  const X = identity(k);
  const Y = transpose(matAdd(W0, target));

  it("the target has exactly the constructed singular values", () => {
    const s2 = eigenvaluesSymmetric(matMul(transpose(target), target));
    closeVec(s2, [0, 0, 0, 4, 9], 1e-12);
  });

  it("rank r = true rank recovers the target: loss → 0 and W0 stays frozen", () => {
    const W0copy = W0.map((r) => r.slice());
    const layer = createLora(W0, { rank: 2, seed: 3 });
    const run = trainLora(layer, X, Y, { learningRate: 1, steps: 3000 });
    close(run.loss[0]!, (9 + 4) / (2 * k), 1e-12, "initial loss ‖ΔW*‖²/2k");
    assert.equal(run.diverged, false);
    assert.ok(run.loss[run.loss.length - 1]! < 1e-20, `final loss ${run.loss[run.loss.length - 1]}`);
    assert.ok(frobeniusNorm(matAdd(loraDelta(run.layer), target, -1)) < 1e-9);
    assert.deepEqual(run.layer.W0, W0copy);
    assert.deepEqual(W0, W0copy);
    assert.deepEqual(
      layer.B,
      Array.from({ length: d }, () => [0, 0]),
      "the input layer is not modified",
    );
  });

  it("rank below the true rank cannot: the loss stalls at the Eckart–Young bound σ₂²/2k", () => {
    const run = trainLora(createLora(W0, { rank: 1, seed: 3 }), X, Y, { learningRate: 1, steps: 3000 });
    const bound = 4 / (2 * k);
    const final = run.loss[run.loss.length - 1]!;
    assert.ok(final >= bound - 1e-12, `a rank-1 update cannot beat ${bound} (got ${final})`);
    close(final, bound, 1e-6, "reaches the best rank-1 approximation");
  });

  it("recovers a random rank-2 update from Gaussian inputs", () => {
    const truth = randomLowRank(d, k, 2, 5);
    const Xg = gaussian(30, k, 6);
    const Yg = matMul(Xg, transpose(matAdd(W0, truth)));
    const run = trainLora(createLora(W0, { rank: 2, seed: 4 }), Xg, Yg, { learningRate: 0.1, steps: 3000 });
    assert.equal(run.diverged, false);
    assert.ok(frobeniusNorm(matAdd(loraDelta(run.layer), truth, -1)) < 1e-8);
  });

  it("randomLowRank has the requested rank", () => {
    const M = randomLowRank(5, 4, 2, 1);
    const s2 = eigenvaluesSymmetric(matMul(transpose(M), M));
    assert.ok(Math.abs(s2[0]!) < 1e-10 && Math.abs(s2[1]!) < 1e-10, "two zero singular values");
    assert.ok(s2[2]! > 1e-3, "two non-zero singular values");
    assert.deepEqual(randomLowRank(5, 4, 2, 1), M, "seeded");
  });

  it("too large a learning rate is reported as divergence with finite losses", () => {
    const run = trainLora(createLora(W0, { rank: 2, seed: 3 }), X, Y, { learningRate: 50, steps: 100 });
    assert.equal(run.diverged, true);
    assert.ok(run.loss.every(Number.isFinite));
    assert.ok(run.layer.A.flat().every(Number.isFinite) && run.layer.B.flat().every(Number.isFinite));
  });
});

describe("trainLora reports where it stopped", () => {
  // A rank-4 target; the step sizes are stated relative to what converges on this problem.
  const W0 = randomMatrix(32, 32, 42, 1 / Math.sqrt(32));
  const target = matAdd(
    W0,
    randomLowRank(32, 32, 4, 7).map((row) => row.map((v) => v / Math.sqrt(32))),
  );
  const X = randomMatrix(64, 32, 43);
  const Y = matMul(X, transpose(target));

  it("ends with a near-zero gradient at a minimum and at a rank-limited plateau", () => {
    for (const rank of [1, 4]) {
      const res = trainLora(createLora(W0, { rank, seed: 100 + rank }), X, Y, { learningRate: 0.1, steps: 800 });
      assert.equal(res.diverged, false);
      assert.ok(res.gradientNorm < 1e-8, `rank ${rank}: gradient norm ${res.gradientNorm}`);
    }
  });

  it("shows a step too large that neither converges nor diverges by its gradient norm", () => {
    const res = trainLora(createLora(W0, { rank: 4, seed: 104 }), X, Y, { learningRate: 0.2, steps: 800 });
    assert.equal(res.diverged, false, "the loss stays bounded");
    const [a = 0, b = 0] = res.loss.slice(-2);
    assert.ok(Math.abs(a - b) > 1e-3 * Math.max(a, b), "the loss keeps jumping between two values");
    assert.ok(res.gradientNorm > 0.1, `gradient norm ${res.gradientNorm} says it did not settle`);
  });
});
