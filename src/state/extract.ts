/**
 * Reads values with their positions straight from schema-valid YAML trees (one pass, no per-key lookups, so
 * 10,000 users stay fast).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { SourceRef } from './model.js';
import { setOwn } from './own.js';

export interface Entry<T> {
  key: string;
  value: T;
  source: SourceRef;
}

export interface NumberMapEntry extends Entry<Record<string, number>> {
  sources: Record<string, SourceRef>;
}

/** A user's entry: skills, and languages when the file lists them. */
export interface ProfileEntry extends NumberMapEntry {
  languages?: { value: Record<string, number>; sources: Record<string, SourceRef> };
}

function refAt(rel: string, lineCounter: LineCounter, node: Node | null | undefined): SourceRef {
  return { file: rel, ...lineCounter.linePos(node?.range?.[0] ?? 0) };
}

function pairsOf(node: unknown): Pair<Node, Node | null>[] {
  return isMap(node) ? (node.items as Pair<Node, Node | null>[]) : [];
}

function keyOf(pair: Pair<Node, Node | null>): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function valueOf(pair: Pair<Node, Node | null>, name: string): Node | null | undefined {
  return pairsOf(pair.value).find((p) => keyOf(p) === name)?.value;
}

function numberMap(node: unknown, rel: string, lineCounter: LineCounter) {
  const value: Record<string, number> = {};
  const sources: Record<string, SourceRef> = {};
  for (const pair of pairsOf(node)) {
    const key = keyOf(pair);
    setOwn(value, key, Number(isScalar(pair.value) ? pair.value.value : NaN));
    setOwn(sources, key, refAt(rel, lineCounter, pair.key));
  }
  return { value, sources };
}

function topLevel(doc: Document.Parsed, name: string): Node | null | undefined {
  return pairsOf(doc.contents).find((p) => keyOf(p) === name)?.value;
}

/** `profiles:` of a RoutingProfiles file: email (as written) → skills (and languages), with positions. */
export function extractProfiles(doc: Document.Parsed, lineCounter: LineCounter, rel: string): ProfileEntry[] {
  return pairsOf(topLevel(doc, 'profiles')).map((pair) => {
    const skills = numberMap(valueOf(pair, 'skills'), rel, lineCounter);
    const listsLanguages = pairsOf(pair.value).some((p) => keyOf(p) === 'languages');
    return {
      key: keyOf(pair),
      value: skills.value,
      sources: skills.sources,
      source: refAt(rel, lineCounter, pair.key),
      ...(listsLanguages ? { languages: numberMap(valueOf(pair, 'languages'), rel, lineCounter) } : {}),
    };
  });
}

/** `queues:` of a RuleWeights file: queue → skill → weight, with positions. */
export function extractQueues(doc: Document.Parsed, lineCounter: LineCounter, rel: string): NumberMapEntry[] {
  return pairsOf(topLevel(doc, 'queues')).map((pair) => {
    const weights = numberMap(pair.value, rel, lineCounter);
    return {
      key: keyOf(pair),
      value: weights.value,
      sources: weights.sources,
      source: refAt(rel, lineCounter, pair.key),
    };
  });
}

/** Every value's position by JSON pointer (for settings, which are small). */
export function positionsByPointer(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  rel: string,
): Record<string, SourceRef> {
  const out: Record<string, SourceRef> = {};
  const stack: { node: unknown; pointer: string }[] = [{ node: doc.contents, pointer: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, pointer } = item;
    if (isMap(node)) {
      for (const pair of node.items as Pair<Node, Node | null>[]) {
        const child = `${pointer}/${keyOf(pair).replaceAll('~', '~0').replaceAll('/', '~1')}`;
        const target =
          pair.value && !(isScalar(pair.value) && pair.value.source === '') ? pair.value : pair.key;
        out[child] = refAt(rel, lineCounter, target);
        stack.push({ node: pair.value, pointer: child });
      }
    } else if (isSeq(node)) {
      node.items.forEach((child, i) => {
        out[`${pointer}/${i}`] = refAt(rel, lineCounter, child as Node);
        stack.push({ node: child, pointer: `${pointer}/${i}` });
      });
    }
  }
  return out;
}
