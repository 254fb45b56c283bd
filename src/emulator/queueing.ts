/**
 * The emulator's own queueing model: an M/M/N+M (Erlang A) queue solved numerically, independent of the
 * product's what-if maths. The stationary distribution comes from the birth–death chain; what an arriving
 * contact experiences follows from PASTA and FCFS: a contact that finds `i` others waiting moves up one place at
 * rate `N·μ + (i−1)·θ` (a service ends or someone ahead gives up) and gives up itself at rate `θ`. Waits within
 * the service-level threshold come from a uniformised pure-death chain, so no closed-form Erlang formula is used.
 */

export interface QueueParams {
  /** arrivals per second */
  lambda: number;
  /** service completions per second per agent (1 / AHT) */
  mu: number;
  /** abandonments per second per waiting contact (1 / mean patience) */
  theta: number;
  /** agents serving this queue (integer) */
  servers: number;
  /** service-level threshold in seconds */
  slaSeconds: number;
}

export interface QueueOutcome {
  /** probability an arriving contact is answered */
  pServed: number;
  /** probability an arriving contact is answered within the threshold (waits of 0 included) */
  pServedWithinSla: number;
  /** probability an arriving contact abandons */
  pAbandon: number;
  /** probability an arriving contact abandons within the threshold */
  pAbandonWithinSla: number;
  /** probability an arriving contact has to wait */
  pWait: number;
  /** mean wait of answered contacts, seconds */
  meanWaitServed: number;
  /** mean wait of abandoned contacts, seconds */
  meanWaitAbandoned: number;
  /** mean wait over all arrivals, seconds */
  meanWait: number;
  /** busy agents ÷ agents */
  occupancy: number;
}

const TAIL = 1e-12;
const RESCALE = 1e200;

/** Reused buffers: the solver runs hundreds of thousands of times per history. */
let scratch: Float64Array = new Float64Array(1024);
let dpServed: Float64Array = new Float64Array(256);

function grow(buffer: Float64Array, size: number): Float64Array {
  return buffer.length >= size ? buffer : new Float64Array(Math.max(size, buffer.length * 2));
}

/** Fills `scratch` with the normalised stationary distribution; returns its length. */
function stationaryInto(p: QueueParams): number {
  const { lambda, mu, servers } = p;
  const theta = Math.max(p.theta, 1e-9);
  const hardCap = servers + 20_000;
  scratch = grow(scratch, servers + 64);
  scratch[0] = 1;
  let peak = 1;
  let n = 0;
  for (;;) {
    const next = n + 1;
    const death = Math.min(next, servers) * mu + Math.max(next - servers, 0) * theta;
    const value = ((scratch[n] ?? 0) * lambda) / death;
    n = next;
    if (n >= scratch.length) {
      const bigger = new Float64Array(scratch.length * 2);
      bigger.set(scratch);
      scratch = bigger;
    }
    scratch[n] = value;
    if (value > peak) peak = value;
    if (peak > RESCALE) {
      for (let i = 0; i <= n; i++) scratch[i] = (scratch[i] ?? 0) / RESCALE;
      peak /= RESCALE;
    }
    if ((n > servers && value < peak * TAIL) || n >= hardCap || lambda === 0) break;
  }
  const length = n + 1;
  let total = 0;
  for (let i = 0; i < length; i++) total += scratch[i] ?? 0;
  for (let i = 0; i < length; i++) scratch[i] = (scratch[i] ?? 0) / total;
  return length;
}

/** Stationary distribution of the number in system, truncated where the tail is negligible. */
export function stationary(p: QueueParams): Float64Array {
  const length = stationaryInto(p);
  return scratch.slice(0, length);
}

