import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { updateProfilesFile, updateWeightsFile } from '../../src/state/update.js';
import { build } from './helpers.js';

const TEAM = `# yaml-language-server: $schema=../../schemas/routing-profiles.schema.json
# Support team — reviewed by @support-leads
apiVersion: routing-gitops/v1
kind: RoutingProfiles
profiles:
  # night shift
  alice@example.com:
    skills: {Billing: 4, Technical Support: 5}   # lead
  Bob.Jones@Example.com:
    skills:
      Technical Support: 3.5
      Spanish: 2 # weekend cover
  carol@example.com: {skills: { Sales: 1 }}
# end of team
`;

const WEIGHTS = `apiVersion: routing-gitops/v1
kind: RuleWeights
queues:
  Support: {Billing: 80, Technical Support: 100} # tuned 2024-05
  Sales:
    Sales: 90
    Retention: 40
`;

type Maps = Record<string, Record<string, number>>;

function profilesOf(text: string): Maps {
  const result = build({ 'routing-profiles/team.yaml': text });
  expect(result.errors).toEqual([]);
  return Object.fromEntries((result.value?.profiles ?? []).map((p) => [p.email, p.skills]));
}

function weightsOf(text: string): Maps {
  const result = build({ 'rule-weights.yaml': text });
  expect(result.errors).toEqual([]);
  return result.value?.weights ?? {};
}

/** Lines removed and added between two texts. */
function changed(a: string, b: string): { removed: string[]; added: string[] } {
  const parts = diffLines(a, b);
  const lines = (added: boolean) =>
    parts.filter((p) => (added ? p.added : p.removed)).flatMap((p) => p.value.split('\n').filter(Boolean));
  return { removed: lines(false), added: lines(true) };
}

function sameSet(value: Maps): Maps {
  return structuredClone(value);
}

