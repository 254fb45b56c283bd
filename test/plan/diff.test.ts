import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countChanges, diff } from '../../src/apply/diff.js';
import { applyChangesToLive } from '../../src/apply/simulate-apply.js';
import type { LiveOrg } from '../../src/apply/types.js';
import type { DesiredState } from '../../src/state/model.js';
import { desired, liveOrg, profile, SKILLS, user } from '../support/builders.js';

interface Case {
  name: string;
  git: Record<string, number>;
  live: Record<string, number>;
  expected: unknown[];
}

describe('diff', () => {
  it.each<Case>([
    {
      name: 'adds a missing skill',
      git: { Billing: 4, Sales: 2 },
      live: { Billing: 4 },
      expected: [{ skill: 'Sales', action: 'create', before: undefined, after: 2 }],
    },
    {
      name: 'updates a proficiency',
      git: { Billing: 4 },
      live: { Billing: 2.5 },
      expected: [{ skill: 'Billing', action: 'update', before: 2.5, after: 4 }],
    },
    {
      name: 'removes an unlisted skill of an authoritative user',
      git: { Billing: 4 },
      live: { Billing: 4, Spanish: 1 },
      expected: [{ skill: 'Spanish', action: 'delete', before: 1, after: undefined }],
    },
    {
      name: 'sees equal proficiencies at two decimals as equal',
      git: { Billing: 3.333 },
      live: { Billing: 3.33 },
      expected: [],
    },
  ])('$name', ({ git, live, expected }) => {
    const changes = diff(desired([profile('a@x.example', git)]), liveOrg([user('u1', 'a@x.example', live)]));
    const skillChanges = changes.flatMap((c) => (c.kind === 'user-skills' ? c.changes : []));
    expect(
      skillChanges.map(({ skill, action, before, after }) => ({ skill, action, before, after })),
    ).toEqual(expected);
  });

  it('never removes skills of an additive user and keeps them in the desired set', () => {
    const changes = diff(
      desired([profile('a@x.example', { Billing: 5 }, 'additive')]),
      liveOrg([user('u1', 'a@x.example', { Billing: 1, Spanish: 3 })]),
    );
    expect(changes).toHaveLength(1);
    const change = changes[0]!;
    expect(change.kind === 'user-skills' && change.changes.map((c) => c.action)).toEqual(['update']);
    expect(change.kind === 'user-skills' && change.desired).toEqual({ Billing: 5, Spanish: 3 });
  });

  it('leaves users that git does not name untouched', () => {
    const changes = diff(desired([]), liveOrg([user('u1', 'a@x.example', { Billing: 1 })]));
    expect(changes).toEqual([]);
  });

  it('matches emails case-insensitively', () => {
    const changes = diff(
      desired([profile('a@x.example', { Billing: 1 })]),
      liveOrg([user('u1', 'A@X.example', { Billing: 1 })]),
    );
    expect(changes).toEqual([]);
  });

  it('never claims a row of another queue whose name starts with a named one', () => {
    const live = liveOrg([], { 'Sales|Billing': 50, 'Sales|EU|Billing': 10 });
    live.queues = [
      { id: 'q1', name: 'Sales' },
      { id: 'q2', name: 'Sales|EU' },
    ];
    expect(diff(desired([], { Sales: { Billing: 50 } }), live)).toEqual([]);
  });

  it('creates, updates and deletes weight rows only for queues git names', () => {
    const changes = diff(
      desired([], { Support: { Billing: 80, Sales: 40 } }),
      liveOrg([], { 'Support|Sales': 30, 'Support|Legacy': 10, 'Other|Billing': 5 }),
    );
    expect(changes.map((c) => c.kind === 'weight' && [c.target.key, c.action, c.before, c.after])).toEqual([
      ['Support|Billing', 'create', undefined, 80],
      ['Support|Sales', 'update', 30, 40],
      ['Support|Legacy', 'delete', 10, undefined],
    ]);
    expect(countChanges(changes)).toMatchObject({ total: 3, removals: 1, weightsCreated: 1 });
  });
});

const skillsArb = fc.dictionary(
  fc.constantFrom(...SKILLS),
  fc.integer({ min: 0, max: 20 }).map((x) => x / 4),
  {
    maxKeys: SKILLS.length,
  },
);

const LANGUAGES = ['Spanish', 'French', 'German'];
const languagesArb = fc.dictionary(
  fc.constantFrom(...LANGUAGES),
  fc.integer({ min: 0, max: 20 }).map((x) => x / 4),
);

