/**
 * Interaction priority as the documented inbound flow sets it (README, "Architect flow"): look up
 * `<queue name>|<skill name>` in the weights data table and use the `weight` column as the priority; a contact
 * requesting several skills takes the highest matching row; no row (or no skill requested) leaves Genesys's
 * default priority, 50 here as the README's flow sets.
 */
import type { OrgDataTable, OrgQueue, OrgSkill, Stream } from './model.js';
import { WEIGHTS_TABLE_NAME } from './seed-tables.js';

export const DEFAULT_PRIORITY = 50;

export function streamPriorities(
  streams: Stream[],
  queues: OrgQueue[],
  skills: OrgSkill[],
  tables: OrgDataTable[],
): Int32Array {
  const table = tables.find((t) => t.name === WEIGHTS_TABLE_NAME);
  const queueName = new Map(queues.map((q) => [q.id, q.name]));
  const skillName = new Map(skills.map((s) => [s.id, s.name]));
  const out = new Int32Array(streams.length).fill(DEFAULT_PRIORITY);
  for (const stream of streams) {
    let best: number | undefined;
    for (const skillId of stream.skillIds) {
      const weight = table?.rows.get(
        `${queueName.get(stream.queueId) ?? ''}|${skillName.get(skillId) ?? ''}`,
      )?.weight;
      if (typeof weight === 'number' && Number.isFinite(weight)) best = Math.max(best ?? weight, weight);
    }
    if (best !== undefined) out[stream.index] = Math.round(best);
  }
  return out;
}
