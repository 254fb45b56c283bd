import { execFileSync } from 'node:child_process';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { loadDesiredState } from '../../src/state/load.js';
import { PROFILES, withTempDir } from './helpers.js';

const VALID = `${PROFILES}profiles:\n  alice@example.com:\n    skills: {Billing: 4}\n`;

async function timedLoad(dir: string, extra: { maxFileBytes?: number } = {}) {
  const started = performance.now();
  const result = await loadDesiredState(dir, { displayDir: 'ds', ...extra });
  return {
    result,
    ms: performance.now() - started,
    lines: [...result.errors, ...result.warnings].map(formatProblem),
  };
}

async function tree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
}

describe('hostile input is refused quickly, never read whole, never crashes', () => {
  it('a 50 MB file fails on its size without being read', async () => {
    await withTempDir(async (dir) => {
      await tree(dir, { 'routing-profiles/ok.yaml': VALID, 'routing-profiles/huge.yaml': '' });
      await truncate(path.join(dir, 'routing-profiles/huge.yaml'), 50 * 1024 * 1024);
      const { result, ms, lines } = await timedLoad(dir);
      expect(lines).toEqual(['ds/routing-profiles/huge.yaml:1:1: file is 50 MB; the limit is 10 MB']);
      expect(result.value).toBeUndefined();
      expect(ms).toBeLessThan(2_000);
    });
  });

  it('the size cap is configurable and exact', async () => {
    await withTempDir(async (dir) => {
      await tree(dir, { 'routing-profiles/ok.yaml': VALID });
      const bytes = Buffer.byteLength(VALID);
      expect((await timedLoad(dir, { maxFileBytes: bytes })).lines).toEqual([]);
      expect((await timedLoad(dir, { maxFileBytes: bytes - 1 })).lines).toEqual([
        `ds/routing-profiles/ok.yaml:1:1: file is ${bytes} bytes; the limit is ${bytes - 1} bytes`,
      ]);
    });
  });

  it('binary junk: NUL bytes and invalid UTF-8, located', async () => {
    await withTempDir(async (dir) => {
      await tree(dir, {
        'routing-profiles/nul.yaml': Buffer.concat([
          Buffer.from(`${PROFILES}profiles:\n  ab`),
          Buffer.from([0, 1, 2]),
        ]),
        'routing-profiles/latin1.yaml': Buffer.concat([
          Buffer.from('apiVersion: routing-gitops/v1\nkind: Caf'),
          Buffer.from([0xe9, 0x0a]),
        ]),
        'routing-profiles/random.yaml': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      });
      const { lines, ms } = await timedLoad(dir);
      expect(lines).toMatchInlineSnapshot(`
        [
          "ds/routing-profiles/latin1.yaml:2:10: invalid UTF-8; expected UTF-8 YAML text",
          "ds/routing-profiles/nul.yaml:4:5: binary content (NUL byte); expected UTF-8 YAML text",
          "ds/routing-profiles/random.yaml:1:1: binary content (NUL byte); expected UTF-8 YAML text",
        ]
      `);
      expect(ms).toBeLessThan(2_000);
    });
  });

  it('symlinks may not leave the directory', async () => {
    await withTempDir(async (outside) => {
      await tree(outside, { 'secret.yaml': VALID, 'team/x.yaml': VALID });
      await withTempDir(async (dir) => {
        await mkdir(path.join(dir, 'routing-profiles'));
        await symlink(path.join(outside, 'secret.yaml'), path.join(dir, 'routing-profiles/secret.yaml'));
        await symlink(path.join(outside, 'team'), path.join(dir, 'routing-profiles/team'));
        await symlink('/etc/passwd', path.join(dir, 'routing-profiles/passwd.yaml'));
        await symlink(path.join(dir, 'missing.yaml'), path.join(dir, 'routing-profiles/dangling.yaml'));
        const { lines, result } = await timedLoad(dir);
        expect(lines).toMatchInlineSnapshot(`
          [
            "ds/routing-profiles/dangling.yaml:1:1: broken symlink",
            "ds/routing-profiles/passwd.yaml:1:1: symlink points outside the desired-state directory; refusing to read it",
            "ds/routing-profiles/secret.yaml:1:1: symlink points outside the desired-state directory; refusing to read it",
            "ds/routing-profiles/team:1:1: symlink points outside the desired-state directory; refusing to read it",
          ]
        `);
        expect(result.value).toBeUndefined();
      });
    });
  });

  it('symlinks inside the directory are followed, loops are not', async () => {
    await withTempDir(async (dir) => {
      await tree(dir, { '.shared/team.yaml': VALID });
      await mkdir(path.join(dir, 'routing-profiles'));
      await symlink(path.join(dir, '.shared/team.yaml'), path.join(dir, 'routing-profiles/team.yaml'));
      await symlink(path.join(dir, 'routing-profiles'), path.join(dir, 'routing-profiles/loop'));
      const { lines, result } = await timedLoad(dir);
      expect(lines).toEqual([]);
      expect(result.value?.profiles.map((p) => [p.email, p.source.file])).toEqual([
        ['alice@example.com', 'routing-profiles/team.yaml'],
      ]);
    });
  });

  it('an alias bomb is rejected before anything is expanded', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    await withTempDir(async (dir) => {
      await tree(dir, { 'routing-profiles/bomb.yaml': `${PROFILES}profiles: {}\n${levels.join('\n')}\n` });
      const { lines, ms } = await timedLoad(dir);
      expect(lines.length).toBeGreaterThanOrEqual(11 * 9);
      expect(lines.every((l) => /aliases \(\*[a-k]\) are not allowed/.test(l))).toBe(true);
      expect(ms).toBeLessThan(2_000);
    });
  });

  it('custom tags of every kind are refused', async () => {
    await withTempDir(async (dir) => {
      const text = `${PROFILES}profiles:\n  a@x.io:\n    skills: !!python/object:os.system {Billing: !!float 4}\n  b@x.io: !<tag:example.com,2000:x> {skills: {}}\n`;
      await tree(dir, { 'routing-profiles/tags.yaml': text });
      expect((await timedLoad(dir)).lines).toMatchInlineSnapshot(`
        [
          "ds/routing-profiles/tags.yaml:5:39: tags (!!python/object:os.system) are not allowed in desired state; write a plain value",
          "ds/routing-profiles/tags.yaml:6:37: tags (tag:example.com,2000:x) are not allowed in desired state; write a plain value",
        ]
      `);
    });
  });

  it('deep nesting does not overflow the stack', async () => {
    await withTempDir(async (dir) => {
      const depth = 20_000;
      await tree(dir, {
        'routing-profiles/deep.yaml': `${PROFILES}profiles: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      });
      const { lines, ms } = await timedLoad(dir);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatch(/^ds\/routing-profiles\/deep\.yaml:\d+:\d+: /);
      expect(ms).toBeLessThan(5_000);
    });
  });

  it('a nesting bomb just under the size cap is refused in under a second, with its line', async () => {
    await withTempDir(async (dir) => {
      const head = `${PROFILES}profiles:\n  a@x.io:\n    skills: `;
      const depth = Math.floor((10 * 1024 * 1024 - head.length - 1) / 2);
      await tree(dir, { 'routing-profiles/bomb.yaml': `${head}${'['.repeat(depth)}${']'.repeat(depth)}\n` });
      const { lines, ms, result } = await timedLoad(dir);
      expect(lines).toEqual([
        'ds/routing-profiles/bomb.yaml:5:26: nested more than 16 levels deep; desired state needs 4 at most (look for unclosed brackets)',
      ]);
      expect(result.value).toBeUndefined();
      expect(ms).toBeLessThan(1_000);
    });
  });

  it('special files are never opened; non-YAML files and output folders are skipped', async () => {
    await withTempDir(async (dir) => {
      await tree(dir, {
        'routing-profiles/ok.yaml': VALID,
        'README.md': '# notes\n',
        '.gitkeep': '',
        'plan/whatif.yaml': 'not: [valid',
        'schemas/routing-profiles.schema.json': '{}',
      });
      let fifo = false;
      try {
        execFileSync('mkfifo', [path.join(dir, 'routing-profiles/pipe.yaml')]);
        fifo = true;
      } catch {
        // no mkfifo on this system: the rest of the test still runs
      }
      const { lines, result } = await timedLoad(dir);
      expect(lines).toEqual([
        'ds/README.md:1:1: not a .yaml or .yml file; ignored',
        ...(fifo ? ['ds/routing-profiles/pipe.yaml:1:1: not a regular file; ignored'] : []),
      ]);
      expect(result.value?.profiles.map((p) => p.email)).toEqual(['alice@example.com']);
    });
  });

  it('a missing directory is one error', async () => {
    await withTempDir(async (dir) => {
      const { lines } = await timedLoad(path.join(dir, 'nope'));
      expect(lines).toEqual([
        'ds:1:1: directory not found; pass --dir with the folder that holds routing-profiles/, rule-weights.yaml and settings.yaml (default: desired-state, relative to where you run the command)',
      ]);
    });
  });
});
