import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setProfileLanguages } from '../../src/bench/languages-second-pass.js';
import { planDesiredStateWrites } from '../../src/state/write.js';
import { updateProfilesFile } from '../../src/state/update.js';
import { yamlString } from '../../src/state/yaml-text.js';
import { build, PROFILES } from './helpers.js';

type NumberMap = Record<string, number>;
interface Entry {
  skills: NumberMap;
  languages?: NumberMap;
}

/** The file as the loader reads it: lower-cased email → skills (+ languages when the file lists them). */
function load(text: string): Record<string, Entry> {
  const result = build({ 'routing-profiles/team.yaml': text });
  expect(result.errors.map((e) => e.message)).toEqual([]);
  return Object.fromEntries(
    (result.value?.profiles ?? []).map((p) => [
      p.email,
      { skills: p.skills, ...(p.languages ? { languages: p.languages } : {}) },
    ]),
  );
}

/** What the planner wrote before: the skills pass, then a second parse that set the languages of the users the file listed. */
function twoPass(
  text: string,
  next: Record<string, NumberMap>,
  languages: Record<string, NumberMap>,
  listed: ReadonlySet<string> = new Set(Object.keys(load(text))),
): string {
  const mine = Object.fromEntries(Object.entries(languages).filter(([e]) => listed.has(e)));
  return setProfileLanguages(updateProfilesFile(text, next), mine);
}

const TEAM = `${PROFILES}profiles:
  # night shift
  Ann@X.com:
    skills: { Billing: 5 } # lead
    # French since 2024
    languages: { French: 2 }
  bob@x.com:
    skills:
      Billing: 2 # keeps this comment
      Sales: 1
  cy@x.com: {skills: {Billing: 1}}
  'dee@x.com':
    languages:
      French: 3 # written
      German: 1
    skills: {Sales: 4}
# end of team
`;
const current = Object.fromEntries(Object.entries(load(TEAM)).map(([e, p]) => [e, p.skills]));

