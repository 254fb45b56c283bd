/**
 * Minimal text edits on YAML maps, located with the parsed tree's source ranges: change a scalar in place,
 * delete a pair (its lines in a block map, the pair and one comma in a flow map), append pairs after the last one
 * in the map's own style and indentation. Everything else in the file keeps its bytes.
 */
import { isCollection, isPair, isScalar } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The file's shape is not one we edit in place (the caller falls back to rendering). */
export class UnsupportedShape extends Error {}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new UnsupportedShape('overlapping edits');
    parts.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Index just after the end of pos's line (after its newline), or the end of the text. */
export function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}

/** Index of the end of pos's line, before `\r\n` / `\n`. */
export function lineEndBeforeBreak(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  if (nl === -1) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

type AnyPair = Pair<Node, Node | null>;

function start(node: Node | null | undefined): number {
  const s = node?.range?.[0];
  if (s === undefined) throw new UnsupportedShape('node without position');
  return s;
}

/** Where a node's own text ends (not its trailing comments). */
export function contentEnd(node: Node | null | undefined, fallback: number): number {
  if (!node?.range) return fallback;
  if (isCollection(node) && !node.flow) {
    const last: unknown = node.items.at(-1);
    if (isPair(last)) {
      const pair = last as AnyPair;
      return contentEnd(pair.value, contentEnd(pair.key, fallback));
    }
    return last ? contentEnd(last as Node, node.range[1]) : node.range[1];
  }
  return Math.max(node.range[1], fallback);
}

function pairEnd(pair: AnyPair): number {
  return contentEnd(pair.value, contentEnd(pair.key, start(pair.key)));
}

/** Columns of indentation before a block pair's key; the key must start its line. */
export function keyIndent(text: string, pair: AnyPair): number {
  const keyStart = start(pair.key);
  const from = lineStart(text, keyStart);
  if (text.slice(from, keyStart).trim() !== '') throw new UnsupportedShape('key does not start its line');
  return keyStart - from;
}

export function replaceScalar(node: Node | null, text: string): Edit {
  if (!isScalar(node) || !node.range) throw new UnsupportedShape('value is not a scalar');
  return { start: node.range[0], end: node.range[1], text };
}

export interface Addition {
  /** `Key: value` for a flow map */
  flow: string;
  /** lines (without line breaks) for a block map at that indentation */
  block: (indent: number) => string[];
}

export interface MapEdit {
  edits: Edit[];
  /** a block map that would be left with no pairs: the caller writes `{}` instead */
  emptied: boolean;
}

export function editMap(
  text: string,
  map: YAMLMap,
  remove: ReadonlySet<unknown>,
  add: readonly Addition[],
): MapEdit {
  const items = map.items as AnyPair[];
  return map.flow ? editFlowMap(text, map, items, remove, add) : editBlockMap(text, items, remove, add);
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function editBlockMap(
  text: string,
  items: AnyPair[],
  remove: ReadonlySet<unknown>,
  add: readonly Addition[],
): MapEdit {
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) throw new UnsupportedShape('empty block map');
  const indent = keyIndent(text, first);
  const edits: Edit[] = [];
  for (const pair of items) {
    if (!remove.has(pair)) continue;
    keyIndent(text, pair);
    edits.push({ start: lineStart(text, start(pair.key)), end: lineEnd(text, pairEnd(pair)), text: '' });
  }
  if (edits.length === items.length && add.length === 0) return { edits: [], emptied: true };
  if (add.length > 0) {
    const at = lineEnd(text, pairEnd(last));
    const eol = eolOf(text);
    const lead = at === text.length && !text.endsWith('\n') ? eol : '';
    edits.push({
      start: at,
      end: at,
      text:
        lead +
        add
          .flatMap((a) => a.block(indent))
          .map((l) => l + eol)
          .join(''),
    });
  }
  return { edits, emptied: false };
}

function editFlowMap(
  text: string,
  map: YAMLMap,
  items: AnyPair[],
  remove: ReadonlySet<unknown>,
  add: readonly Addition[],
): MapEdit {
  const open = map.range?.[0] ?? -1;
  const close = (map.range?.[1] ?? 0) - 1;
  if (text[open] !== '{' || text[close] !== '}') throw new UnsupportedShape('flow map without braces');
  const kept = items.filter((p) => !remove.has(p));
  if (kept.length === 0) {
    const inner = add.map((a) => a.flow).join(', ');
    return { edits: [{ start: open, end: close + 1, text: inner ? `{ ${inner} }` : '{}' }], emptied: false };
  }
  const edits: Edit[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!remove.has(items[i])) continue;
    let j = i;
    while (j + 1 < items.length && remove.has(items[j + 1])) j++;
    const next = items[j + 1];
    const previous = items[i - 1];
    const runEnd = pairEnd(items[j] as AnyPair);
    if (next) edits.push({ start: start((items[i] as AnyPair).key), end: start(next.key), text: '' });
    else if (previous) edits.push({ start: pairEnd(previous), end: runEnd, text: '' });
    i = j;
  }
  const lastKept = kept.at(-1);
  if (lastKept && add.length > 0) {
    const at = pairEnd(lastKept);
    edits.push({ start: at, end: at, text: add.map((a) => `, ${a.flow}`).join('') });
  }
  return { edits, emptied: false };
}

/** Replaces a block map value by `{}` (`skills:\n  A: 1` → `skills: {}`). */
export function emptyBlockValue(text: string, holder: AnyPair): Edit {
  const keyEnd = holder.key.range?.[1];
  if (keyEnd === undefined) throw new UnsupportedShape('key without position');
  return { start: keyEnd, end: lineEndBeforeBreak(text, pairEnd(holder)), text: ': {}' };
}
