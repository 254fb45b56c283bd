import type { LiveUser } from '../../genesys/port.js';
import { handleTimeCv, type CentreData } from '../centre-analytics.js';
import type { AnalyticsTable } from '../table.js';
import type { StreamInput } from '../../simulate/centre/types.js';
import type { CentreWhatIfInput } from '../../simulate/centre/what-if.js';
import { estimatePatienceSeconds } from '../../simulate/patience.js';
import { SLOT_MS } from '../table.js';
import type { WhatIfDemand } from '../../simulate/types.js';

/**
 * Turns the planner's analytics table into the what-if's demand (queue × skill × half hour) and the share of
 * agents on shift per half hour (distinct agents who handled something in it ÷ agents holding any skill).
 */
export function whatIfDemand(
  table: AnalyticsTable,
  agents: number,
): { demand: WhatIfDemand[]; onShift: Record<string, number> } {
  const start = Date.parse(table.start);
  const iso = (slot: number): string => new Date(start + slot * SLOT_MS).toISOString();
  const demand: WhatIfDemand[] = [];
  for (const s of table.queueSkills) {
    const totalHandled = s.handled.reduce((a, b) => a + b, 0);
    const totalHandleMs = s.handleMs.reduce((a, b) => a + b, 0);
    const fallbackAht = totalHandled > 0 ? totalHandleMs / totalHandled / 1000 : 300;
    for (let slot = 0; slot < table.slots; slot++) {
      const offered = s.offered[slot] ?? 0;
      if (offered <= 0) continue;
      const handled = s.handled[slot] ?? 0;
      const aht = handled > 0 ? (s.handleMs[slot] ?? 0) / handled / 1000 : fallbackAht;
      demand.push({
        queueId: s.queueId,
        queue: s.queue,
        skill: s.skill,
        start: iso(slot),
        offered,
        ahtSeconds: aht > 0 ? aht : fallbackAht,
        abandoned: s.abandoned[slot] ?? 0,
        totalWaitSeconds: ((s.answeredMs[slot] ?? 0) + (s.abandonMs[slot] ?? 0)) / 1000,
      });
    }
  }
  const onShift: Record<string, number> = {};
  const denominator = Math.max(1, agents);
  for (let slot = 0; slot < table.slots; slot++) {
    const active = table.users.activePerSlot[slot] ?? 0;
    if (active > 0) onShift[iso(slot)] = Math.min(1, active / denominator);
  }
  return { demand, onShift };
}

/**
 * The centre model's input from what the API returned: streams with their measured arrivals, handle time,
 * patience (per queue × media: abandons ÷ total waiting) and the queue's own threshold for the media; agents
 * with their queues, languages and on-queue seconds per half hour. Users without presence are left out (they
 * were never on queue in the period).
 */
export function centreModelInput(
  data: CentreData,
  users: readonly LiveUser[],
  queueMembers: Record<string, string[]>,
  fallbackThresholdSeconds: number,
): Pick<
  CentreWhatIfInput,
  'startMs' | 'slots' | 'slotSeconds' | 'streams' | 'measured' | 'agents' | 'concurrency'
