import path from 'node:path';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/state/defaults.js';
import { renderSettingsFile } from '../../src/state/render-settings.js';
import { renderProfilesFile, renderWeightsFile } from '../../src/state/render.js';
import { NAME_PATTERN } from '../../src/state/schema.js';
import { updateProfilesFile } from '../../src/state/update.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const namePattern = new RegExp(NAME_PATTERN, 'u');

/** `npm run lint` runs `prettier --check .`, desired-state/ included: what we write must already be formatted. */
async function prettierFormat(text: string): Promise<string> {
  const config = await prettier.resolveConfig(path.join(ROOT, 'desired-state/x.yaml'));
  return prettier.format(text, { ...config, parser: 'yaml' });
}

describe('written YAML is prettier-clean', () => {
  it('fresh files of every kind', async () => {
    const settings = defaultSettings();
    settings.guardrails.window = { start: '22:00', end: '06:00', timeZone: 'Europe/London', days: [1, 2] };
    settings.wrapupSkills = { 'Billing question': 'Billing', "Customer's call": 'Sales' };
    settings.ownership.users = { 'bob@example.com': 'additive' };
    const files = [
      renderProfilesFile({
        'alice@example.com': { Billing: 4, 'Technical Support': 2.5, yes: 1, '#1 priority': 3, "it's": 2 },
        'bob@example.com': {},
        'long@example.com': Object.fromEntries(
          Array.from({ length: 15 }, (_, i) => [`Skill number ${i}`, 3]),
        ),
      }),
      renderWeightsFile({ Support: { Billing: 80 }, 'Back Office': {}, 'a: b': { 'x,y': 5 } }),
      renderSettingsFile(settings),
      renderSettingsFile(),
    ];
    for (const text of files) expect(await prettierFormat(text)).toBe(text);
  });

  it('updates of a prettier-formatted file stay prettier-formatted', async () => {
    const old = renderProfilesFile({ 'a@x.io': { A: 1, B: 2 }, 'b@x.io': { C: 3 } });
    const cases: Record<string, Record<string, number>>[] = [
      { 'a@x.io': { A: 1 }, 'b@x.io': { C: 3 } },
      { 'a@x.io': {}, 'b@x.io': { C: 3, D: 4 } },
      { 'b@x.io': { C: 3 }, 'c@x.io': { 'New skill': 1 } },
      {},
    ];
    for (const next of cases) {
      const out = updateProfilesFile(old, next);
      expect(await prettierFormat(out)).toBe(out);
    }
  });

  it('for random names and values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.stringMatching(/^[a-z]{1,6}@[a-z]{1,5}\.io$/),
          fc.dictionary(
            fc.oneof(
              fc.string({ minLength: 1, maxLength: 10 }),
              fc.constantFrom(
                'true',
                '1',
                'a: b',
                "o'k",
                '#x',
                'a\'"b',
                'x\\y',
                ' lead',
                'tab\there',
                "''\"",
              ),
            ),
            fc.integer({ min: 0, max: 5 }),
            { maxKeys: 5 },
          ),
          { maxKeys: 4 },
        ),
        async (profiles) => {
          const clean = Object.fromEntries(
            Object.entries(profiles).map(([e, s]) => [
              e,
              Object.fromEntries(Object.entries(s).filter(([k]) => namePattern.test(k))),
            ]),
          );
          const text = renderProfilesFile(clean);
          expect(await prettierFormat(text)).toBe(text);
        },
      ),
      { numRuns: 60 },
    );
  });
});
