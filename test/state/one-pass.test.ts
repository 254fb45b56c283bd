import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { exampleOrg, FakeGenesysPort } from './fake-port.js';
import { PROFILES, problems, SETTINGS, WEIGHTS, withTempDir } from './helpers.js';

const A = 'routing-profiles/a.yaml';

function users(n: number, edit: (i: number, text: string) => string = (_i, t) => t): string {
  const blocks = Array.from({ length: n }, (_, i) =>
    edit(i, `  u${i}@x.io:\n    skills:\n      Billing: 4\n      Sales: 2\n`),
  );
  return `${PROFILES}profiles:\n${blocks.join('')}`;
}

describe('every error of every layer in one pass', () => {
  it('one tab is one error, not one per later line', () => {
    const oneTab = users(20, (i, t) => (i === 1 ? t.replace('    skills', '\tskills') : t));
    expect(problems({ [A]: oneTab })).toEqual([
      'ds/routing-profiles/a.yaml:9:1: YAML syntax error: tab in indentation; indent with spaces',
    ]);
  });

  it('independent syntax errors are each reported once, cascades are not', () => {
    const text = users(12, (i, t) => {
      if (i === 1) return t.replace('      Billing', '\t\tBilling');
      if (i === 4) return t.replace('Billing: 4', 'Billing 4');
      if (i === 8) return t.replace('  u8', '   u8');
      if (i === 10) return t.replace('      Sales', '\tSales');
      return t;
    });
    expect(problems({ [A]: text })).toMatchInlineSnapshot(`
      [
        "ds/routing-profiles/a.yaml:10:1: YAML syntax error: tab in indentation; indent with spaces",
        "ds/routing-profiles/a.yaml:22:7: YAML syntax error: Implicit keys need to be on a single line",
        "ds/routing-profiles/a.yaml:36:1: YAML syntax error: All mapping items must start at the same column: this line is indented differently from the keys above it",
        "ds/routing-profiles/a.yaml:47:1: YAML syntax error: tab in indentation; indent with spaces",
      ]
    `);
  });

  it("a duplicate key does not hide the file's other errors", () => {
    const text = `${PROFILES}profiles:\n  a@x.io: {skills: {Billing: 4}}\n  a@x.io: {skills: {}}\n  b@x.io: {skills: {Billing: 9}}\n  not-an-email: {skills: {}}\n`;
    expect(problems({ [A]: text })).toEqual([
      'ds/routing-profiles/a.yaml:5:3: duplicate key "a@x.io"; each key may appear once in a map',
      'ds/routing-profiles/a.yaml:6:30: Billing must be a number from 0 to 5, got 9',
      'ds/routing-profiles/a.yaml:7:3: "not-an-email" is not a valid email address',
    ]);
  });

  it('an unknown ownership.files path is an error, with a suggestion', () => {
    expect(
      problems({
        [A]: `${PROFILES}profiles: {}\n`,
        'settings.yaml': `${SETTINGS}ownership:\n  files: {routing-profiles/A.yaml: additive}\n`,
      }),
    ).toEqual([
      'ds/settings.yaml:4:36: ownership.files names routing-profiles/A.yaml, which does not exist (did you mean "routing-profiles/a.yaml"?); write the path of a routing-profiles file relative to the desired-state folder, or remove the entry (a wrong path silently leaves that team under the default ownership)',
    ]);
  });

  it('validate checks the org too when the files have errors: schema, syntax and references at once', async () => {
    await withTempDir(async (tmp) => {
      const files: Record<string, string> = {
        'ds/routing-profiles/a.yaml': `${PROFILES}profiles:\n  alice@example.com:\n    skills: {Billing: 9, Bilingg: 2}\n  ghost@example.com: {skills: {}}\n`,
        'ds/routing-profiles/b.yaml': `${PROFILES}profiles:\n\tcarol@example.com: {skills: {}}\n`,
        'ds/rule-weights.yaml': `${WEIGHTS}queues:\n  Suport: {Billing: 80}\n  Sales: {Sales: 0}\n`,
      };
      for (const [rel, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(tmp, rel)), { recursive: true });
        await writeFile(path.join(tmp, rel), text);
      }
      const out: string[] = [];
      const code = await main(['validate', '--dir', 'ds'], {
        stdout: (t) => out.push(t),
        stderr: (t) => out.push(t),
        cwd: tmp,
        env: { GENESYSCLOUD_OAUTHCLIENT_ID: 'id' },
        genesys: () => Promise.resolve(new FakeGenesysPort(exampleOrg())),
      });
      expect(code).toBe(1);
      expect(out.join('')).toMatchInlineSnapshot(`
        "ds/routing-profiles/a.yaml:5:23: Billing must be a number from 0 to 5, got 9
        ds/routing-profiles/a.yaml:5:26: unknown skill "Bilingg" (did you mean "Billing"?)
        ds/routing-profiles/a.yaml:6:3: unknown user ghost@example.com: no Genesys Cloud user has this email (deleted, or in a division this OAuth client's role does not cover?)
        ds/routing-profiles/b.yaml:4:1: YAML syntax error: tab in indentation; indent with spaces
        ds/rule-weights.yaml:4:3: queue "Suport" not found (did you mean "Support"?)
        ds/rule-weights.yaml:5:18: Sales must be an integer from 1 to 100, got 0
        ds: invalid, 6 errors
        "
      `);
    });
  });

  it.each([
    ['a missing folder, with the likely one', 'desired_state', 'ds:1:1'],
    ['the repository root', '.', ''],
  ])('a wrong --dir says what to pass: %s', async (_name, dir) => {
    await withTempDir(async (tmp) => {
      await mkdir(path.join(tmp, 'desired-state/routing-profiles'), { recursive: true });
      await writeFile(path.join(tmp, 'desired-state/routing-profiles/a.yaml'), `${PROFILES}profiles: {}\n`);
      await writeFile(path.join(tmp, 'package.json'), '{}\n');
      const out: string[] = [];
      const code = await main(['validate', '--offline', '--dir', dir], {
        stdout: (t) => out.push(t),
        stderr: (t) => out.push(t),
        cwd: tmp,
        env: {},
      });
      expect(code).toBe(1);
      expect(out.join('').split('\n')[0]).toMatch(
        dir === '.'
          ? /^\.:1:1: not a desired-state folder \(it has no routing-profiles\/, rule-weights\.yaml and settings\.yaml\), but desired-state\/ is one: run with --dir desired-state$/
          : /^desired_state:1:1: directory not found \(did you mean "desired-state"\?\); pass --dir with the folder/,
      );
    });
  });
});
