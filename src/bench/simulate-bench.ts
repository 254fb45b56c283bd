import { evaluate } from '../simulate/evaluate.js';
import { requiredAgents } from '../simulate/staffing.js';
import type { WhatIfDemand, WhatIfInput } from '../simulate/types.js';
import { simulateWhatIf } from '../simulate/what-if.js';

const REPETITIONS = 9;

/** Timings of the staffing maths and the what-if (median of several runs, milliseconds). */
export async function runSimulateBench(): Promise<{ name: string; value: string }[]> {
  const large = { offeredLoad: 9900, agents: 10_000, ahtSeconds: 300, answerWithinSeconds: 20 };
  const staffing = { offeredLoad: 9900, ahtSeconds: 300, answerWithinSeconds: 20, serviceLevelTarget: 0.8 };
  const day = syntheticDay(48, 50);
  const results = [
    {
      name: 'simulate: Erlang C service level, N = 10,000, A = 9,900 (ms)',
      value: time(() => evaluate(large)),
    },
    {
      name: 'simulate: Erlang A service level, N = 10,000, A = 9,900, patience 120 s (ms)',
      value: time(() => evaluate({ ...large, patienceSeconds: 120 })),
    },
    {
      name: 'simulate: required agents, Erlang C, A = 9,900 (ms)',
      value: time(() => requiredAgents(staffing)),
    },
    {
      name: 'simulate: required agents, Erlang A, A = 9,900, patience 120 s (ms)',
      value: time(() => requiredAgents({ ...staffing, patienceSeconds: 120 })),
    },
    {
      name: 'simulate: what-if, 48 intervals × 50 queues × 2 scenarios, 1,000 users (ms)',
      value: time(() => simulateWhatIf(day)),
    },
  ];
  return Promise.resolve(results);
}

function time(work: () => unknown): string {
  const samples: number[] = [];
  work(); // warm-up
  for (let i = 0; i < REPETITIONS; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return (samples[Math.floor(samples.length / 2)] ?? 0).toFixed(3);
}

/** A deterministic day: 50 queues on 2 skills each out of 25, 1,000 users with 1–3 skills, half with abandons. */
export function syntheticDay(intervals: number, queues: number): WhatIfInput {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const skills = Array.from({ length: 25 }, (_, i) => `Skill ${i}`);
  const demand: WhatIfDemand[] = [];
  const onShift: Record<string, number> = {};
  for (let i = 0; i < intervals; i++) {
    const start = new Date(Date.UTC(2024, 4, 1) + i * 1_800_000).toISOString();
    const shape = 0.2 + Math.sin((Math.PI * i) / intervals);
    onShift[start] = Math.min(1, 0.3 + 0.7 * Math.sin((Math.PI * i) / intervals));
    for (let q = 0; q < queues; q++) {
      for (const skill of [skills[q % 25] ?? '', skills[(q * 7 + 3) % 25] ?? '']) {
        const offered = Math.round(shape * (10 + 60 * random()));
        const patienceKnown = q % 2 === 0;
        demand.push({
          queueId: `queue-${q}`,
          queue: `Queue ${q}`,
          skill,
          start,
          offered,
          ahtSeconds: 180 + 240 * random(),
          ...(patienceKnown ? { abandoned: Math.round(offered * 0.05), totalWaitSeconds: offered * 20 } : {}),
        });
      }
    }
  }
  const current: Record<string, Record<string, number>> = {};
  const proposed: Record<string, Record<string, number>> = {};
  for (let u = 0; u < 1000; u++) {
    const held: Record<string, number> = {};
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++)
      held[skills[Math.floor(random() * 25)] ?? ''] = 1 + Math.floor(random() * 5);
    current[`user-${u}`] = held;
    proposed[`user-${u}`] = u % 10 === 0 ? { ...held, [skills[u % 25] ?? '']: 3 } : held;
  }
  return {
    demand,
    onShift,
    current,
    proposed,
    answerWithinSeconds: 20,
    serviceLevelTarget: 0.8,
    serviceLevelFloor: 0.6,
  };
}
