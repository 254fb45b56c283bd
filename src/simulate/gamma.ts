/**
 * Gamma-function helpers for the staffing maths, all in log space or in well-conditioned forms so that
 * 10,000+ agents and loads close to the agent count neither overflow nor lose precision.
 */

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 10_000_000;

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; Stirling series from 10 up). */
export function lnGamma(x: number): number {
  if (x >= 10) return stirlingLnGammaPlusOne(x - 1);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + 7.5;
  return HALF_LN_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln Γ(x + 1) by Stirling's series; accurate to ~1e-13 for x ≥ 9. */
function stirlingLnGammaPlusOne(x: number): number {
  return (x + 0.5) * Math.log(x) - x + HALF_LN_2PI + stirlingCorrection(x);
}

/** ln Γ(x + 1) − ((x + 0.5)·ln x − x + ½·ln 2π), the small remainder of Stirling's formula. */
function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
}

/**
 * L(x, y) = ln(Γ(x + 1)·e^y·y^(−x)), written without cancelling large terms when x is large.
 * (x > 0, y > 0)
 */
function lnScaledGamma(x: number, y: number): number {
  if (x < 10) return lnGamma(x + 1) + y - x * Math.log(y);
  const d = y - x;
  return d - x * Math.log1p(d / x) + 0.5 * Math.log(x) + HALF_LN_2PI + stirlingCorrection(x);
}

/**
 * Continued fraction (modified Lentz) h with Γ(s, y) = e^(−y)·y^s·h, for y ≥ s + 1.
 */
export function upperGammaFraction(s: number, y: number): number {
  let b = y + 1 - s;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * The Erlang B value of the fractional part of a non-integer agent count:
 * B(x0, a) = a^x0·e^(−a) / Γ(x0 + 1, a), the continuous extension of Erlang B (Jagerman), 0 ≤ x0 < 1.
 * The integer recursion B(n) = a·B(n−1)/(n + a·B(n−1)) then continues from it.
 */
export function erlangBBase(x0: number, a: number): number {
  if (x0 === 0) return 1;
  if (a <= 0) return 0;
  const s = x0 + 1;
  if (a >= s + 1) return 1 / (a * upperGammaFraction(s, a));
  // small load: Γ(s, a) = Γ(s) − γ(s, a), with γ by its series (no under/overflow for a < 3)
  let term = 1 / s;
  let sum = term;
  for (let j = 1; j < MAX_TERMS && term > EPS * sum; j++) {
    term *= a / (s + j);
    sum += term;
  }
  const lower = Math.exp(s * Math.log(a) - a) * sum;
  const upper = Math.exp(lnGamma(s)) - lower;
  return Math.exp(x0 * Math.log(a) - a) / upper;
}

/** What the Erlang A formulas need from A(x, y) = Σ_{j≥0} y^j / ((x+1)(x+2)…(x+j)). */
export interface QueueTail {
  /** ln A(x, y) */
  logA: number;
  /** (A − 1) / A */
  queuedShare: number;
  /** Σ j·t_j / (y·A): the probability that a waiting contact abandons (Erlang A) */
  abandonGivenWait: number;
}

/**
 * A(x, y) = x·e^y·y^(−x)·γ(x, y) for x = N·μ/θ, y = λ/θ (Mandelbaum & Zeltyn's notation),
 * by its series when y < x + 1 and by the upper incomplete gamma continued fraction otherwise.
 */
export function queueTail(x: number, y: number): QueueTail {
  if (y <= 0) return { logA: 0, queuedShare: 0, abandonGivenWait: 1 / (x + 1) };
  if (y < x + 1) return queueTailSeries(x, y);
  // A = e^L − x·h, with L = ln(Γ(x+1)·e^y·y^−x) and Γ(x, y) = e^−y·y^x·h
  const L = lnScaledGamma(x, y);
  const h = upperGammaFraction(x, y);
  const logA = L + Math.log1p(-x * h * Math.exp(-L));
  const invA = Math.exp(-logA);
  const rho = y / x;
  return { logA, queuedShare: -Math.expm1(-logA), abandonGivenWait: 1 - 1 / rho + invA / rho };
}

function queueTailSeries(x: number, y: number): QueueTail {
  let term = 1;
  let tail = 0;
  let weighted = 0;
  for (let j = 1; j < MAX_TERMS; j++) {
    term *= y / (x + j);
    tail += term;
    weighted += j * term;
    if (term <= EPS * tail && j * term <= EPS * weighted) break;
  }
  const sum = 1 + tail;
  return {
    logA: Math.log1p(tail),
    queuedShare: tail / sum,
    abandonGivenWait: weighted / (y * sum),
  };
}
