/**
 * Small published data sets, copied exactly from their sources and frozen so no notebook can alter them.
 */

/** One (x, y) data set. */
export interface XYData {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

function frozen(x: readonly number[], y: readonly number[]): XYData {
  return Object.freeze({ x: Object.freeze(x.slice()), y: Object.freeze(y.slice()) });
}

const X123 = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];

/**
 * Anscombe's quartet (F. J. Anscombe, "Graphs in Statistical Analysis", The American Statistician
 * 27(1):17–21, 1973): four sets with the same mean x = 9, var x = 11, mean y = 7.50, correlation
 * 0.816 and least-squares line y = 3.00 + 0.500x, yet very different scatter plots.
 */
export const anscombe: Readonly<Record<"I" | "II" | "III" | "IV", XYData>> = Object.freeze({
  I: frozen(X123, [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]),
  II: frozen(X123, [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74]),
  III: frozen(X123, [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73]),
  IV: frozen([8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8], [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.5, 5.56, 7.91, 6.89]),
});