describe('languages written in the same pass as the skills', () => {
  it('changes only the named users’ language lines, keeping comments, quoting and styles', () => {
    const out = updateProfilesFile(TEAM, current, {
      'ann@x.com': { French: 2, Spanish: 3 },
      'dee@x.com': { French: 3, Spanish: 2 },
    });
    expect(out).toBe(
      TEAM.replace('languages: { French: 2 }', 'languages: { French: 2, Spanish: 3 }').replace(
        '      German: 1\n',
        '      Spanish: 2\n',
      ),
    );
  });

  it('gives a user without languages the key in the style of the entry', () => {
    const out = updateProfilesFile(TEAM, current, {
      'bob@x.com': { Spanish: 3 },
      'cy@x.com': { German: 1, 'Old Norse': 0 },
    });
    expect(out).toBe(
      TEAM.replace('      Sales: 1\n', '      Sales: 1\n    languages: { Spanish: 3 }\n').replace(
        '{skills: {Billing: 1}}',
        '{skills: {Billing: 1}, languages: { German: 1, Old Norse: 0 }}',
      ),
    );
    // a long map is a block, as the renderer writes it
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`Language number ${i}`, 1]));
    const long = updateProfilesFile(TEAM, current, { 'bob@x.com': many });
    expect(long).toContain(
      '      Sales: 1\n    languages:\n      Language number 0: 1\n      Language number 1: 1\n',
    );
    expect(load(long)['bob@x.com']?.languages).toEqual(many);
  });

  it('an empty map leaves `languages: {}`, as the two-pass writer did (the user then holds no language)', () => {
    const named = { 'ann@x.com': {}, 'bob@x.com': {}, 'dee@x.com': {} };
    const out = updateProfilesFile(TEAM, current, named);
    expect(out).toContain(
      '  Ann@X.com:\n    skills: { Billing: 5 } # lead\n    # French since 2024\n    languages: {}\n',
    );
    expect(out).toContain('      Sales: 1\n    languages: {}\n  cy@x.com');
    expect(out).toContain("  'dee@x.com':\n    languages: {}\n    skills: {Sales: 4}\n");
    expect(load(out)).toEqual(load(twoPass(TEAM, current, named)));
  });

  it('ignores languages of a user the skills remove, and of a user the file does not hold', () => {
    const rest = Object.fromEntries(Object.entries(current).filter(([e]) => e !== 'ann@x.com'));
    const out = updateProfilesFile(TEAM, rest, { 'ann@x.com': { Spanish: 1 }, 'zed@x.com': { Spanish: 1 } });
    expect(out).not.toMatch(/ann@x\.com|zed@x\.com|Spanish|French since/i);
    expect(out).toBe(updateProfilesFile(TEAM, rest));
    expect(updateProfilesFile(TEAM, current, { 'zed@x.com': { Spanish: 1 } })).toBe(TEAM);
  });

  it('writes a new user with their languages, block or flow as the file is', () => {
    const next = { ...current, 'new@x.com': { Sales: 1 } };
    const out = updateProfilesFile(TEAM, next, { 'new@x.com': { Spanish: 4 } });
    expect(
      out.endsWith('  new@x.com:\n    skills: { Sales: 1 }\n    languages: { Spanish: 4 }\n# end of team\n'),
    ).toBe(true);
    const flow = `${PROFILES}profiles: {a@x.com: {skills: {}}}\n`;
    expect(updateProfilesFile(flow, { 'a@x.com': {}, 'b@x.com': { S: 1 } }, { 'b@x.com': { L: 2 } })).toBe(
      `${PROFILES}profiles: {a@x.com: {skills: {}}, b@x.com: { skills: { S: 1 }, languages: { L: 2 } }}\n`,
    );
  });

  it('edits skills and languages of one entry, and appends a user after it, in one pass', () => {
    const text = `${PROFILES}profiles:\n  a@x.com:\n    skills:\n      A: 1\n`;
    const out = updateProfilesFile(
      text,
      { 'a@x.com': { A: 1, B: 2 }, 'b@x.com': { A: 3 } },
      {
        'a@x.com': { L: 1 },
        'b@x.com': { M: 2 },
      },
    );
    expect(out).toBe(
      `${PROFILES}profiles:\n  a@x.com:\n    skills:\n      A: 1\n      B: 2\n    languages: { L: 1 }\n  b@x.com:\n    skills: { A: 3 }\n    languages: { M: 2 }\n`,
    );
  });

  it('keeps CRLF line endings', () => {
    const crlf = TEAM.replaceAll('\n', '\r\n');
    const out = updateProfilesFile(crlf, current, { 'bob@x.com': { Spanish: 3 } });
    expect(out).toBe(
      TEAM.replace('      Sales: 1\n', '      Sales: 1\n    languages: { Spanish: 3 }\n').replaceAll(
        '\n',
        '\r\n',
      ),
    );
  });

  it('a file without a final line break: the last entry gains skills and languages with no blank line between', () => {
    const text = 'profiles:\n  a@x.com:\n    skills:\n      A: 1';
    const out = updateProfilesFile(text, { 'a@x.com': { A: 1, B: 2 } }, { 'a@x.com': { L: 1 } });
    expect(out).toBe('profiles:\n  a@x.com:\n    skills:\n      A: 1\n      B: 2\n    languages: { L: 1 }\n');
    // nothing to change: not even the missing line break is added
    expect(updateProfilesFile(text, { 'a@x.com': { A: 1 } })).toBe(text);
    const crlf = 'profiles:\r\n  a@x.com:\r\n    skills:\r\n      A: 1';
    expect(updateProfilesFile(crlf, { 'a@x.com': { A: 1, B: 2 } }, { 'a@x.com': { L: 1 } })).toBe(
      'profiles:\r\n  a@x.com:\r\n    skills:\r\n      A: 1\r\n      B: 2\r\n    languages: { L: 1 }\r\n',
    );
  });

  it('writing the languages a file already says changes no byte (the two-pass writer re-serialised the file)', () => {
    const same = { 'ann@x.com': { French: 2 }, 'dee@x.com': { German: 1, French: 3 } };
    expect(updateProfilesFile(TEAM, current, same)).toBe(TEAM);
    expect(twoPass(TEAM, current, same)).not.toBe(TEAM);
  });

  it('renders afresh a shape it cannot edit in place, keeping every user’s languages', () => {
    // an explicit key (`? a@x.com`) loads but is not edited in place
    const odd = `${PROFILES}profiles:\n  ? a@x.com\n  : skills: {A: 1}\n    languages: {French: 2}\n  b@x.com: {skills: {B: 1}}\n`;
    const out = updateProfilesFile(
      odd,
      { 'a@x.com': { A: 1 }, 'b@x.com': { B: 2 } },
      { 'b@x.com': { Spanish: 1 } },
    );
    expect(load(out)).toEqual({
      'a@x.com': { skills: { A: 1 }, languages: { French: 2 } },
      'b@x.com': { skills: { B: 2 }, languages: { Spanish: 1 } },
    });
    // a skills-only update keeps them too (the render used to write skills only, and so drop every language)
    expect(load(updateProfilesFile(odd, { 'a@x.com': { A: 2 }, 'b@x.com': { B: 1 } }))).toEqual({
      'a@x.com': { skills: { A: 2 }, languages: { French: 2 } },
      'b@x.com': { skills: { B: 1 } },
    });
  });
});