export function solveQueue(p: QueueParams): QueueOutcome {
  if (p.lambda <= 0) return idleOutcome();
  const theta = Math.max(p.theta, 1e-9);
  const { lambda, mu, servers: N, slaSeconds: T } = p;
  const length = stationaryInto(p);
  const pi = scratch;

  let pImmediate = 0;
  let busy = 0;
  let meanQueue = 0;
  for (let n = 0; n < length; n++) {
    const q = pi[n] ?? 0;
    if (n < N) pImmediate += q;
    busy += q * Math.min(n, N);
    if (n > N) meanQueue += q * (n - N);
  }

  // Per queue position i (1-based), for an arrival that finds n = N + i − 1 in system.
  const positions = Math.max(0, length - N);
  let pServedQueued = 0;
  let waitServed = 0;
  let reach = 1;
  let sojourn = 0;
  for (let i = 1; i <= positions; i++) {
    const move = N * mu + (i - 1) * theta;
    const rate = move + theta;
    reach *= move / rate;
    sojourn += 1 / rate;
    const seen = pi[N + i - 1] ?? 0;
    pServedQueued += seen * reach;
    waitServed += seen * reach * sojourn;
  }

  const pServed = pImmediate + pServedQueued;
  const meanWait = meanQueue / lambda;
  const pAbandon = Math.max(0, Math.min(1, theta * meanWait));
  const within =
    pImmediate > 1 - 1e-9 ? { served: 0, abandoned: 0 } : withinThreshold(pi, length, N, mu, theta, T);

  return {
    pServed,
    pServedWithinSla: pImmediate + within.served,
    pAbandon,
    pAbandonWithinSla: within.abandoned,
    pWait: 1 - pImmediate,
    meanWaitServed: pServed > 0 ? waitServed / pServed : 0,
    meanWaitAbandoned: pAbandon > 1e-12 ? Math.max(0, meanWait - waitServed) / pAbandon : 0,
    meanWait,
    occupancy: N > 0 ? busy / N : 0,
  };
}

/**
 * P(answered within T) and P(abandoned within T) for an arrival, by uniformising the pure-death chain
 * "position i → i−1 at rate N·μ + (i−1)·θ, abandon at rate θ" and pushing the arrival's position distribution
 * through it: mass absorbed at tick k counts if the Poisson clock made at least k ticks by T.
 */
function withinThreshold(
  pi: Float64Array,
  length: number,
  N: number,
  mu: number,
  theta: number,
  T: number,
): { served: number; abandoned: number } {
  const positions = Math.max(0, length - N);
  if (positions === 0) return { served: 0, abandoned: 0 };
  // Positions further back than this cannot reach an agent within T (Poisson tail < 1e-9).
  let reachable = 0;
  while (reachable < positions) {
    const i = reachable + 1;
    const events = (N * mu + i * theta) * T;
    if (i > events + 6 * Math.sqrt(events) + 6) break;
    reachable = i;
  }
  const farAbandon = 1 - Math.exp(-theta * T);
  let abandoned = 0;
  for (let i = reachable + 1; i <= positions; i++) abandoned += (pi[N + i - 1] ?? 0) * farAbandon;
  if (reachable === 0) return { served: 0, abandoned };
  const uniform = N * mu + reachable * theta + theta;
  const ticks = uniform * T;
  const maxTicks = Math.ceil(ticks + 7 * Math.sqrt(ticks) + 7);
  dpServed = grow(dpServed, reachable + 2);
  const v = dpServed;
  let mass = 0;
  for (let i = 1; i <= reachable; i++) {
    v[i] = pi[N + i - 1] ?? 0;
    mass += v[i] ?? 0;
  }
  v[reachable + 1] = 0;
  const quit = theta / uniform;
  // P(Poisson(ticks) ≥ k), starting at k = 1
  let pmf = Math.exp(-ticks);
  let tail = 1 - pmf;
  let served = 0;
  for (let k = 1; k <= maxTicks && tail > 1e-13 && mass > 1e-14; k++) {
    served += (tail * (v[1] ?? 0) * (N * mu)) / uniform;
    abandoned += tail * mass * quit;
    mass = 0;
    for (let i = 1; i <= reachable; i++) {
      const move = (N * mu + (i - 1) * theta) / uniform;
      const nextMove = (N * mu + i * theta) / uniform;
      const value = (v[i] ?? 0) * (1 - move - quit) + (v[i + 1] ?? 0) * nextMove;
      v[i] = value;
      mass += value;
    }
    pmf *= ticks / k;
    tail -= pmf;
  }
  return { served, abandoned };
}

function idleOutcome(): QueueOutcome {
  return {
    pServed: 1,
    pServedWithinSla: 1,
    pAbandon: 0,
    pAbandonWithinSla: 0,
    pWait: 0,
    meanWaitServed: 0,
    meanWaitAbandoned: 0,
    meanWait: 0,
    occupancy: 0,
  };
}
