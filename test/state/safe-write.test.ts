import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePlanFiles } from '../../src/recommend/plan/run-plan.js';
import { writeFileInside } from '../../src/state/safe-write.js';
import { withTempDir } from './helpers.js';

describe('writeFileInside: generated files never go through a symlink, and land whole', () => {
  it('creates folders and replaces a file atomically, leaving no temp file', async () => {
    await withTempDir(async (root) => {
      await writeFileInside(root, 'desired-state/plan/what-if.md', 'one\n');
      await writeFileInside(root, 'desired-state/plan/what-if.md', 'two\n');
      expect(await readFile(path.join(root, 'desired-state/plan/what-if.md'), 'utf8')).toBe('two\n');
      expect(await readdir(path.join(root, 'desired-state/plan'))).toEqual(['what-if.md']);
    });
  });

  it('refuses a symlinked plan/ folder and a symlinked file; nothing is written outside', async () => {
    await withTempDir(async (outside) => {
      await writeFile(path.join(outside, 'victim.txt'), 'untouched\n');
      await withTempDir(async (root) => {
        await mkdir(path.join(root, 'desired-state'), { recursive: true });
        await symlink(outside, path.join(root, 'desired-state/plan'));
        await expect(writeFileInside(root, 'desired-state/plan/what-if.md', 'x')).rejects.toThrow(
          'refusing to write desired-state/plan/what-if.md: desired-state/plan is a symlink; generated files are written only as real files inside the repository. Remove the symlink (git rm desired-state/plan) and run again',
        );
        await mkdir(path.join(root, 'other/plan'), { recursive: true });
        await symlink(path.join(outside, 'victim.txt'), path.join(root, 'other/plan/what-if.md'));
        await expect(writeFileInside(root, 'other/plan/what-if.md', 'x')).rejects.toMatchObject({
          code: 'UNSAFE_PATH',
        });
      });
      expect(await readdir(outside)).toEqual(['victim.txt']);
      expect(await readFile(path.join(outside, 'victim.txt'), 'utf8')).toBe('untouched\n');
    });
  });

  it.each(['../escape.md', '/etc/x', 'a/../../b', ''])('refuses %j as a path', async (rel) => {
    await withTempDir(async (root) => {
      await expect(writeFileInside(root, rel, 'x')).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
    });
  });

  it("plan's writer refuses a symlink in desired-state/plan/ before writing anything there", async () => {
    await withTempDir(async (outside) => {
      await withTempDir(async (root) => {
        await mkdir(path.join(root, 'desired-state'), { recursive: true });
        await symlink(outside, path.join(root, 'desired-state/plan'));
        const files = [{ path: 'desired-state/plan/what-if.json', content: '{}\n' }];
        await expect(writePlanFiles(root, files)).rejects.toThrow(/desired-state\/plan is a symlink/);
      });
      expect(await readdir(outside)).toEqual([]);
    });
  });
});
