import { evaluate } from '../simulate/evaluate.js';
import { requiredAgents } from '../simulate/staffing.js';
import type { WhatIfDemand, WhatIfInput } from '../simulate/types.js';
import { simulateWhatIf } from '../simulate/what-if.js';
import { centreBenchRows } from './centre-bench.js';

const REPETITIONS = 9;

/** Timings of the staffing maths and the what-if (median of several runs, milliseconds). */
export async function runSimulateBench(): Promise<{ name: string; value: string }[]> {
  const large = { offeredLoad: 9900, agents: 10_000, ahtSeconds: 300, answerWithinSeconds: 20 };
  const staffing = { offeredLoad: 9900, ahtSeconds: 300, answerWithinSeconds: 20, serviceLevelTarget: 0.8 };
  const day = syntheticDay(48, 50);
  const members = syntheticOrg({ users: 10_000, queues: 50, skills: 30, days: 1 });
  const month = syntheticOrg({ users: 10_000, queues: 50, skills: 30, days: 30 });
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
    {
      name: 'simulate: what-if with queue members, 1 day, 10,000 users, 50 queues × 3 skills of 30 (ms)',
      value: time(() => simulateWhatIf(members)),
    },
    {
      name: 'simulate: what-if with queue members and calibration, 1 day, 10,000 users (ms)',
      value: time(() => simulateWhatIf({ ...members, calibrate: true })),
    },
    {
      name: 'simulate: what-if with queue members and calibration, 30 days, 10,000 users (ms)',
      value: time(() => simulateWhatIf({ ...month, calibrate: true }), 3),
    },
    ...centreBenchRows(time),
  ];
  return Promise.resolve(results);
}

function time(work: () => unknown, repetitions = REPETITIONS): string {
  const samples: number[] = [];
  work(); // warm-up
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return (samples[Math.floor(samples.length / 2)] ?? 0).toFixed(3);
}

function lcg(start: number): () => number {
  let seed = start;
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

export interface SyntheticOrgOptions {
  users: number;
  queues: number;
  skills: number;
  days: number;
}

/**
 * A deterministic org with queue membership: each queue requests 3 skills; each user is a member of 1–3 queues,
 * holds each queue's first skill and the others at 40 % (sometimes one more from anywhere); demand follows a
 * daily curve and is sized to the members who can take it (60–100 % of their time split evenly over their
 * streams), with measured waits and
 * abandons. The proposal gives every 10th user one more skill of one of their queues.
 */
export function syntheticOrg(options: SyntheticOrgOptions): WhatIfInput {
  const random = lcg(7);
  const skills = Array.from({ length: options.skills }, (_, i) => `Skill ${i}`);
  const requests = Array.from({ length: options.queues }, (_, q) => [
    skills[q % options.skills] ?? '',
    skills[(q * 7 + 3) % options.skills] ?? '',
    skills[(q * 11 + 5) % options.skills] ?? '',
  ]);
  const queueMembers: Record<string, string[]> = {};
  const current: Record<string, Record<string, number>> = {};
  const proposed: Record<string, Record<string, number>> = {};
  const holders = new Map<string, number>();
  for (let u = 0; u < options.users; u++) {
    const id = `user-${u}`;
    const queues = new Set<number>();
    const count = 1 + Math.floor(random() * 3);
    while (queues.size < count) queues.add(Math.floor(random() * options.queues));
    const held: Record<string, number> = {};
    for (const q of queues) {
      (queueMembers[`queue-${q}`] ??= []).push(id);
      const wanted = requests[q] ?? [];
      held[wanted[0] ?? ''] = 1 + Math.floor(random() * 5);
      for (const skill of wanted.slice(1)) if (random() < 0.4) held[skill] = 1 + Math.floor(random() * 5);
    }
    if (random() < 0.2) held[skills[Math.floor(random() * options.skills)] ?? ''] = 2;
    current[id] = held;
    const extra = requests[[...queues][0] ?? 0]?.[2] ?? '';
    proposed[id] = u % 10 === 0 ? { ...held, [extra]: 3 } : held;
    const served = [...queues].flatMap((q) =>
      (requests[q] ?? []).filter((s) => held[s]).map((s) => `${q}|${s}`),
    );
    for (const stream of served) holders.set(stream, (holders.get(stream) ?? 0) + 1 / served.length);
  }
  const demand: WhatIfDemand[] = [];
  const onShift: Record<string, number> = {};
  const intervals = options.days * 48;
  const aht = requests.map(() => [0, 1, 2].map(() => 200 + 300 * random()));
  for (let i = 0; i < intervals; i++) {
    const start = new Date(Date.UTC(2024, 4, 1) + i * 1_800_000).toISOString();
    const curve = Math.max(0, Math.sin((Math.PI * ((i % 48) - 12)) / 30));
    if (curve <= 0) continue;
    onShift[start] = 0.1 + 0.4 * curve;
    for (let q = 0; q < options.queues; q++) {
      (requests[q] ?? []).forEach((skill, k) => {
        const people = (holders.get(`${q}|${skill}`) ?? 0) * (onShift[start] ?? 0);
        const seconds = aht[q]?.[k] ?? 300;
        const offered = Math.round(((0.6 + 0.4 * random()) * people * 1800) / seconds);
        if (offered <= 0) return;
        const abandoned = Math.round(offered * 0.06 * random());
        demand.push({
          queueId: `queue-${q}`,
          queue: `Queue ${q}`,
          skill,
          start,
          offered,
          ahtSeconds: seconds,
          abandoned,
          totalWaitSeconds: offered * (5 + 40 * random()),
        });
      });
    }
  }
  return {
    demand,
    onShift,
    current,
    proposed,
    queueMembers,
    answerWithinSeconds: 20,
    serviceLevelTarget: 0.8,
    serviceLevelFloor: 0.6,
  };
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
