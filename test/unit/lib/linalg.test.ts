import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  add,
  det,
  dot,
  eigenvaluesSymmetric,
  frobeniusNorm,
  identity,
  lstsq,
  matAdd,
  matMul,
  matScale,
  matVec,
  norm,
  outer,
  qr,
  scale,
  shape,
  solve,
  sub,
  symmetricEigen,
  transpose,
  zeros,
} from "../../../src/lib/linalg";
import { createRng } from "../../../src/lib/random";
import { close, closeMat, closeVec, randomMatrix } from "./helpers";

describe("vector operations", () => {
  it("dot, add, sub, scale", () => {
    assert.equal(dot([1, 2, 3], [4, 5, 6]), 32);
    assert.deepEqual(add([1, 2], [3, 4]), [4, 6]);
    assert.deepEqual(sub([1, 2], [3, 5]), [-2, -3]);
    assert.deepEqual(scale([1, -2], 3), [3, -6]);
  });

  it("norms: 2-norm of (3, 4) is 5, 1-norm 7, ∞-norm 4", () => {
    assert.equal(norm([3, 4]), 5);
    assert.equal(norm([3, -4], 1), 7);
    assert.equal(norm([3, -4], "inf"), 4);
    assert.equal(norm([0, 0]), 0);
  });

  it("the 2-norm does not overflow where squaring would", () => {
    close(norm([3e200, 4e200]) / 1e200, 5, 1e-14, "‖(3e200, 4e200)‖/1e200");
  });

  it("reject mismatched, empty and non-finite vectors, naming the function", () => {
    assert.throws(() => dot([1, 2], [1, 2, 3]), /^Error: dot: vectors have different lengths \(2 and 3\)$/);
    assert.throws(() => add([], []), /add: first vector is empty/);
    assert.throws(() => norm([1, Number.NaN]), /norm: vector\[1\] is NaN/);
    assert.throws(() => scale([1], Infinity), /scale: factor must be a finite number/);
  });
});

