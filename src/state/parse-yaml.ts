/**
 * YAML → document with positions, refusing what has no place in hand-edited config: several documents in one
 * file, duplicate keys, tags (`!!js/function`, any `!tag`), aliases (no alias bombs), non-string keys and deep
 * nesting. Values are only converted to JS when the document is clean.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node, Pair, ParsedNode, YAMLError, YAMLMap } from 'yaml';
import type { SourceProblem } from '../errors.js';
import { findDeepNesting } from './nesting.js';

const MAX_DEPTH = 16;

export interface ParsedYaml {
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  /** the document as plain JS; undefined when empty or when there are errors */
  value: unknown;
  errors: SourceProblem[];
  warnings: SourceProblem[];
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const out: ParsedYaml = { doc: undefined, lineCounter, value: undefined, errors: [], warnings: [] };
  const at = (offset: number, message: string): SourceProblem => ({
    file,
    ...lineCounter.linePos(offset),
    message,
  });
  const deep = findDeepNesting(text, MAX_DEPTH);
  if (deep) {
    out.errors.push({ file, ...deep, message: tooDeep() });
    return out;
  }
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (error) {
    out.errors.push(at(0, `cannot parse: ${error instanceof Error ? error.message : String(error)}`));
    return out;
  }
  const doc = docs[0];
  const syntax = syntaxCauses(text, doc?.errors ?? [], lineCounter);
  const syntaxErrors = syntax.map((e) => at(e.offset, `YAML syntax error: ${e.message}`));
  if (!doc || doc.contents === null) {
    out.errors.push(...syntaxErrors);
    if (out.errors.length === 0) out.warnings.push({ ...at(0, 'empty file; ignored'), severity: 'warning' });
    return out;
  }
  out.doc = doc;
  const second = docs[1];
  if (second) {
    out.errors.push(at(second.range[0], `expected one YAML document per file, found ${docs.length}`));
  }
  out.errors.push(...syntaxErrors);
  const nodeProblems = checkNodes(doc.contents);
  out.errors.push(...nodeProblems.map(([offset, message]) => at(offset, message)));
  // duplicate keys and extra documents are reported, and the rest of the file is still checked: only what makes
  // the value unsafe or unknown (syntax errors, aliases, tags, odd keys, depth) stops here
  if (syntaxErrors.length > 0 || nodeProblems.some(([, , fatal]) => fatal)) return out;
  try {
    out.value = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    out.errors.push(at(0, `cannot read: ${error instanceof Error ? error.message : String(error)}`));
  }
  return out;
}

/** Most syntax errors reported per file; past that, the file is likely not YAML at all. */
const MAX_SYNTAX_CAUSES = 50;

/**
 * One error per cause: a single tab or mis-indented line makes the parser report every later line of the map.
 * The earliest error is kept, its line is blanked (same offsets), and the text is parsed again; only errors on
 * later lines that survive the repair are causes of their own.
 */
function syntaxCauses(
  text: string,
  first: readonly YAMLError[],
  lineCounter: LineCounter,
): { offset: number; message: string }[] {
  const causes: { offset: number; message: string }[] = [];
  let errors = first;
  let current = text;
  let after = 0;
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  while (causes.length < MAX_SYNTAX_CAUSES) {
    const next = errors.filter((e) => lineOf(e.pos[0]) > after).sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (!next) return causes;
    causes.push({ offset: next.pos[0], message: syntaxMessage(next) });
    after = lineOf(next.pos[0]);
    const start = lineCounter.lineStarts[after - 1] ?? 0;
    const end = current.indexOf('\n', start) < 0 ? current.length : current.indexOf('\n', start);
    current = current.slice(0, start) + ' '.repeat(end - start) + current.slice(end);
    errors =
      parseAllDocuments(current, { uniqueKeys: false, prettyErrors: false, strict: true })[0]?.errors ?? [];
  }
  return causes;
}

function syntaxMessage(error: YAMLError): string {
  if (error.code === 'TAB_AS_INDENT') return 'tab in indentation; indent with spaces';
  if (error.code === 'BAD_INDENT' && /same column/.test(error.message))
    return `${error.message}: this line is indented differently from the keys above it`;
  return error.message;
}

function tooDeep(): string {
  return `nested more than ${MAX_DEPTH} levels deep; desired state needs 4 at most (look for unclosed brackets)`;
}