const scenario = fc
  .record({
    users: fc.array(
      fc.record({
        live: skillsArb,
        git: fc.option(skillsArb, { nil: undefined }),
        additive: fc.boolean(),
        liveLanguages: languagesArb,
        // undefined: git does not manage this user's languages
        gitLanguages: fc.option(languagesArb, { nil: undefined }),
      }),
      {
        maxLength: 8,
      },
    ),
    liveRows: fc.dictionary(
      fc.constantFrom('Q1|Billing', 'Q1|Sales', 'Q2|Billing', 'Q3|Sales'),
      fc.integer({ min: 1, max: 100 }),
    ),
    gitWeights: fc.dictionary(
      fc.constantFrom('Q1', 'Q2'),
      fc.dictionary(fc.constantFrom('Billing', 'Sales', 'Spanish'), fc.integer({ min: 1, max: 100 })),
    ),
  })
  .map(({ users, liveRows, gitWeights }) => {
    const live = liveOrg(
      users.map((u, i) => ({
        ...user(`u${i}`, `user${i}@x.example`, u.live),
        languages: Object.entries(u.liveLanguages).map(([name, proficiency]) => ({
          id: `lang-${name}`,
          name,
          proficiency,
        })),
      })),
      liveRows,
    );
    live.languages = LANGUAGES.map((name) => ({ id: `lang-${name}`, name }));
    const state = desired(
      users.flatMap((u, i) => {
        if (!u.git) return [];
        const p = profile(`user${i}@x.example`, u.git, u.additive ? 'additive' : 'authoritative');
        return [u.gitLanguages ? { ...p, languages: u.gitLanguages } : p];
      }),
      gitWeights,
    );
    return { live, state };
  });

function ownedView(state: DesiredState, live: LiveOrg) {
  const owned = (
    items: { name: string; proficiency: number }[],
    listed: Record<string, number>,
    additive: boolean,
  ) => {
    const out = Object.fromEntries(items.map((s) => [s.name, s.proficiency]));
    if (additive) for (const k of Object.keys(out)) if (!(k in listed)) delete out[k];
    return out;
  };
  const users = Object.fromEntries(
    state.profiles.map((p) => {
      const u = live.users.find((x) => x.email === p.email)!;
      return [p.email, owned(u.skills, p.skills, p.ownership === 'additive')];
    }),
  );
  const languages = Object.fromEntries(
    state.profiles.flatMap((p) => {
      if (!p.languages) return [];
      const u = live.users.find((x) => x.email === p.email)!;
      return [[p.email, owned(u.languages ?? [], p.languages, p.ownership === 'additive')]];
    }),
  );
  const queues = Object.keys(state.weights);
  const rows = Object.fromEntries(
    (live.weights?.rows ?? [])
      .filter((r) => queues.some((q) => r.key.startsWith(`${q}|`)))
      .map((r) => [r.key, r.weight]),
  );
  return { users, languages, rows };
}

describe('diff properties', () => {
  it('apply(diff(d, l), l) matches d on every owned object', () => {
    fc.assert(
      fc.property(scenario, ({ live, state }) => {
        const after = applyChangesToLive(live, diff(state, live));
        const view = ownedView(state, after);
        expect(view.users).toEqual(Object.fromEntries(state.profiles.map((p) => [p.email, p.skills])));
        expect(view.languages).toEqual(
          Object.fromEntries(state.profiles.flatMap((p) => (p.languages ? [[p.email, p.languages]] : []))),
        );
        // a user whose languages git does not list keeps them as they are
        for (const p of state.profiles.filter((x) => !x.languages)) {
          const id = live.users.find((u) => u.email === p.email)!.id;
          expect(after.users.find((u) => u.id === id)!.languages).toEqual(
            live.users.find((u) => u.id === id)!.languages,
          );
        }
        const wantedRows = Object.fromEntries(
          Object.entries(state.weights).flatMap(([q, skills]) =>
            Object.entries(skills).map(([s, w]) => [`${q}|${s}`, w]),
          ),
        );
        expect(view.rows).toEqual(wantedRows);
        expect(diff(state, after)).toEqual([]);
      }),
    );
  });

  it('never touches users or rows git does not own', () => {
    fc.assert(
      fc.property(scenario, ({ live, state }) => {
        const named = new Set(state.profiles.map((p) => p.email));
        const after = applyChangesToLive(live, diff(state, live));
        for (const u of live.users.filter((x) => !named.has(x.email))) {
          expect(after.users.find((x) => x.id === u.id)).toEqual(u);
        }
        const queues = Object.keys(state.weights);
        for (const row of live.weights?.rows ?? []) {
          if (queues.some((q) => row.key.startsWith(`${q}|`))) continue;
          expect(after.weights?.rows).toContainEqual(row);
        }
      }),
    );
  });

  it('diff of a state against itself is empty', () => {
    fc.assert(
      fc.property(scenario, ({ live, state }) => {
        const converged = applyChangesToLive(live, diff(state, live));
        expect(diff(state, converged)).toHaveLength(0);
      }),
    );
  });
});
