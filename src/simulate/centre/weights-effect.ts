import { groupAgents } from './groups.js';
import { streamPriorities } from './priority.js';
import { centreArrivals, simulateCentre, type CentreArrivals } from './run.js';
import type { AgentInput, StreamInput } from './types.js';
import { effectiveCapacity } from './what-if.js';
import { fromSlot } from './slots.js';

export interface WeightsModel {
  startMs: number;
  slots: number;
  slotSeconds: number;
  streams: readonly StreamInput[];
  agents: readonly Omit<AgentInput, 'skills'>[];
  capacity?: Readonly<Record<string, number>>;
  concurrency?: Readonly<Record<string, number>>;
}

/**
 * The model as a function of the weights alone, for the weights policy: skills stay as they are, so agents are
 * grouped once and every call is one simulation of the `days` most recent days, fewer when those hold more than
 * `maxContacts` contacts (at least one day: a big org's weights are compared on its latest days, in seconds).
 * Returns the org's service level (volume-weighted) and each stream's, keyed `queue|skill+skill|media|language`.
 */
export function weightsEvaluator(
  model: WeightsModel,
  /** user id → skill → proficiency */
  skills: Readonly<Record<string, Readonly<Record<string, number>>>>,
  days: number,
  seed = 1,
  maxContacts = 500_000,
): (weights: Record<string, Record<string, number>>) => {
  serviceLevel: number;
  streams: Map<string, number>;
  /** queue name → its service level over its streams */
  queues: Map<string, number>;
} {
  const keep = recentSlots(
    model,
    Math.min(model.slots, Math.round((days * 86_400) / model.slotSeconds)),
    maxContacts,
  );
  const from = model.slots - keep;
  const streams = model.streams.map((s) => ({ ...s, offered: fromSlot(s.offered, from) }));
  const agents: AgentInput[] = model.agents.map((a) => ({
    ...a,
    skills: skills[a.id] ?? {},
    onQueueSeconds: fromSlot(a.onQueueSeconds, from),
  }));
  const groups = groupAgents(agents, streams);
  const window = {
    startMs: model.startMs + from * model.slotSeconds * 1000,
    slotSeconds: model.slotSeconds,
    slots: keep,
    streams,
    seed,
  };
  // weights change priorities only: every evaluation sees the same arrivals
  let arrivals: CentreArrivals | undefined;
  return (weights) => {
    arrivals ??= centreArrivals({ ...window, agents });
    const run = simulateCentre(
      {
        ...window,
        agents,
        priorities: streamPriorities(streams, weights),
        capacity: effectiveCapacity(model.capacity, model.concurrency),
      },
      groups,
      arrivals,
    );
    let offered = 0;
    let within = 0;
    const out = new Map<string, number>();
    const byQueue = new Map<string, [number, number]>();
    streams.forEach((s, i) => {
      const t = run.streams[i];
      if (!t || t.offered === 0) return;
      offered += t.offered;
      within += t.within;
      out.set(streamLabel(s), t.within / t.offered);
      const q = byQueue.get(s.queue) ?? [0, 0];
      q[0] += t.within;
      q[1] += t.offered;
      byQueue.set(s.queue, q);
    });
    const queues = new Map([...byQueue].map(([name, [w, n]]) => [name, w / n]));
    return { serviceLevel: offered > 0 ? within / offered : 1, streams: out, queues };
  };
}

export function streamLabel(s: Pick<StreamInput, 'queue' | 'skills' | 'media' | 'language'>): string {
  return `${s.queue}|${s.skills.join('+')}|${s.media}|${s.language ?? ''}`;
}

/** The most recent slots, at most `most`, holding at most `maxContacts` offered contacts (at least a day). */
function recentSlots(model: WeightsModel, most: number, maxContacts: number): number {
  const day = Math.min(most, Math.round(86_400 / model.slotSeconds));
  let total = 0;
  let keep = 0;
  while (keep < most) {
    const slot = model.slots - 1 - keep;
    let offered = 0;
    for (const s of model.streams) offered += s.offered[slot] ?? 0;
    if (total + offered > maxContacts && keep >= day) break;
    total += offered;
    keep += 1;
  }
  return keep;
}
