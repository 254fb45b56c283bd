import { describe, expect, it } from 'vitest';
import { findDeepNesting } from '../../src/state/nesting.js';
import { parseYaml } from '../../src/state/parse-yaml.js';

const VALID = [
  'apiVersion: routing-gitops/v1',
  'kind: RoutingProfiles',
  'profiles:',
  '  alice@example.com:',
  '    skills: {Billing: 4, Sales: 2.5}',
  '  bob@example.com:',
  '    skills:',
  '      Billing: 1',
  '',
].join('\n');

describe('findDeepNesting (lexer only, before parsing)', () => {
  it.each([
    ['block maps', VALID, 4],
    ['flow inside block', 'a:\n  - - x: 1\n    y: [1, {b: 2}]\n', 5],
    ['compact sequences', `${'- '.repeat(6)}x\n`, 6],
    ['flow brackets', `a: ${'['.repeat(6)}${']'.repeat(6)}\n`, 7],
    [
      'indented maps',
      `${Array.from({ length: 6 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} 1\n`,
      6,
    ],
    ['block scalar text is not structure', 'a: |\n  - - - - x\n  [[[[\n', 1],
    ['quoted scalars are not structure', 'a: "[[[[ - - :"\n', 1],
  ])('%s: the depth is exact', (_name, text, depth) => {
    expect(findDeepNesting(text, depth)).toBeUndefined();
    expect(findDeepNesting(text, depth - 1)).toBeDefined();
  });

  it('names the line and column of the first collection past the limit', () => {
    const text = `a: 1\nb:\n  c: ${'['.repeat(40)}\n`;
    expect(findDeepNesting(text, 16)).toEqual({ line: 3, col: 20 });
  });

  it('a 10 MB bomb of brackets is refused in well under a second', () => {
    const depth = 5 * 1024 * 1024;
    const text = `apiVersion: routing-gitops/v1\nkind: RoutingProfiles\nprofiles: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const started = performance.now();
    const parsed = parseYaml(text, 'ds/routing-profiles/bomb.yaml');
    const ms = performance.now() - started;
    expect(parsed.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`)).toEqual([
      'ds/routing-profiles/bomb.yaml:3:26: nested more than 16 levels deep; desired state needs 4 at most (look for unclosed brackets)',
    ]);
    expect(parsed.doc).toBeUndefined();
    expect(ms).toBeLessThan(1_000);
  });

  it('a 10 MB bomb of compact sequences is refused in well under a second', () => {
    const text = `profiles:\n  x: ${'- '.repeat(5 * 1024 * 1024)}x\n`;
    const started = performance.now();
    const parsed = parseYaml(text, 'f.yaml');
    expect(parsed.errors.map((e) => [e.line, e.message.slice(0, 28)])).toEqual([
      [2, 'nested more than 16 levels d'],
    ]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a large flat file is accepted', () => {
    const users = Array.from({ length: 2_000 }, (_, i) => `  u${i}@example.com:\n    skills: {Billing: 4}\n`);
    const text = `apiVersion: routing-gitops/v1\nkind: RoutingProfiles\nprofiles:\n${users.join('')}`;
    expect(findDeepNesting(text, 16)).toBeUndefined();
  });
});
