import { describe, expect, it } from 'vitest';
import type { SourceProblem } from '../../src/errors.js';
import { escapeData, escapeProperty, formatAnnotations } from '../../src/state/annotations.js';

const problems: SourceProblem[] = [
  {
    file: 'desired-state/routing-profiles/a, b.yaml',
    line: 4,
    col: 7,
    message: 'Billing must be a number from 0 to 5, got 7',
  },
  {
    file: 'desired-state/settings.yaml',
    line: 1,
    col: 1,
    message: '100% wrong:\nsecond line\r',
    severity: 'warning',
  },
];

describe('formatAnnotations', () => {
  it('writes nothing outside GitHub Actions', () => {
    expect(formatAnnotations(problems, {})).toEqual([]);
    expect(formatAnnotations(problems, { GITHUB_ACTIONS: 'false', CI: 'true' })).toEqual([]);
  });

  it('writes one workflow command per problem, paths from the repository root, escaped like @actions/core', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/home/runner/work/repo/repo' };
    expect(formatAnnotations(problems, env)).toEqual([
      '::error file=desired-state/routing-profiles/a%2C b.yaml,line=4,col=7::Billing must be a number from 0 to 5, got 7',
      '::warning file=desired-state/settings.yaml,line=1,col=1::100%25 wrong:%0Asecond line%0D',
    ]);
  });

  it('makes paths relative to the workspace when the command ran in a subfolder or got absolute paths', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/w/repo' };
    const one: SourceProblem[] = [{ file: 'ds/a.yaml', line: 1, col: 2, message: 'm' }];
    expect(formatAnnotations(one, env, { cwd: '/w/repo/config' })).toEqual([
      '::error file=config/ds/a.yaml,line=1,col=2::m',
    ]);
    expect(formatAnnotations([{ ...one[0]!, file: '/w/repo/ds/a.yaml' }], env)).toEqual([
      '::error file=ds/a.yaml,line=1,col=2::m',
    ]);
  });

  it.each([
    ['a:b,c', 'a%3Ab%2Cc', 'a:b,c'],
    ['50%\r\n', '50%25%0D%0A', '50%25%0D%0A'],
    ['plain', 'plain', 'plain'],
  ])('escapes %j as a property %j and as data %j', (input, property, data) => {
    expect(escapeProperty(input)).toBe(property);
    expect(escapeData(input)).toBe(data);
  });
});
