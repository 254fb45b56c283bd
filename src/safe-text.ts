/**
 * Text from outside (API error messages, names from the org, journal fields, file contents) is printed only
 * through these functions, so that it stays inert on a terminal and in a GitHub Actions log:
 * - no escape sequences (ANSI CSI/OSC: colours, cursor moves, window titles, hyperlinks) and no C0/C1 controls;
 * - one line: a line break could start a new log line with a workflow command;
 * - no bidi overrides ("trojan source": text that reads differently than it is);
 * - no workflow command: the Actions runner reads `::cmd::` at the start of a line (after leading spaces) and the
 *   older `##[cmd]` anywhere in a line (actions/runner ActionCommand.TryParseV2 / TryParse), so a leading `::`
 *   and every `##[` are broken up with a space.
 * Markdown has its own escaper (src/github/markdown.ts); values inside a workflow command are also escaped with
 * escapeData (src/state/annotations.ts).
 */

const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
/** C0 and C1 controls (tab, CR and LF included), DEL, Unicode line breaks, bidi embeddings, overrides, isolates */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One inert line: controls become spaces, escape sequences vanish, workflow commands are broken up. */
export function inert(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, ' ')
    .replace(/^(\s*):(?=:)/, '$1: ')
    .replaceAll('##[', '## [');
}

/** Several lines (e.g. a list of validation errors), each made inert, joined by plain `\n` (a bare CR could overwrite a line). */
export function inertLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => inert(line))
    .join('\n');
}

/** An error's message for printing (never its stack). */
export function inertMessage(error: unknown): string {
  return inertLines(error instanceof Error ? error.message : String(error));
}