> {
  const patience = new Map<string, number>();
  for (const [key, m] of data.measured) {
    const estimate = estimatePatienceSeconds(m.abandoned, (m.answeredWaitMs + m.abandonWaitMs) / 1000);
    patience.set(key, estimate ?? Infinity);
  }
  // handle time, its spread and the alert time pooled per queue × media, for streams too small to have their own
  const ahtOf = new Map<
    string,
    {
      handled: number;
      ms: number;
      alerts: number;
      alertMs: number;
      handleSlots: number;
      handleSlotSquares: number;
    }
  >();
  for (const s of data.streams) {
    const key = `${s.queueId}|${s.media}`;
    const cell = ahtOf.get(key) ?? {
      handled: 0,
      ms: 0,
      alerts: 0,
      alertMs: 0,
      handleSlots: 0,
      handleSlotSquares: 0,
    };
    cell.handled += s.handled;
    cell.ms += s.handleMs;
    cell.alerts += s.alerts;
    cell.alertMs += s.alertMs;
    cell.handleSlots += s.handleSlots;
    cell.handleSlotSquares += s.handleSlotSquares;
    ahtOf.set(key, cell);
  }
  const streams: StreamInput[] = data.streams.map((s) => {
    const cell = `${s.queueId}|${s.media}`;
    const pooled = ahtOf.get(cell);
    const aht =
      s.handled > 0
        ? s.handleMs / s.handled / 1000
        : pooled && pooled.handled > 0
          ? pooled.ms / pooled.handled / 1000
          : 300;
    const alerts = s.alerts >= 30 ? s : pooled;
    const cv = handleTimeCv(s) ?? (pooled ? handleTimeCv({ ...pooled, handleMs: pooled.ms }) : undefined);
    return {
      queueId: s.queueId,
      queue: s.queue,
      media: s.media,
      skills: s.skills,
      language: s.language,
      offered: s.offered,
      ahtSeconds: aht,
      patienceSeconds: patience.get(cell) ?? Infinity,
      thresholdSeconds: data.thresholds.get(s.queueId)?.get(s.media) ?? fallbackThresholdSeconds,
      answerDelaySeconds: alerts && alerts.alerts > 0 ? alerts.alertMs / alerts.alerts / 1000 : 0,
      handleCv: cv === undefined ? undefined : Math.min(2, Math.max(0.2, cv)),
    };
  });
  const queuesOf = new Map<string, string[]>();
  for (const [queueId, ids] of Object.entries(queueMembers))
    for (const id of ids) queuesOf.set(id, [...(queuesOf.get(id) ?? []), queueId]);
  const agents = users.flatMap((u) => {
    const onQueueSeconds = data.presence?.get(u.id);
    if (!onQueueSeconds) return [];
    return [
      {
        id: u.id,
        queueIds: queuesOf.get(u.id) ?? [],
        languages: (u.languages ?? []).map((l) => l.id),
        onQueueSeconds,
      },
    ];
  });
  const queueName = new Map(data.streams.map((s) => [s.queueId, s.queue]));
  const measured = [...data.measured.values()].map((m) => ({
    queueId: m.queueId,
    queue: queueName.get(m.queueId) ?? m.queueId,
    media: m.media,
    offered: m.offered,
    within: m.within,
    answered: m.answered,
    abandoned: m.abandoned,
    slotOffered: m.slotOffered,
    slotWithin: m.slotWithin,
    ...(m.slotAbandoned ? { slotAbandoned: m.slotAbandoned } : {}),
  }));
  const concurrency = measuredConcurrency(data);
  return {
    startMs: Date.parse(data.start),
    slots: data.slots,
    slotSeconds: data.slotSeconds,
    streams,
    measured,
    agents,
    ...(concurrency ? { concurrency } : {}),
  };
}

/** Media an agent may work several of at once (Genesys utilization: chats and messages). */
const CONCURRENT_MEDIA = new Set(['message', 'chat']);

/**
 * How many messages (and chats) agents worked at once, on average while working them, from what the API
 * measured: their handle and alert time (conversation aggregates) over the time agents spent on them, which is
 * the users aggregates' INTERACTING time less the time taken by the media worked one at a time. Genesys's
 * default utilization is one message; an org that set more shows it here (the utilization settings themselves
 * are not read). Undefined when the org has no such media or no INTERACTING time.
 */
export function measuredConcurrency(data: CentreData): Record<string, number> | undefined {
  const interacting = data.statusSeconds?.INTERACTING ?? 0;
  let single = 0;
  let concurrent = 0;
  const media = new Set<string>();
  for (const m of data.measured.values()) {
    const seconds = (m.handleMs + m.alertMs) / 1000;
    if (CONCURRENT_MEDIA.has(m.media)) {
      concurrent += seconds;
      if (seconds > 0) media.add(m.media);
    } else single += seconds;
  }
  const busy = interacting - single;
  if (media.size === 0 || !(busy > 0.02 * concurrent) || concurrent <= 0) return undefined;
  const mean = Math.max(1, concurrent / busy);
  return Object.fromEntries([...media].map((m) => [m, mean]));
}
