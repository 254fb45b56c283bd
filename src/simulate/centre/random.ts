/** A small seeded generator (sfc32): deterministic for a seed, fast, good enough for a simulation. */
export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** exponential with this mean (Infinity stays Infinity) */
  exp(mean: number): number;
  /** log-normal with this mean and coefficient of variation (cv ≤ 0: the mean itself) */
  logNormal(mean: number, cv: number): number;
}

export function createRandom(seed: number): Random {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162;
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    exp: (mean) => (Number.isFinite(mean) ? -Math.log(1 - next()) * mean : Infinity),
    logNormal: (mean, cv) => {
      if (!(cv > 0)) return mean;
      const s2 = Math.log(1 + cv * cv);
      return mean * Math.exp(Math.sqrt(s2) * normal(next()) - s2 / 2);
    },
  };
}

const NORMAL_STEPS = 4096;
/** standard normal quantiles at (i + 0.5) / NORMAL_STEPS, interpolated: one uniform per normal, no log or cos */
const NORMAL_TABLE = Float64Array.from({ length: NORMAL_STEPS + 1 }, (_, i) =>
  normalQuantile(Math.min(1 - 0.5 / NORMAL_STEPS, (i + 0.5) / NORMAL_STEPS)),
);

/** the standard normal quantile of u, from a table (one uniform per normal) */
export function normal(u: number): number {
  const x = u * NORMAL_STEPS - 0.5;
  if (x <= 0) return NORMAL_TABLE[0]!;
  const i = Math.floor(x);
  const f = x - i;
  return NORMAL_TABLE[i]! + f * (NORMAL_TABLE[i + 1]! - NORMAL_TABLE[i]!);
}

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** murmur3's finaliser: a well-mixed 32-bit hash of a 32-bit value. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** a hash of two 32-bit values (order matters) */
export function combine32(a: number, b: number): number {
  return mix32((Math.imul(a ^ 0x9e3779b9, 0x01000193) + mix32(b)) | 0);
}

/** the j-th uniform in [0, 1) of the random stream named by `key` (a hash): the same key, the same numbers */
export function keyedUniform(key: number, j: number): number {
  return mix32((key + Math.imul(j + 1, 0x9e3779b9)) | 0) / 4294967296;
}

/** a 32-bit hash of a string (FNV-1a, mixed) */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** an exponential with this mean from a uniform (Infinity stays Infinity) */
export function expOf(u: number, mean: number): number {
  return Number.isFinite(mean) ? -Math.log(1 - u) * mean : Infinity;
}

/** a log-normal with this mean and coefficient of variation from a uniform (cv ≤ 0: the mean itself) */
export function logNormalOf(u: number, mean: number, cv: number): number {
  if (!(cv > 0)) return mean;
  const s2 = Math.log(1 + cv * cv);
  return mean * Math.exp(Math.sqrt(s2) * normal(u) - s2 / 2);
}
