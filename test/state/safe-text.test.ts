import { describe, expect, it } from 'vitest';
import { inert, inertLines, inertMessage } from '../../src/safe-text.js';

describe('inert: external text cannot drive a terminal or a workflow log', () => {
  it.each([
    ['plain text is kept', 'Skill "Billing" not found', 'Skill "Billing" not found'],
    ['ANSI colours vanish', '\u001b[31mred\u001b[0m text', 'red text'],
    ['cursor moves and screen clears vanish', 'a\u001b[2J\u001b[1;1Hb', 'ab'],
    ['OSC window title and hyperlink vanish', '\u001b]0;owned\u0007x\u001b]8;;http://e.vil\u001b\\y', 'xy'],
    ['8-bit CSI (C1) vanishes', 'a\u009b31mb', 'ab'],
    ['line breaks become spaces', 'one\ntwo\r\nthree', 'one two  three'],
    [
      'an injected workflow command after a break is not at a line start',
      'x\n::error::pwned',
      'x ::error::pwned',
    ],
    ['a leading workflow command is broken up', '::add-mask::secret', ': :add-mask::secret'],
    ['… also after spaces', '  ::stop-commands::t', '  : :stop-commands::t'],
    ['the old ##[ form is broken up anywhere', 'a ##[error]b', 'a ## [error]b'],
    ['bidi overrides become spaces', 'abc\u202edcba', 'abc dcba'],
    ['a lone ESC and DEL become spaces', 'a\u001b\u007fb', 'a  b'],
    [
      'IPv6 addresses inside a line are left alone',
      'connect ECONNREFUSED ::1:443',
      'connect ECONNREFUSED ::1:443',
    ],
  ])('%s', (_name, input, output) => {
    expect(inert(input)).toBe(output);
  });

  it('inertLines keeps the breaks between lines and cleans each', () => {
    expect(inertLines('a.yaml:1:1: x\n::warning::y\r\n\u001b[1mz')).toBe('a.yaml:1:1: x\n: :warning::y\nz');
  });

  it('inertMessage takes errors and anything else', () => {
    expect(inertMessage(new Error('\u001b[31mboom'))).toBe('boom');
    expect(inertMessage(42)).toBe('42');
  });
});