describe('planDesiredStateWrites with languages', () => {
  const state = build({ 'routing-profiles/team.yaml': TEAM }).value;
  if (!state) throw new Error('TEAM does not load');
  const read = (rel: string) => (rel === 'routing-profiles/team.yaml' ? TEAM : undefined);

  it('writes a file that only languages change, and new users’ languages into the new-users file', () => {
    const writes = planDesiredStateWrites(
      {
        profiles: { 'New@x.com': { Sales: 1 } },
        languages: { 'BOB@x.com': { Spanish: 3 }, 'new@x.com': { German: 2 } },
      },
      state,
      read,
    );
    expect([...writes.keys()]).toEqual(['routing-profiles/team.yaml', 'routing-profiles/unassigned.yaml']);
    expect(writes.get('routing-profiles/team.yaml')).toBe(
      TEAM.replace('      Sales: 1\n', '      Sales: 1\n    languages: { Spanish: 3 }\n'),
    );
    expect(writes.get('routing-profiles/unassigned.yaml')).toContain(
      '  new@x.com:\n    skills: { Sales: 1 }\n    languages: { German: 2 }\n',
    );
  });

  it('writes nothing when the languages are what the file says', () => {
    expect(planDesiredStateWrites({ languages: { 'ann@x.com': { French: 2 } } }, state, read).size).toBe(0);
  });
});

// ---- property: one pass = the old two passes, and entries not named keep their bytes ----

const names = fc.constantFrom(
  'Billing',
  'Sales',
  'Technical Support',
  'yes',
  '123',
  "it's",
  'a: b',
  'é',
  '#tag',
  'x #y',
);
const proficiency = fc
  .oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 5, noNaN: true, noDefaultInfinity: true }))
  .map((n) => (n === 0 ? 0 : n));
const numbers = fc.dictionary(names, proficiency, { maxKeys: 4 });
const style = fc.record({
  flowEntry: fc.boolean(),
  blockSkills: fc.boolean(),
  blockLanguages: fc.boolean(),
  languagesFirst: fc.boolean(),
  quote: fc.constantFrom('none', 'single', 'double'),
  comment: fc.boolean(),
});
const local = fc.constantFrom('ann', 'Bob', 'cy', 'DEE', 'eve.x', 'f+g');
const user = fc.record({
  email: fc.tuple(local, fc.constantFrom('x.com', 'X.io')).map(([l, d]) => `${l}@${d}`),
  skills: numbers,
  languages: fc.option(numbers, { nil: undefined }),
  style,
});
interface User {
  email: string;
  skills: NumberMap;
  languages: NumberMap | undefined;
  style: {
    flowEntry: boolean;
    blockSkills: boolean;
    blockLanguages: boolean;
    languagesFirst: boolean;
    quote: 'none' | 'single' | 'double';
    comment: boolean;
  };
}

function mapLines(key: string, map: NumberMap, block: boolean, indent: string, comment: boolean): string[] {
  const entries = Object.entries(map);
  const note = comment ? ' # note' : '';
  if (!block || entries.length === 0)
    return [`${indent}${key}: {${entries.map(([k, v]) => `${yamlString(k)}: ${v}`).join(', ')}}${note}`];
  return [
    `${indent}${key}:`,
    ...entries.map(([k, v], i) => `${indent}  ${yamlString(k)}: ${v}${i === 0 ? note : ''}`),
  ];
}

