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
      // Box–Muller, one normal per call
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return mean * Math.exp(Math.sqrt(s2) * z - s2 / 2);
    },
  };
}
