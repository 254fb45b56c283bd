import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/state/load.js';
import { schemaRefFor, writeDesiredState } from '../../src/state/write.js';
import { withTempDir } from './helpers.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/desired-state/example');

async function copyExample(dir: string): Promise<string> {
  const target = path.join(dir, 'desired-state');
  await cp(EXAMPLE, target, { recursive: true });
  return target;
}

function skillsByEmail(state: Awaited<ReturnType<typeof loadDesiredState>>['value']) {
  return Object.fromEntries(
    (state?.profiles ?? []).map((p) => [p.email, { skills: p.skills, file: p.source.file }]),
  );
}

describe('writeDesiredState', () => {
  it('routes each change to the file that holds it, new users to unassigned.yaml, and writes nothing else', async () => {
    await withTempDir(async (tmp) => {
      const dir = await copyExample(tmp);
      const current = (await loadDesiredState(dir)).value!;
      const sales = await readFile(path.join(dir, 'routing-profiles/sales.yaml'), 'utf8');
      const written = await writeDesiredState(
        dir,
        {
          profiles: {
            'Bob.Jones@example.com': { 'Technical Support': 4, Spanish: 2 },
            'alice@example.com': { Billing: 4, 'Technical Support': 5 },
            'new.hire@example.com': { Billing: 3 },
            'carol@example.com': null,
          },
          weights: { Support: { Billing: 70, 'Technical Support': 100 }, Retention: { Retention: 100 } },
        },
        current,
      );
      expect(written).toEqual([
        'routing-profiles/support.yaml',
        'routing-profiles/unassigned.yaml',
        'rule-weights.yaml',
      ]);
      expect(await readFile(path.join(dir, 'routing-profiles/sales.yaml'), 'utf8')).toBe(sales);
      expect(await readFile(path.join(dir, 'routing-profiles/unassigned.yaml'), 'utf8'))
        .toMatchInlineSnapshot(`
          "# yaml-language-server: $schema=../../schemas/routing-profiles.schema.json
          apiVersion: routing-gitops/v1
          kind: RoutingProfiles
          profiles:
            new.hire@example.com:
              skills: { Billing: 3 }
          "
        `);
      const after = await loadDesiredState(dir);
      expect(after.errors).toEqual([]);
      const users = skillsByEmail(after.value);
      expect(users['bob.jones@example.com']).toEqual({
        skills: { 'Technical Support': 4, Spanish: 2 },
        file: 'routing-profiles/support.yaml',
      });
      expect(users['new.hire@example.com']).toEqual({
        skills: { Billing: 3 },
        file: 'routing-profiles/unassigned.yaml',
      });
      expect(users['carol@example.com']).toBeUndefined();
      expect(users['dave@example.com']?.file).toBe('routing-profiles/sales.yaml');
      expect(after.value?.weights).toEqual({
        Support: { Billing: 70, 'Technical Support': 100 },
        Sales: { Sales: 90, Retention: 40 },
        Retention: { Retention: 100 },
      });
      const support = await readFile(path.join(dir, 'routing-profiles/support.yaml'), 'utf8');
      expect(support).toContain('Bob.Jones@Example.com: # emails are matched case-insensitively');
      expect(support).toContain('      Technical Support: 4\n      Spanish: 2 # weekend cover\n');
    });
  });

  it('writing the current state again writes no file; newUsersFile from settings is honoured', async () => {
    await withTempDir(async (tmp) => {
      const dir = await copyExample(tmp);
      const current = (await loadDesiredState(dir)).value!;
      const same = Object.fromEntries(current.profiles.map((p) => [p.email, p.skills]));
      expect(await writeDesiredState(dir, { profiles: same, weights: current.weights }, current)).toEqual([]);
      current.settings.newUsersFile = 'routing-profiles/new/joiners.yaml';
      expect(await writeDesiredState(dir, { profiles: { 'x@example.com': {} } }, current)).toEqual([
        'routing-profiles/new/joiners.yaml',
      ]);
      const text = await readFile(path.join(dir, 'routing-profiles/new/joiners.yaml'), 'utf8');
      expect(text.split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../../../schemas/routing-profiles.schema.json',
      );
      expect((await loadDesiredState(dir)).errors).toEqual([]);
    });
  });

  it('schemaRefFor climbs out of the desired-state dir to the repository schemas/', () => {
    expect(schemaRefFor('rule-weights.yaml', 'x.json')).toBe('../schemas/x.json');
    expect(schemaRefFor('routing-profiles/a.yaml', 'x.json')).toBe('../../schemas/x.json');
  });
});