describe("matrix operations", () => {
  const A = [
    [1, 2, 3],
    [4, 5, 6],
  ];

  it("shape, transpose, identity, zeros", () => {
    assert.deepEqual(shape(A), [2, 3]);
    assert.deepEqual(transpose(A), [
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    assert.deepEqual(identity(2), [
      [1, 0],
      [0, 1],
    ]);
    assert.deepEqual(zeros(1, 2), [[0, 0]]);
  });

  it("matVec and matMul by hand", () => {
    assert.deepEqual(matVec(A, [1, 0, -1]), [-2, -2]);
    assert.deepEqual(
      matMul(A, [
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
      [
        [4, 5],
        [10, 11],
      ],
    );
    assert.deepEqual(matMul(identity(2), A), A);
  });

  it("outer, matAdd, matScale, Frobenius norm", () => {
    assert.deepEqual(outer([1, 2], [3, 4, 5]), [
      [3, 4, 5],
      [6, 8, 10],
    ]);
    assert.deepEqual(matAdd(A, A, -1), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    assert.deepEqual(matScale(A, 2), [
      [2, 4, 6],
      [8, 10, 12],
    ]);
    close(frobeniusNorm(A), Math.sqrt(91), 1e-14, "‖A‖_F");
  });

  it("dimension errors say what was expected", () => {
    assert.throws(() => matVec(A, [1, 2]), /^Error: matVec: matrix is 2×3 but vector has length 2$/);
    assert.throws(() => matMul(A, A), /^Error: matMul: left matrix is 2×3 but right matrix is 2×3$/);
    assert.throws(() => matAdd(A, [[1]]), /matAdd: matrices are 2×3 and 1×1/);
    assert.throws(() => transpose([[1, 2], [3]]), /transpose: matrix is ragged: row 0 has 2 entries but row 1 has 1/);
    assert.throws(() => transpose([]), /transpose: matrix has no rows/);
    assert.throws(() => matVec([[1, Infinity]], [1, 1]), /matVec: matrix\[0\]\[1\] is Infinity/);
  });

  it("inputs are not modified", () => {
    const M = [
      [2, 1],
      [1, 3],
    ];
    const copy = M.map((r) => r.slice());
    solve(M, [1, 2]);
    det(M);
    symmetricEigen(M);
    qr(M);
    assert.deepEqual(M, copy);
  });
});

describe("det", () => {
  it("matches hand-computed determinants", () => {
    assert.equal(
      det([
        [1, 2],
        [3, 4],
      ]),
      -2,
    );
    assert.equal(
      det([
        [0, 1],
        [1, 0],
      ]),
      -1,
    ); // one row swap
    close(
      det([
        [2, 0, 0],
        [5, 3, 0],
        [7, 8, 4],
      ]),
      24,
      1e-12,
      "triangular",
    );
    assert.equal(
      det([
        [1, 2],
        [2, 4],
      ]),
      0,
    );
  });

  it("is multiplicative: det(AB) = det A · det B", () => {
    const P = randomMatrix(4, 4, 1);
    const Q = randomMatrix(4, 4, 2);
    close(det(matMul(P, Q)), det(P) * det(Q), 1e-10 * Math.abs(det(P) * det(Q)), "det(AB)");
  });

  it("needs a square matrix", () => {
    assert.throws(() => det([[1, 2, 3]]), /det: matrix must be square \(got 1×3\)/);
  });
});

describe("solve", () => {
  it("solves a 2×2 system exactly", () => {
    // 2x + y = 3, x + 3y = 5  ⇒  x = 4/5, y = 7/5
    closeVec(
      solve(
        [
          [2, 1],
          [1, 3],
        ],
        [3, 5],
      ),
      [0.8, 1.4],
      1e-15,
    );
  });

  it("pivots when the leading entry is zero", () => {
    assert.deepEqual(
      solve(
        [
          [0, 1],
          [1, 0],
        ],
        [2, 3],
      ),
      [3, 2],
    );
  });

  it("has a tiny residual on a random 8×8 system", () => {
    const M = randomMatrix(8, 8, 3);
    const xTrue = createRng(4).normalArray(8);
    const x = solve(M, matVec(M, xTrue));
    closeVec(x, xTrue, 1e-10);
  });

  it("rejects singular systems and bad shapes", () => {
    assert.throws(
      () =>
        solve(
          [
            [1, 2],
            [2, 4],
          ],
          [1, 2],
        ),
      /^Error: solve: matrix is singular to working precision/,
    );
    assert.throws(
      () =>
        solve(
          [
            [1, 0],
            [0, 1],
          ],
          [1, 2, 3],
        ),
      /solve: matrix is 2×2 but right-hand side has length 3/,
    );
  });
});

describe("qr and lstsq", () => {
  it("QR = A with orthonormal Q and upper-triangular R", () => {
    const A = randomMatrix(7, 4, 5);
    const { Q, R } = qr(A);
    closeMat(matMul(Q, R), A, 1e-12, "QR");
    closeMat(matMul(transpose(Q), Q), identity(4), 1e-12, "QᵀQ");
    R.forEach((row, i) =>
      row.forEach((x, j) => {
        if (j < i) assert.equal(x, 0);
      }),
    );
  });

  it("stays accurate for a column already close to e₁ (the reflector's sign avoids cancellation)", () => {
    // Reflecting x = (1, 1e-9, 0) onto +‖x‖e₁ would compute v₀ = 1 − √(1 + 1e-18) = 0 and lose x₁.
    for (const sign of [1, -1]) {
      const A = [
        [sign, 2],
        [1e-9, 1],
        [0, 3],
      ];
      const { Q, R } = qr(A);
      // A backward-stable QR is exact to a few ε·‖A‖ (≈ 1e-15 here); the wrong sign is off by 1e-9.
      closeMat(matMul(Q, R), A, 1e-14, `QR with x₀ = ${sign}`);
      closeMat(matMul(transpose(Q), Q), identity(2), 1e-14, `QᵀQ with x₀ = ${sign}`);
    }
  });

  it("recovers the exact solution of a consistent overdetermined system", () => {
    const A = randomMatrix(10, 3, 6);
    const x = [1, -2, 0.5];
    closeVec(lstsq(A, matVec(A, x)), x, 1e-12);
  });

  it("leaves a residual orthogonal to the columns (the normal equations hold)", () => {
    const A = randomMatrix(20, 4, 7);
    const b = createRng(8).normalArray(20);
    const x = lstsq(A, b);
    const r = sub(matVec(A, x), b);
    closeVec(matVec(transpose(A), r), [0, 0, 0, 0], 1e-12, "Aᵀr");
    // Same answer as the (worse-conditioned, but fine here) normal equations AᵀAx = Aᵀb.
    closeVec(x, solve(matMul(transpose(A), A), matVec(transpose(A), b)), 1e-10, "x");
  });

  it("rejects rank-deficient and wide matrices", () => {
    assert.throws(
      () =>
        lstsq(
          [
            [1, 2],
            [2, 4],
            [3, 6],
          ],
          [1, 2, 3],
        ),
      /^Error: lstsq: matrix is rank-deficient \(column 1 is a linear combination of columns 0…0\)/,
    );
    assert.throws(
      () =>
        lstsq(
          [
            [0, 1],
            [0, 2],
            [0, 3],
          ],
          [1, 2, 3],
        ),
      /lstsq: matrix is rank-deficient \(column 0 is zero\)/,
    );
    assert.throws(() => lstsq([[1, 2, 3]], [1]), /lstsq: matrix is 1×3; QR needs at least as many rows as columns/);
    assert.throws(() => lstsq([[1], [2]], [1]), /lstsq: matrix is 2×1 but right-hand side has length 1/);
  });
});

describe("symmetricEigen", () => {
  it("2×2: λ = (a + c)/2 ± √(((a − c)/2)² + b²)", () => {
    const [a, b, c] = [4, 1.5, -2];
    const mid = (a + c) / 2;
    const rad = Math.sqrt(((a - c) / 2) ** 2 + b * b);
    closeVec(
      eigenvaluesSymmetric([
        [a, b],
        [b, c],
      ]),
      [mid - rad, mid + rad],
      1e-14,
    );
    closeVec(
      eigenvaluesSymmetric([
        [2, 1],
        [1, 2],
      ]),
      [1, 3],
      1e-15,
    );
  });

  it("diagonalises a random symmetric 6×6 matrix: AV = VΛ, VᵀV = I, Σλ = trace", () => {
    const M = randomMatrix(6, 6, 9);
    const S = matAdd(M, transpose(M));
    const { values, vectors } = symmetricEigen(S);
    const Lambda = values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
    closeMat(matMul(S, vectors), matMul(vectors, Lambda), 1e-12, "AV − VΛ");
    closeMat(matMul(transpose(vectors), vectors), identity(6), 1e-12, "VᵀV");
    close(
      values.reduce((s, v) => s + v, 0),
      S.reduce((s, row, i) => s + row[i]!, 0),
      1e-12,
      "trace",
    );
    close(
      values.reduce((p, v) => p * v, 1),
      det(S),
      1e-9 * Math.abs(det(S)),
      "det",
    );
    for (let i = 1; i < values.length; i++) assert.ok(values[i - 1]! <= values[i]!, "ascending");
  });

  it("handles an already-diagonal matrix and rejects a non-symmetric one", () => {
    closeVec(
      eigenvaluesSymmetric([
        [3, 0],
        [0, -1],
      ]),
      [-1, 3],
      0,
    );
    assert.throws(
      () =>
        symmetricEigen([
          [1, 2],
          [3, 1],
        ]),
      /^Error: symmetricEigen: matrix is not symmetric: A\[0\]\[1\] = 2 but A\[1\]\[0\] = 3$/,
    );
  });
});
