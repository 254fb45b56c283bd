/**
 * Every `routing-gitops …` command line in the workflows, parsed by the CLI's own commander program: the command
 * exists, every flag exists, a flag that takes a value gets one, and nothing is left over. Scripts that build
 * the arguments in a bash array (`args=(plan)`, `args+=(--days "$DAYS")`) are read with every condition taken.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemWith, workflowInvocations, invocationsIn } from './invocations.js';

describe('every routing-gitops command line in the workflows parses with the CLI', () => {
  const calls = workflowInvocations(path.resolve(import.meta.dirname, '../../.github/workflows'));

  it('finds the commands the workflows run', () => {
    const commands = new Set(calls.map((c) => c.args[0]));
    expect([...commands].sort()).toEqual(['apply', 'plan', 'validate']);
    expect(calls.length).toBeGreaterThanOrEqual(6);
  });

  it.each(calls.map((c) => [c.where, c.args.join(' '), c.args] as const))(
    '%s: routing-gitops %s',
    (_w, _l, args) => {
      expect(problemWith(args)).toBeUndefined();
    },
  );

  it.each([
    ['apply --dry-run --comment-pr', /argument missing/],
    ['apply --dry-rn', /unknown --dry-rn/],
    ['plan --no-pr --decline-day 3', /unknown --decline-day/],
    ['validat --offline', /no command "validat"/],
    ['validate extra', /unexpected extra/],
  ])('the checker rejects `%s`', (line, why) => {
    expect(problemWith(line.split(' '))).toMatch(why);
  });

  it('reads bash arrays, conditions and redirects as the shell would run them', () => {
    const script = [
      'args=(apply)',
      'args+=(--report report.csv --json) # a comment --nope',
      'if [ "$X" = "true" ]; then args+=(--ignore-window); fi',
      'routing-gitops "${args[@]}" > apply.json',
      'routing-gitops validate --comment-pr "$PR_NUMBER" | tee x',
    ].join('\n');
    expect(invocationsIn(script, 'x').map((c) => c.args)).toEqual([
      ['apply', '--report', 'report.csv', '--json', '--ignore-window'],
      ['validate', '--comment-pr', '$PR_NUMBER'],
    ]);
  });
});
