/**
 * Text from the org or the API (user, skill and queue names, reasons) goes into GitHub markdown only through
 * these functions, so that it renders as the literal text and nothing else: no tables broken by `|`, no
 * emphasis, links, images, HTML, mentions, issue references, autolinks or math.
 */

// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g;
/** C0/C1 controls, the bidi overrides and isolates of "trojan source" and the bidi marks (LRM, RLM, ALM) */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** CommonMark punctuation that can start inline markup (a backslash makes each one literal) */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#!|~$^]/g;
/** zero-width space as an entity: renders as nothing, breaks the pattern GitHub would link */
const ZWSP = '&#8203;';

export const DEFAULT_MAX_CELL = 120;

/** one line, no control characters, at most `max` characters (an ellipsis marks the cut) */
export function toSingleLine(text: string, max: number = DEFAULT_MAX_CELL): string {
  const line = text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * Inline markdown that shows `text` literally (also safe inside a table cell): the project's one Markdown
 * escaper (PR bodies, apply summaries and comments, the what-if file).
 */
export function escapeMarkdown(text: string | number | undefined, max: number = DEFAULT_MAX_CELL): string {
  if (text === undefined) return '';
  if (typeof text === 'number') return String(text);
  return toSingleLine(text, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`) // #123 issue reference (the # is already escaped); before any entity is added
    .replace(/(^|[^\w])@(?=\w)/g, `$1@${ZWSP}`) // @mention
    .replace(/\b([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1${ZWSP}:`) // https:// autolink
    .replace(/\bwww\./gi, `www${ZWSP}.`);
}

/** text for a quoted mermaid label: no quotes, brackets, backticks (they could close the fence) or breaks */
export function mermaidLabel(text: string, max = 40): string {
  const cleaned = toSingleLine(text, Number.MAX_SAFE_INTEGER)
    .replace(/["'`<>#;{}[\]\\|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return toSingleLine(cleaned, max);
}

/** a code span for repository paths and commands; backticks and breaks cannot occur in what we put there */
export function codeSpan(text: string, max = 200): string {
  return `\`${toSingleLine(text, max).replace(/`/g, "'")}\``;
}