describe('updateProfilesFile', () => {
  const current = profilesOf(TEAM);

  it('writing what the file already says changes no byte', () => {
    expect(updateProfilesFile(TEAM, current)).toBe(TEAM);
  });

  it.each([
    [
      'a flow map',
      'alice@example.com',
      'Billing',
      3,
      '    skills: {Billing: 3, Technical Support: 5}   # lead',
    ],
    [
      'a block map, keeping the comment',
      'bob.jones@example.com',
      'Spanish',
      4.5,
      '      Spanish: 4.5 # weekend cover',
    ],
    [
      'a nested flow map with padding',
      'carol@example.com',
      'Sales',
      2,
      '  carol@example.com: {skills: { Sales: 2 }}',
    ],
  ])('one proficiency changed in %s changes exactly that line', (_, email, skill, value, line) => {
    const next = sameSet(current);
    next[email]![skill] = value;
    const out = updateProfilesFile(TEAM, next);
    expect(changed(TEAM, out).added).toEqual([line]);
    expect(changed(TEAM, out).removed).toHaveLength(1);
    expect(profilesOf(out)).toEqual(next);
  });

  it('adds, removes and appends in place, keeping every comment, the same bytes twice', () => {
    const next: Maps = {
      'alice@example.com': { 'Technical Support': 5, Sales: 2, Billing: 4 },
      'bob.jones@example.com': { Spanish: 2, Retention: 1 },
      'zoe@example.com': { Billing: 1 },
      'adam@example.com': { Sales: 3, 'Billing & Payments': 2 },
    };
    const out = updateProfilesFile(TEAM, next);
    expect(out).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../../schemas/routing-profiles.schema.json
      # Support team — reviewed by @support-leads
      apiVersion: routing-gitops/v1
      kind: RoutingProfiles
      profiles:
        # night shift
        alice@example.com:
          skills: {Billing: 4, Technical Support: 5, Sales: 2}   # lead
        Bob.Jones@Example.com:
          skills:
            Spanish: 2 # weekend cover
            Retention: 1
        adam@example.com:
          skills: { Billing & Payments: 2, Sales: 3 }
        zoe@example.com:
          skills: { Billing: 1 }
      # end of team
      "
    `);
    expect(profilesOf(out)).toEqual(next);
    expect(updateProfilesFile(out, next)).toBe(out);
    expect(updateProfilesFile(TEAM, next)).toBe(out);
  });

  it('removing every skill of a block map leaves `skills: {}`; removing every user leaves `profiles: {}`', () => {
    const noSkills = updateProfilesFile(TEAM, { ...current, 'bob.jones@example.com': {} });
    expect(changed(TEAM, noSkills)).toEqual({
      removed: ['    skills:', '      Technical Support: 3.5', '      Spanish: 2 # weekend cover'],
      added: ['    skills: {}'],
    });
    const nobody = updateProfilesFile(TEAM, {});
    expect(profilesOf(nobody)).toEqual({});
    expect(nobody).toContain('# Support team — reviewed by @support-leads');
    expect(nobody).toContain('profiles: {}');
  });

  it('removes flow-map skills at the start, middle and end', () => {
    const text = TEAM.replace('{Billing: 4, Technical Support: 5}', '{A: 1, B: 2, C: 3, D: 4}');
    const base = profilesOf(text);
    for (const keep of [['B', 'C', 'D'], ['A', 'D'], ['A', 'B'], ['C'], []]) {
      const skills = Object.fromEntries(keep.map((k) => [k, base['alice@example.com']![k]!]));
      const out = updateProfilesFile(text, { ...base, 'alice@example.com': skills });
      expect(profilesOf(out)['alice@example.com']).toEqual(skills);
      expect(changed(text, out).added).toHaveLength(1);
    }
  });

  it('keeps CRLF line endings and copes with a missing final newline', () => {
    const crlf = TEAM.replaceAll('\n', '\r\n');
    const next = { ...current, 'new@example.com': { Sales: 1 } };
    const out = updateProfilesFile(crlf, next);
    expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    expect(profilesOf(out)).toEqual(next);
    const unterminated = TEAM.replace(/\n# end of team\n$/, '');
    const out2 = updateProfilesFile(unterminated, next);
    expect(profilesOf(out2)).toEqual(next);
    expect(out2.endsWith('  new@example.com:\n    skills: { Sales: 1 }\n')).toBe(true);
  });

  it('renders afresh (keeping the header comments) what it cannot edit in place', () => {
    const empty =
      '# yaml-language-server: $schema=../../schemas/routing-profiles.schema.json\n# Unassigned users\napiVersion: routing-gitops/v1\nkind: RoutingProfiles\nprofiles: {}\n';
    const out = updateProfilesFile(empty, { 'b@x.io': { Sales: 1 }, 'a@x.io': {} });
    expect(out).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../../schemas/routing-profiles.schema.json
      # Unassigned users
      apiVersion: routing-gitops/v1
      kind: RoutingProfiles
      profiles:
        a@x.io:
          skills: {}
        b@x.io:
          skills: { Sales: 1 }
      "
    `);
    expect(updateProfilesFile('', { 'a@x.io': { Sales: 1 } })).toContain(
      '  a@x.io:\n    skills: { Sales: 1 }\n',
    );
    expect(profilesOf(updateProfilesFile('profiles: [broken', { 'a@x.io': { S: 1 } }))).toEqual({
      'a@x.io': { S: 1 },
    });
  });

  it('writes long skill lists as a block and odd names quoted', () => {
    const skills = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`Skill number ${i + 10}`, i % 6]),
    );
    skills['yes'] = 1;
    skills['a: b'] = 2;
    skills['#tag'] = 3;
    skills['123'] = 4;
    const out = updateProfilesFile(TEAM, { ...current, 'long@example.com': skills });
    expect(profilesOf(out)['long@example.com']).toEqual(skills);
    expect(out).toContain(
      "  long@example.com:\n    skills:\n      '#tag': 3\n      '123': 4\n      Skill number 10: 0\n",
    );
    expect(out).toContain("      Skill number 21: 5\n      'a: b': 2\n      'yes': 1\n# end of team\n");
  });
});

describe('updateWeightsFile', () => {
  const current = weightsOf(WEIGHTS);

  it('no change, no byte changed', () => {
    expect(updateWeightsFile(WEIGHTS, current)).toBe(WEIGHTS);
  });

  it('one weight changed changes one line and keeps its comment', () => {
    const out = updateWeightsFile(WEIGHTS, {
      ...current,
      Support: { Billing: 75, 'Technical Support': 100 },
    });
    expect(changed(WEIGHTS, out)).toEqual({
      removed: ['  Support: {Billing: 80, Technical Support: 100} # tuned 2024-05'],
      added: ['  Support: {Billing: 75, Technical Support: 100} # tuned 2024-05'],
    });
  });

  it('adds and removes queues and skills', () => {
    const next = { Sales: { Sales: 90, Upsell: 10 }, Billing: { Billing: 100 } };
    const out = updateWeightsFile(WEIGHTS, next);
    expect(out).toMatchInlineSnapshot(`
      "apiVersion: routing-gitops/v1
      kind: RuleWeights
      queues:
        Sales:
          Sales: 90
          Upsell: 10
        Billing: { Billing: 100 }
      "
    `);
    expect(weightsOf(out)).toEqual(next);
    expect(updateWeightsFile(out, next)).toBe(out);
  });
});
