import { erlangBBase } from './gamma.js';

/**
 * Erlang B blocking probability for `agents` servers (any real ≥ 0) and offered load `load` (Erlang), by the
 * stable recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)). A fractional agent count starts the recursion
 * from the continuous extension B(x0) = A^x0·e^(−A) / Γ(x0 + 1, A), so results are smooth in the agent count.
 */
export function erlangB(agents: number, load: number): number {
  if (load <= 0) return agents > 0 ? 0 : 1;
  const whole = Math.floor(agents);
  const x0 = agents - whole;
  let b = erlangBBase(x0, load);
  for (let k = 1; k <= whole; k++) b = (load * b) / (x0 + k + load * b);
  return b;
}

/** The next step of the Erlang B recursion: B(n) from B(n − 1). */
export function erlangBStep(previous: number, agents: number, load: number): number {
  return (load * previous) / (agents + load * previous);
}
