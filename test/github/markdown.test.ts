import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown, mermaidLabel, toSingleLine } from '../../src/github/markdown.js';

/** characters that must never reach the markdown unescaped */
const SPECIAL = new Set(['\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '!', '|', '~', '$', '^']);

/** every special character is preceded by a backslash that is not itself escaped; no raw < > or breaks */
function isInert(escaped: string): boolean {
  const out = escaped.replace(/&(amp|lt|gt|#8203);/g, '');
  if (/[<>&\r\n\u2028\u2029]/.test(out)) return false;
  for (let i = 0; i < out.length; i++) {
    const c = out[i]!;
    if (c !== '\\') {
      if (SPECIAL.has(c)) return false;
      continue;
    }
    const next = out[i + 1];
    if (next === undefined || !SPECIAL.has(next)) return false;
    i += 1; // skip the escaped character
  }
  return true;
}

describe('escapeMarkdown', () => {
  it.each([
    ['plain', 'Billing Support', 'Billing Support'],
    ['table pipe', 'Sales | EMEA', 'Sales \\| EMEA'],
    ['emphasis', '*bold* _it_ ~~del~~', '\\*bold\\* \\_it\\_ \\~\\~del\\~\\~'],
    ['link', '[click](https://evil.example)', '\\[click\\]\\(https&#8203;://evil.example\\)'],
    ['image + html', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['heading + entity', '# &lt;b&gt;', '\\# &amp;lt;b&amp;gt;'],
    ['newlines', 'a\nb\r\nc\u2028d', 'a b c d'],
    ['formula', '=HYPERLINK("http://x","y")', '=HYPERLINK\\("http&#8203;://x","y"\\)'],
    ['mention', '@octocat and me@example.com', '@&#8203;octocat and me@example.com'],
    ['issue ref', 'see #12', 'see \\#&#8203;12'],
    ['code + math', '`rm -rf` $x$', '\\`rm -rf\\` \\$x\\$'],
    ['backslash', 'C:\\queues\\', 'C:\\\\queues\\\\'],
    ['bidi override', 'abc\u202Edef', 'abcdef'],
    ['www autolink', 'www.example.com', 'www&#8203;.example.com'],
  ])('%s', (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
    expect(isInert(escapeMarkdown(input))).toBe(true);
  });

  it('caps length (before escaping) with an ellipsis', () => {
    const out = escapeMarkdown('x'.repeat(10_000), 60);
    expect(out).toBe(`${'x'.repeat(59)}…`);
    expect(toSingleLine('😀'.repeat(50), 10)).toBe(`${'😀'.repeat(9)}…`);
  });

  it('is inert and bounded for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 1, max: 200 }),
        (text, max) => {
          const out = escapeMarkdown(text, max);
          expect(isInert(out)).toBe(true);
          // each visible character grows to at most 13 (`@` + `&#8203;` after an escape)
          expect(out.length).toBeLessThanOrEqual(max * 14);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the inertness check itself rejects raw markdown', () => {
    for (const raw of ['a|b', '*x*', 'a\nb', '<b>', 'x\\', '&#60;']) expect(isInert(raw)).toBe(false);
  });
});

describe('mermaidLabel and codeSpan', () => {
  it('strip what could end a mermaid string or the code fence', () => {
    expect(mermaidLabel('Sup"port\n```\n<b>#1;')).toBe('Sup port b 1');
    expect(mermaidLabel('x'.repeat(100))).toHaveLength(40);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(mermaidLabel(text)).not.toMatch(/["'`<>#;{}[\]\\|\r\n]/);
      }),
    );
  });

  it('codeSpan keeps one code span on one line', () => {
    expect(codeSpan('desired-state/plan/a`b\n.md')).toBe("`desired-state/plan/a'b .md`");
  });
});
