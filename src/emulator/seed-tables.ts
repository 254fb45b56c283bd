/** The seeded Architect data tables: the skill weights (noisy on purpose) and an unrelated one. */
import type { DataTableRow, OrgDataTable, OrgQueue, OrgSkill, Stream } from './model.js';
import type { Rng } from './random.js';

export const WEIGHTS_TABLE_NAME = 'Routing Skill Weights';

export function dataTableSchema(
  title: string,
  columns: Record<string, { type: string; title?: string }>,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  let order = 0;
  for (const [name, column] of Object.entries(columns)) {
    properties[name] = {
      title: column.title ?? name,
      type: column.type,
      $id: `/properties/${name}`,
      displayOrder: order,
    };
    order++;
  }
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    title,
    required: ['key'],
    properties,
    additionalProperties: false,
  };
}

export function seedTables(
  rng: Rng,
  queues: OrgQueue[],
  skills: OrgSkill[],
  streams: Stream[],
): OrgDataTable[] {
  const skillName = new Map(skills.map((s) => [s.id, s.name]));
  const queueName = new Map(queues.map((q) => [q.id, q.name]));
  const weights = new Map<string, DataTableRow>();
  for (const stream of streams) {
    for (const skillId of stream.skillIds) {
      const key = `${queueName.get(stream.queueId) ?? ''}|${skillName.get(skillId) ?? ''}`;
      if (!weights.has(key)) weights.set(key, { key, weight: rng.int(5, 100) });
    }
  }
  const stale = queues[0] && skills.find((s) => !queues[0]?.requests.some((r) => r.skillIds.includes(s.id)));
  if (queues[0] && stale) {
    const key = `${queues[0].name}|${stale.name}`;
    weights.set(key, { key, weight: rng.int(5, 100) });
  }
  const holidays = new Map<string, DataTableRow>();
  for (const [key, name] of [
    ['2025-12-25', 'Christmas Day'],
    ['2026-01-01', "New Year's Day"],
    ['2026-05-25', 'Spring Bank Holiday'],
  ] as const) {
    holidays.set(key, { key, name, closed: true });
  }
  return [
    {
      id: rng.uuid(),
      name: WEIGHTS_TABLE_NAME,
      description: 'Interaction priority per queue and requested skill, read by the inbound flow',
      schema: dataTableSchema(WEIGHTS_TABLE_NAME, {
        key: { type: 'string', title: 'Queue|Skill' },
        weight: { type: 'integer' },
      }),
      rows: weights,
    },
    {
      id: rng.uuid(),
      name: 'Holiday Schedule',
      description: 'Days the contact centre is closed',
      schema: dataTableSchema('Holiday Schedule', {
        key: { type: 'string', title: 'Date' },
        name: { type: 'string' },
        closed: { type: 'boolean' },
      }),
      rows: holidays,
    },
  ];
}
