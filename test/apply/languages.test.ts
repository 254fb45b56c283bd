import { describe, expect, it } from 'vitest';
import { executeChanges } from '../../src/apply/execute.js';
import { sweepFailures } from '../../src/apply/sweep.js';
import { changeTarget, countChanges, diff } from '../../src/apply/diff.js';
import { USER_KINDS } from '../../src/apply/kinds.js';
import type { LiveOrg } from '../../src/apply/types.js';
import type { DesiredProfile } from '../../src/state/model.js';
import { desired, liveOrg, profile, SKILLS, user } from '../support/builders.js';
import { http, MemoryPort } from './memory-port.js';

const LANGS = [
  { id: 'lang-es', name: 'Spanish' },
  { id: 'lang-fr', name: 'French' },
];

function org(languages: Record<string, number>): LiveOrg {
  const live = liveOrg([
    {
      ...user('u1', 'a@x.example', { Billing: 3 }),
      languages: Object.entries(languages).map(([name, proficiency]) => ({
        id: LANGS.find((l) => l.name === name)!.id,
        name,
        proficiency,
      })),
    },
  ]);
  return { ...live, languages: LANGS };
}

function speaker(languages: Record<string, number> | undefined, additive = false): DesiredProfile {
  const p = profile('a@x.example', { Billing: 3 }, additive ? 'additive' : 'authoritative');
  return languages ? { ...p, languages } : p;
}

describe('languages as a managed kind', () => {
  it('skills and languages are the two user kinds', () => {
    expect(USER_KINDS.map((k) => [k.kind, k.field, k.noun])).toEqual([
      ['user-skills', 'skills', 'skill'],
      ['user-languages', 'languages', 'language'],
    ]);
  });

  it.each<{ name: string; git: DesiredProfile; live: Record<string, number>; expected: unknown[] }>([
    {
      name: 'adds, updates and removes languages of an authoritative user',
      git: speaker({ Spanish: 4 }),
      live: { Spanish: 2, French: 3 },
      expected: [
        ['French', 'delete', 3, undefined],
        ['Spanish', 'update', 2, 4],
      ],
    },
    {
      name: 'keeps unlisted languages of an additive user',
      git: speaker({ Spanish: 4 }, true),
      live: { French: 3 },
      expected: [['Spanish', 'create', undefined, 4]],
    },
    {
      name: 'leaves languages alone when git does not list them',
      git: speaker(undefined),
      live: { French: 3 },
      expected: [],
    },
    {
      name: 'an empty map removes every language',
      git: speaker({}),
      live: { French: 3 },
      expected: [['French', 'delete', 3, undefined]],
    },
  ])('$name', ({ git, live, expected }) => {
    const changes = diff(desired([git]), org(live));
    const languages = changes.filter((c) => c.kind === 'user-languages');
    expect(
      languages.flatMap((c) =>
        c.kind === 'user-languages' ? c.changes.map((s) => [s.skill, s.action, s.before, s.after]) : [],
      ),
    ).toEqual(expected);
    expect(changes.filter((c) => c.kind === 'user-skills')).toEqual([]);
    if (languages[0]) expect(changeTarget(languages[0])).toBe('languages:a@x.example');
  });

  it('counts languages apart from skills, one user however many kinds change', () => {
    const live = org({ French: 3 });
    const state = desired([{ ...profile('a@x.example', { Billing: 5 }), languages: { Spanish: 1 } }]);
    expect(countChanges(diff(state, live))).toMatchObject({
      users: 1,
      proficiencyChanged: 1,
      languagesAdded: 1,
      languagesRemoved: 1,
      total: 3,
      removals: 1,
    });
  });

  it('writes languages with PATCH bulk and DELETE (there is no PUT), and the sweep retries them', async () => {
    const live = org({ French: 3 });
    const port = new MemoryPort(
      structuredClone(live.users),
      SKILLS.map((name) => ({ id: `skill-${name}`, name })),
      [],
      LANGS,
    );
    port.fail(
      'deleteUserLanguage',
      'u1',
      2,
      http(503, 'DELETE', '/api/v2/users/u1/routinglanguages/lang-fr'),
    );
    const state = desired([speaker({ Spanish: 4 })]);
    const first = await executeChanges(port, live, diff(state, live));
    expect(first[0]).toMatchObject({ status: 'failed', retryable: true, calls: 2 });
    let t = 0;
    const { results, summary } = await sweepFailures(port, state, live, first, {
      budgetMs: 60_000,
      now: () => new Date(t),
      sleep: (ms) => {
        t += ms;
        return Promise.resolve();
      },
    });
    expect(results[0]).toMatchObject({ status: 'applied', sweepRounds: 2 });
    // the re-read saw Spanish in place: the sweep only sent the DELETE again
    expect(port.writeCalls.map((c) => [c.method, c.ok])).toEqual([
      ['patchUserLanguages', true],
      ['deleteUserLanguage', false],
      ['deleteUserLanguage', false],
      ['deleteUserLanguage', true],
    ]);
    expect(summary).toMatchObject({ rounds: 2, writes: 2, recovered: 1 });
    expect(port.users[0]!.languages).toEqual([{ id: 'lang-es', name: 'Spanish', proficiency: 4 }]);
  });
});
