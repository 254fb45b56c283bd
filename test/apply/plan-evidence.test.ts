import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDrift } from '../../src/apply/drift.js';
import { readPlanWhatIf } from '../../src/apply/run-apply.js';
import { diff } from '../../src/apply/diff.js';
import { stateDigest } from '../../src/state/index.js';
import { desired, liveOrg, profile, user } from '../support/builders.js';

describe("the plan's what-if is evidence only for the state it was computed for", () => {
  it('is used when the digest matches and ignored after any edit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'what-if-'));
    try {
      const state = desired([profile('a@x.example', { Billing: 4 })]);
      const whatIf = { answerWithinSeconds: 20, serviceLevelTarget: 0.8, queues: [], belowFloor: [] };
      await mkdir(join(dir, 'plan'));
      await writeFile(
        join(dir, 'plan', 'what-if.json'),
        JSON.stringify({ ...whatIf, stateDigest: stateDigest(state) }),
      );
      expect(await readPlanWhatIf(dir, state)).toMatchObject(whatIf);
      const edited = desired([profile('a@x.example', { Billing: 5 })]);
      expect(await readPlanWhatIf(dir, edited)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the state digest', () => {
  const base = profile('a@x.example', { Billing: 4 });
  it('tells apart states that differ only in languages', () => {
    const none = stateDigest(desired([base]));
    const spanish = stateDigest(desired([{ ...base, languages: { Spanish: 4 } }]));
    const spanish5 = stateDigest(desired([{ ...base, languages: { Spanish: 5 } }]));
    const empty = stateDigest(desired([{ ...base, languages: {} }]));
    expect(new Set([none, spanish, spanish5, empty]).size).toBe(4);
  });
  it('does not depend on the order languages are listed in', () => {
    expect(stateDigest(desired([{ ...base, languages: { Spanish: 4, French: 2 } }]))).toBe(
      stateDigest(desired([{ ...base, languages: { French: 2, Spanish: 4 } }])),
    );
  });
});

describe('drift attribution', () => {
  const changes = diff(
    desired([profile('a@x.example', { Billing: 4 })]),
    liveOrg([user('u1', 'a@x.example', { Billing: 1 })]),
  );
  const audit = (clientId: string, eventDate: string) => ({
    id: eventDate,
    entityId: 'u1',
    action: 'Update',
    eventDate,
    clientId,
    userName: clientId === 'us' ? 'routing-gitops' : 'Dana Admin',
  });

  it.each([
    {
      name: 'a colleague edited after git',
      audits: [audit('us', '2026-11-01T00:00:00Z'), audit('ui', '2026-11-03T00:00:00Z')],
      drift: true,
    },
    {
      name: 'we wrote last',
      audits: [audit('ui', '2026-11-03T00:00:00Z'), audit('us', '2026-11-04T00:00:00Z')],
      drift: false,
    },
    {
      name: 'the colleague edit is older than git changing the file',
      audits: [audit('ui', '2026-11-01T00:00:00Z')],
      drift: false,
    },
  ])('$name → drift: $drift', ({ audits, drift }) => {
    const notes = findDrift(changes, audits, 'us', new Date('2026-11-02T00:00:00Z'));
    expect(notes.length > 0).toBe(drift);
    if (drift) expect(notes[0]).toMatchObject({ email: 'a@x.example', changedBy: 'Dana Admin' });
  });
});
