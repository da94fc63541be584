/**
 * Symbolic differentiation with mathjs, and a side-by-side check against the numerical derivative.
 *
 * mathjs parses an expression string into a tree, differentiates it by the usual rules and simplifies
 * the result; we compile both the expression and its derivative to plain functions of a scope.
 */
import { derivative as mathDerivative, parse } from "mathjs";
import type { MathNode } from "mathjs";
import { checkFinite, formatNumber } from "./check";
import { derivative } from "./calculus";
import type { DifferenceOptions } from "./calculus";

/** Values for the variables of an expression, e.g. `{ x: 1, y: 2 }`. */
export type Scope = Record<string, number>;

/** A compiled expression: its text, its LaTeX and a checked evaluator. */
export interface CompiledExpression {
  /** mathjs's plain-text rendering, e.g. `"2 * x + cos(x)"`. */
  text: string;
  /** LaTeX for a Markdown cell, e.g. `"2\\cdot x+\\cos\\left(x\\right)"`. */
  tex: string;
  /** Evaluates at the given variable values; throws unless the result is a finite real number. */
  evaluate(scope: Scope): number;
}

/** The result of {@link symbolicDerivative}: the expression f and its derivative ∂f/∂variable. */
export interface SymbolicDerivative {
  variable: string;
  f: CompiledExpression;
  derivative: CompiledExpression;
}

function compileNode(fn: string, node: MathNode): CompiledExpression {
  const code = node.compile();
  const text = node.toString();
  return {
    text,
    tex: node.toTex(),
    evaluate(scope: Scope): number {
      for (const [name, value] of Object.entries(scope)) checkFinite(fn, `variable ${name}`, value);
      let y: unknown;
      try {
        y = code.evaluate({ ...scope });
      } catch (e) {
        throw new Error(`${fn}: cannot evaluate ${text}: ${(e as Error).message}`);
      }
      if (typeof y !== "number" || !Number.isFinite(y)) {
        const at = Object.entries(scope)
          .map(([k, v]) => `${k} = ${formatNumber(v)}`)
          .join(", ");
        throw new Error(`${fn}: ${text} is ${typeof y === "number" ? String(y) : "not a real number"} at ${at}`);
      }
      return y;
    },
  };
}

/**
 * d(expr)/d(variable) by mathjs's rule-based `derivative`, simplified.
 * @example symbolicDerivative("x^2 + sin(x)", "x").derivative.text // "2 * x + cos(x)"
 */
export function symbolicDerivative(expr: string, variable: string): SymbolicDerivative {
  const fn = "symbolicDerivative";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw new Error(`${fn}: variable ${JSON.stringify(variable)} is not a name`);
  let node: MathNode;
  try {
    node = parse(expr);
  } catch (e) {
    throw new Error(`${fn}: cannot parse ${JSON.stringify(expr)}: ${(e as Error).message}`);
  }
  let d: MathNode;
  try {
    d = mathDerivative(node, variable);
  } catch (e) {
    throw new Error(`${fn}: cannot differentiate ${JSON.stringify(expr)}: ${(e as Error).message}`);
  }
  return { variable, f: compileNode(fn, node), derivative: compileNode(fn, d) };
}

/** One row of {@link compareDerivatives}. */
export interface DerivativeComparison {
  x: number;
  symbolic: number;
  numeric: number;
  /** |numeric − symbolic|. */
  absError: number;
}

/**
 * Evaluates the symbolic derivative and a numerical one (default central difference) at each point,
 * so a notebook can show they agree to the error the step size predicts.
 * @param scope values of any other variables in the expression.
 */
export function compareDerivatives(
  expr: string,
  variable: string,
  points: readonly number[],
  options: DifferenceOptions & { scope?: Scope } = {},
): DerivativeComparison[] {
  const { f, derivative: df } = symbolicDerivative(expr, variable);
  const { scope = {}, ...difference } = options;
  return points.map((x) => {
    checkFinite("compareDerivatives", "point", x);
    const symbolic = df.evaluate({ ...scope, [variable]: x });
    const numeric = derivative((t) => f.evaluate({ ...scope, [variable]: t }), x, difference);
    return { x, symbolic, numeric, absError: Math.abs(numeric - symbolic) };
  });
}