/**
 * Walks the tree without recursion; returns [offset, message] for every node we refuse. Duplicate keys are found
 * here with a set per map (yaml's own `uniqueKeys` check is quadratic: 10,000 users in one file took seconds).
 * Keys that become the same JS key (`1` and `"1"`) count as duplicates.
 */
function checkNodes(root: ParsedNode): [number, string, boolean][] {
  const problems: [number, string, boolean][] = [];
  const stack: { node: Node; depth: number }[] = [{ node: root, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, depth } = item;
    const offset = node.range?.[0] ?? 0;
    if (isAlias(node)) {
      problems.push([
        offset,
        `aliases (*${node.source}) are not allowed in desired state; write the value out`,
        true,
      ]);
      continue;
    }
    if (node.tag) {
      const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      problems.push([offset, `tags (${tag}) are not allowed in desired state; write a plain value`, true]);
      continue;
    }
    if (!isCollection(node)) continue;
    if (depth >= MAX_DEPTH) {
      problems.push([offset, tooDeep(), true]);
      continue;
    }
    const seen = new Set<string>();
    for (const child of node.items as unknown[]) {
      if (isPair(child)) {
        const pair = child as Pair<Node | null, Node | null>;
        const keyProblem = checkKey(pair.key, offset);
        if (keyProblem) problems.push([...keyProblem, true]);
        else if (pair.key) stack.push({ node: pair.key, depth: depth + 1 });
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (seen.has(key))
            problems.push([
              pair.key.range?.[0] ?? offset,
              `duplicate key ${JSON.stringify(key)}; each key may appear once in a map`,
              false,
            ]);
          seen.add(key);
        }
        if (pair.value) stack.push({ node: pair.value, depth: depth + 1 });
      } else if (child && typeof child === 'object') {
        stack.push({ node: child as Node, depth: depth + 1 });
      }
    }
  }
  return problems.sort((a, b) => a[0] - b[0]);
}

function checkKey(key: Node | null, fallback: number): [number, string] | undefined {
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return undefined;
  if (isAlias(key) || (key && key.tag)) return undefined; // reported by the node walk
  const offset = key?.range?.[0] ?? fallback;
  return [offset, 'keys must be plain strings'];
}

/** Splits a JSON pointer (`/profiles/a@b.c/skills`) into keys. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export interface Located {
  /** the value node at the path (undefined when absent) */
  node: Node | undefined;
  /** the pair whose value it is, when it sits in a map */
  pair: Pair<Node, Node | null> | undefined;
  /** offset of the deepest node found on the way */
  offset: number;
}

const keyIndexes = new WeakMap<object, Map<string, Pair<Node, Node | null>>>();

/** The pair with that key (first one wins), through a per-map index built once. */
function pairFor(map: YAMLMap<unknown, unknown>, key: string): Pair<Node, Node | null> | undefined {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const k = String((pair.key as { value?: unknown } | null)?.value);
      if (isScalar(pair.key) && !index.has(k)) index.set(k, pair as Pair<Node, Node | null>);
    }
    keyIndexes.set(map, index);
  }
  return index.get(key);
}

/** Finds the node at a path of keys; stops at the deepest existing node. */
export function locate(doc: Document.Parsed, segments: readonly string[]): Located {
  let node: Node | undefined = doc.contents ?? undefined;
  let pair: Pair<Node, Node | null> | undefined;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of segments) {
    if (!isCollection(node)) return { node: undefined, pair: undefined, offset };
    const next: unknown = isMap(node) ? pairFor(node, segment) : node.items[Number(segment)];
    if (isPair(next)) {
      pair = next as Pair<Node, Node | null>;
      offset = pair.key.range?.[0] ?? offset;
      node = pair.value ?? undefined;
    } else if (next && typeof next === 'object') {
      pair = undefined;
      node = next as Node;
      offset = node.range?.[0] ?? offset;
    } else {
      return { node: undefined, pair: undefined, offset };
    }
  }
  return { node, pair, offset };
}

/** Start of a value for messages: the value itself, or its key when the value is empty. */
export function valueOffset(found: Located): number {
  const { node, pair } = found;
  if (node && !(isScalar(node) && node.value === null && !node.source))
    return node.range?.[0] ?? found.offset;
  return pair?.key.range?.[0] ?? found.offset;
}