/** A profiles file in the styles people write; each user's own lines, to check they survive byte for byte. */
function fileOf(users: readonly User[]): { text: string; lines: Map<string, string> } {
  const out = [PROFILES.trimEnd(), 'profiles:'];
  const lines = new Map<string, string>();
  for (const u of users) {
    const s = u.style;
    const key = s.quote === 'single' ? `'${u.email}'` : s.quote === 'double' ? `"${u.email}"` : u.email;
    if (s.comment) out.push(`  # about ${u.email}`);
    let own: string[];
    if (s.flowEntry) {
      const flow = (m: NumberMap) =>
        `{${Object.entries(m)
          .map(([k, v]) => `${yamlString(k)}: ${v}`)
          .join(', ')}}`;
      const parts = [
        `skills: ${flow(u.skills)}`,
        ...(u.languages ? [`languages: ${flow(u.languages)}`] : []),
      ];
      own = [
        `  ${key}: {${(s.languagesFirst ? parts.reverse() : parts).join(', ')}}${s.comment ? ' # flow' : ''}`,
      ];
    } else {
      const skills = mapLines('skills', u.skills, s.blockSkills, '    ', s.comment);
      const languages = u.languages
        ? [
            ...(s.comment ? ['    # languages'] : []),
            ...mapLines('languages', u.languages, s.blockLanguages, '    ', s.comment),
          ]
        : [];
      own = [`  ${key}:`, ...(s.languagesFirst ? [...languages, ...skills] : [...skills, ...languages])];
    }
    out.push(...own);
    lines.set(u.email.toLowerCase(), own.join('\n') + '\n');
  }
  return { text: `${out.join('\n')}\n# end\n`, lines };
}

const change = fc.constantFrom('keep', 'skills', 'remove');
const scenario = fc.record({
  users: fc.uniqueArray(user, { minLength: 1, maxLength: 7, selector: (u) => u.email.toLowerCase() }),
  changes: fc.array(change, { minLength: 7, maxLength: 7 }),
  newSkills: fc.array(numbers, { minLength: 7, maxLength: 7 }),
  named: fc.array(fc.option(numbers, { nil: undefined }), { minLength: 7, maxLength: 7 }),
  newcomers: fc.dictionary(
    fc.constantFrom('new@x.com', 'zz@x.com', 'aa@x.io'),
    fc.tuple(numbers, fc.option(numbers, { nil: undefined })),
  ),
  stranger: fc.option(numbers, { nil: undefined }),
  crlf: fc.boolean(),
});

describe('one pass gives what the two passes gave', () => {
  it('same data (plus new users’ languages, which the two passes dropped), untouched entries byte for byte', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const file = fileOf(sc.users);
        const eol = (t: string) => (sc.crlf ? t.replaceAll('\n', '\r\n') : t);
        const text = eol(file.text);
        const lines = new Map([...file.lines].map(([e, own]) => [e, eol(own)]));
        const next: Record<string, NumberMap> = {};
        const languages: Record<string, NumberMap> = {};
        const touched = new Set<string>();
        sc.users.forEach((u, i) => {
          const email = u.email.toLowerCase();
          const what = sc.changes[i] ?? 'keep';
          if (what !== 'remove') next[email] = what === 'skills' ? (sc.newSkills[i] ?? {}) : u.skills;
          if (what !== 'keep') touched.add(email);
          const named = sc.named[i];
          if (named) {
            languages[email] = named;
            touched.add(email);
          }
        });
        for (const [email, [skills, langs]] of Object.entries(sc.newcomers)) {
          if (Object.hasOwn(next, email)) continue;
          next[email] = skills;
          if (langs) languages[email] = langs;
        }
        if (sc.stranger) languages['stranger@x.com'] = sc.stranger;

        const out = updateProfilesFile(text, next, languages);
        const expected = load(twoPass(text, next, languages, new Set(lines.keys())));
        for (const [email] of Object.entries(sc.newcomers)) {
          const entry = expected[email];
          const langs = languages[email];
          if (entry && langs && !lines.has(email)) entry.languages = langs;
        }
        expect(load(out)).toEqual(expected);
        expect(updateProfilesFile(out, next, languages)).toBe(out);
        if (sc.crlf) expect(out.replaceAll('\r\n', '')).not.toContain('\n');
        for (const [email, own] of lines) if (!touched.has(email)) expect(out).toContain(own);
        if (touched.size === 0 && Object.keys(next).length === lines.size) expect(out).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
