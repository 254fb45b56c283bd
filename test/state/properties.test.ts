import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderProfilesFile, renderWeightsFile } from '../../src/state/render.js';
import { NAME_PATTERN } from '../../src/state/schema.js';
import { updateProfilesFile, updateWeightsFile } from '../../src/state/update.js';
import { build } from './helpers.js';

const namePattern = new RegExp(NAME_PATTERN, 'u');
const tricky = fc.constantFrom(
  'yes',
  'No',
  'null',
  '~',
  '123',
  '1e3',
  '0x1F',
  '-',
  ' lead',
  'a: b',
  'x #y',
  '{x}',
  '[y]',
  "it's",
  '"q"',
  '&a',
  '*b',
  '!t',
  '%p',
  '@at',
  '`b',
  'a,b',
  'é',
  '日本語',
  '\u2028',
  '\u00a0nbsp',
);
const skillName = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    tricky,
    fc.constantFrom('Billing', 'Sales', 'Technical Support'),
  )
  .filter((s) => namePattern.test(s));
const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9._%+-]{1,8}$/), fc.stringMatching(/^[a-z0-9-]{1,6}\.[a-z]{2,4}$/))
  .map(([local, domain]) => `${local}@${domain}`);
const proficiency = fc.oneof(
  fc.integer({ min: 0, max: 5 }),
  fc.double({ min: 0, max: 5, noNaN: true, noDefaultInfinity: true }),
);
const skills = fc.dictionary(skillName, proficiency, { maxKeys: 8 });
const profiles = fc.dictionary(email, skills, { maxKeys: 6 });
const weights = fc.dictionary(
  skillName,
  fc.dictionary(skillName, fc.integer({ min: 1, max: 100 }), { maxKeys: 5 }),
  { maxKeys: 5 },
);

type Maps = Record<string, Record<string, number>>;

function loadProfiles(text: string): Maps | string[] {
  const result = build({ 'routing-profiles/p.yaml': text });
  if (!result.value) return result.errors.map((e) => e.message);
  return Object.fromEntries(result.value.profiles.map((p) => [p.email, p.skills]));
}

function loadWeights(text: string): Maps | string[] {
  const result = build({ 'rule-weights.yaml': text });
  return result.value ? result.value.weights : result.errors.map((e) => e.message);
}

/** Normalises -0 (written as 0) for comparison. */
function plain(maps: Maps): Maps {
  return JSON.parse(JSON.stringify(maps)) as Maps;
}

describe('properties', () => {
  it('render → load gives back exactly what was rendered', () => {
    fc.assert(
      fc.property(profiles, weights, (p, w) => {
        expect(loadProfiles(renderProfilesFile(p))).toEqual(plain(p));
        expect(loadWeights(renderWeightsFile(w))).toEqual(plain(w));
      }),
      { numRuns: 150 },
    );
  });

  it('update(old, next) loads as next, is idempotent, and a no-op keeps every byte', () => {
    fc.assert(
      fc.property(profiles, profiles, weights, weights, (before, after, w1, w2) => {
        const old = renderProfilesFile(before);
        const out = updateProfilesFile(old, after);
        expect(loadProfiles(out)).toEqual(plain(after));
        expect(updateProfilesFile(out, after)).toBe(out);
        expect(updateProfilesFile(old, before)).toBe(old);
        const oldW = renderWeightsFile(w1);
        const outW = updateWeightsFile(oldW, w2);
        expect(loadWeights(outW)).toEqual(plain(w2));
        expect(updateWeightsFile(outW, w2)).toBe(outW);
      }),
      { numRuns: 150 },
    );
  });

  it('changing one proficiency changes one line', () => {
    fc.assert(
      fc.property(profiles, fc.nat(), fc.integer({ min: 0, max: 5 }), (p, pick, value) => {
        const emails = Object.keys(p).filter((e) => Object.keys(p[e] ?? {}).length > 0);
        fc.pre(emails.length > 0);
        const who = emails[pick % emails.length]!;
        const names = Object.keys(p[who]!);
        const skill = names[pick % names.length]!;
        fc.pre(p[who]![skill] !== value);
        const old = renderProfilesFile(p);
        const out = updateProfilesFile(old, { ...p, [who]: { ...p[who], [skill]: value } });
        const a = old.split('\n');
        const b = out.split('\n');
        expect(b).toHaveLength(a.length);
        expect(a.filter((line, i) => line !== b[i])).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  const base = `# team
apiVersion: routing-gitops/v1
kind: RoutingProfiles
profiles:
  alice@example.com:
    skills: {Billing: 4, "Technical Support": 5}
  bob@example.com:
    skills:
      Sales: 2.5 # note
`;
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.string({ unit: 'binary', maxLength: 8 }),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.constantFrom(
        ':',
        '{',
        '}',
        '[',
        '- ',
        '\n',
        '\t',
        '&a ',
        '*a',
        '!!x ',
        '? ',
        '#',
        '"',
        "'",
        '---\n',
        '%YAML 1.1\n',
        '<<: ',
      ),
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 20 }),
    }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  );

  it('random edits to a valid file never crash the loader: a value or errors, never both, never a throw', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = base;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          if (e.kind === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
          else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
          else {
            const lines = text.split('\n');
            const i = e.at % lines.length;
            lines.splice(i, 0, lines[i] ?? '');
            text = lines.join('\n');
          }
        }
        const result = build({
          'routing-profiles/p.yaml': text,
          'rule-weights.yaml': text,
          'settings.yaml': text,
        });
        expect(result.value === undefined).toBe(result.errors.length > 0);
        for (const p of [...result.errors, ...result.warnings]) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
        expect(() => updateProfilesFile(text, { 'a@x.io': { S: 1 } })).not.toThrow();
      }),
      { numRuns: 250 },
    );
  });
});
