/**
 * Independent reference computations for the tests: straight from the definitions of the queues (direct sums in
 * log space, the birth–death chain and uniformization), sharing no code with src/simulate.
 */

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/** ln k! for k = 0..n, by summing logs. */
function logFactorials(n: number): number[] {
  const out = [0];
  for (let k = 1; k <= n; k++) out.push((out[k - 1] ?? 0) + Math.log(k));
  return out;
}

/** Erlang C wait probability for whole n > a, by the textbook formula with every term in log space. */
export function referenceErlangC(a: number, n: number): number {
  const lf = logFactorials(n);
  const terms: number[] = [];
  for (let k = 0; k < n; k++) terms.push(k * Math.log(a) - (lf[k] ?? 0));
  const last = n * Math.log(a) - (lf[n] ?? 0) + Math.log(n / (n - a));
  return Math.exp(last - logSumExp([...terms, last]));
}

export interface ReferenceErlangA {
  waitProbability: number;
  abandonRate: number;
  serviceLevel: number;
  meanWait: number;
}

/**
 * M/M/n+M from its birth–death chain (truncated where the probabilities vanish) and, for the service level,
 * the tagged arrival's own chain (number ahead, own patience) solved by uniformization.
 */
export function referenceErlangA(
  a: number,
  n: number,
  aht: number,
  patience: number,
  t: number,
): ReferenceErlangA {
  const mu = 1 / aht;
  const theta = 1 / patience;
  const lambda = a * mu;
  const logP = [0];
  for (let k = 1; ; k++) {
    const rate = k <= n ? k * mu : n * mu + (k - n) * theta;
    const next = (logP[k - 1] ?? 0) + Math.log(lambda / rate);
    logP.push(next);
    if (k > n + 50 && next < Math.max(...logP.slice(-200)) - 60 && next < (logP[k - 1] ?? 0)) break;
  }
  const logZ = logSumExp(logP);
  const p = logP.map((v) => Math.exp(v - logZ));
  let waitProbability = 0;
  let queue = 0;
  for (let k = n; k < p.length; k++) {
    waitProbability += p[k] ?? 0;
    queue += (k - n) * (p[k] ?? 0);
  }
  const abandonRate = (theta * queue) / lambda;
  const served = servedWithin(p.slice(n), n * mu, theta, t);
  return {
    waitProbability,
    abandonRate,
    serviceLevel: 1 - waitProbability + served,
    meanWait: queue / lambda,
  };
}

/** P(a waiting arrival is served by time t); ahead[j] = P(arrive to find j waiting). */
function servedWithin(ahead: readonly number[], serviceRate: number, theta: number, t: number): number {
  const size = ahead.length;
  const exitRate = (i: number) => serviceRate + i * theta + theta;
  const uniform = exitRate(size);
  let v = [...ahead];
  let served = 0;
  const mean = uniform * t;
  const steps = Math.ceil(mean + 12 * Math.sqrt(mean) + 30);
  let logWeight = -mean;
  let result = 0;
  for (let k = 0; k <= steps; k++) {
    if (k > 0) logWeight += Math.log(mean / k);
    result += Math.exp(logWeight) * served;
    const next = new Array<number>(size).fill(0);
    served += (v[0] ?? 0) * (serviceRate / uniform);
    for (let i = 0; i < size; i++) {
      const stay = 1 - exitRate(i) / uniform;
      next[i] = (next[i] ?? 0) + (v[i] ?? 0) * stay;
      if (i > 0) next[i - 1] = (next[i - 1] ?? 0) + ((v[i] ?? 0) * (serviceRate + i * theta)) / uniform;
    }
    v = next;
  }
  return result;
}
