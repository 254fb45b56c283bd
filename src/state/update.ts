/**
 * Updaters (old text → new text, pure): the file gets exactly the given content, with the fewest changed bytes.
 * Comments, key order, quoting and the flow or block style people chose are kept; changing one proficiency
 * changes one line; new users, queues and skills are appended in code-point order; removed ones disappear with
 * their lines. Same input, same bytes. Files whose shape we do not edit in place are rendered afresh, keeping
 * their leading comments.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Node, Pair } from 'yaml';
import {
  fileHeader,
  profileEntryLines,
  queueEntryLines,
  renderProfilesFile,
  renderWeightsFile,
} from './render.js';
import {
  applyEdits,
  editMap,
  emptyBlockValue,
  keyIndent,
  replaceScalar,
  UnsupportedShape,
} from './text-edit.js';
import type { Addition, Edit } from './text-edit.js';
import { byKey, flowMap, sortedEntries, yamlNumber, yamlString } from './yaml-text.js';

type NumberMaps = Readonly<Record<string, Readonly<Record<string, number>>>>;
type AnyPair = Pair<Node, Node | null>;

interface FileSpec {
  kind: 'RoutingProfiles' | 'RuleWeights';
  rootKey: string;
  normalise: (key: string) => string;
  /** keys from an entry's value down to its number map */
  inner: readonly string[];
  entryLines: (key: string, map: Readonly<Record<string, number>>, indent: number, step: number) => string[];
  entryFlow: (key: string, map: Readonly<Record<string, number>>) => string;
  render: (next: NumberMaps) => string;
}

const PROFILES: FileSpec = {
  kind: 'RoutingProfiles',
  rootKey: 'profiles',
  normalise: (email) => email.toLowerCase(),
  inner: ['skills'],
  entryLines: profileEntryLines,
  entryFlow: (email, skills) => `${yamlString(email)}: { skills: ${flowMap(sortedEntries(skills))} }`,
  render: (next) => renderProfilesFile(next),
};

const WEIGHTS: FileSpec = {
  kind: 'RuleWeights',
  rootKey: 'queues',
  normalise: (queue) => queue,
  inner: [],
  entryLines: queueEntryLines,
  entryFlow: (queue, skills) => `${yamlString(queue)}: ${flowMap(sortedEntries(skills))}`,
  render: (next) => renderWeightsFile(next),
};

/** The profiles file with exactly these users (email → skill → proficiency). */
export function updateProfilesFile(oldText: string, newProfiles: NumberMaps): string {
  return updateFile(oldText, newProfiles, PROFILES);
}

/** The rule-weights file with exactly these queues (queue → skill → weight). */
export function updateWeightsFile(oldText: string, weights: NumberMaps): string {
  return updateFile(oldText, weights, WEIGHTS);
}

function updateFile(oldText: string, next: NumberMaps, spec: FileSpec): string {
  const normalised = new Map<string, Readonly<Record<string, number>>>();
  for (const [key, map] of Object.entries(next)) normalised.set(spec.normalise(key), map);
  try {
    return updateInPlace(oldText, normalised, spec);
  } catch (error) {
    if (!(error instanceof UnsupportedShape)) throw error;
    return renderKeepingHeader(oldText, Object.fromEntries(normalised), spec);
  }
}

function keyOf(pair: AnyPair): string {
  if (!isScalar(pair.key)) throw new UnsupportedShape('non-scalar key');
  return String(pair.key.value);
}

function childPair(node: Node | null, key: string): AnyPair {
  if (!isMap(node)) throw new UnsupportedShape('expected a map');
  const pair = (node.items as AnyPair[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (!pair) throw new UnsupportedShape(`missing ${key}`);
  return pair;
}

function updateInPlace(
  text: string,
  next: Map<string, Readonly<Record<string, number>>>,
  spec: FileSpec,
): string {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new UnsupportedShape('not a clean YAML map');
  const rootPair = childPair(doc.contents, spec.rootKey);
  const root = rootPair.value;
  if (!isMap(root) || (root.flow && root.items.length === 0)) throw new UnsupportedShape('empty root map');
  const entries = root.items as AnyPair[];
  const existing = new Map<string, AnyPair>();
  for (const pair of entries) {
    const key = spec.normalise(keyOf(pair));
    if (existing.has(key)) throw new UnsupportedShape('duplicate entry');
    existing.set(key, pair);
  }
  const edits: Edit[] = [];
  for (const [key, pair] of existing) {
    const map = next.get(key);
    if (map) edits.push(...updateNumbers(text, pair, spec.inner, map));
  }
  const step = detectStep(text, entries);
  const added: Addition[] = [...next.keys()]
    .filter((key) => !existing.has(key))
    .sort(byKey)
    .map((key) => {
      const map = next.get(key) ?? {};
      return { flow: spec.entryFlow(key, map), block: (indent) => spec.entryLines(key, map, indent, step) };
    });
  const removed = new Set(entries.filter((pair) => !next.has(spec.normalise(keyOf(pair)))));
  const rootEdit = editMap(text, root, removed, added);
  edits.push(...(rootEdit.emptied ? [emptyBlockValue(text, rootPair)] : rootEdit.edits));
  return applyEdits(text, edits);
}

/** Edits inside one entry: its number map (a user's skills, a queue's weights) becomes `next`. */
function updateNumbers(
  text: string,
  entry: AnyPair,
  inner: readonly string[],
  next: Readonly<Record<string, number>>,
): Edit[] {
  let holder = entry;
  for (const key of inner) holder = childPair(holder.value, key);
  const map = holder.value;
  if (!isMap(map)) throw new UnsupportedShape('expected a map of numbers');
  const pairs = map.items as AnyPair[];
  const edits: Edit[] = [];
  const seen = new Set<string>();
  const removed = new Set<AnyPair>();
  for (const pair of pairs) {
    const name = keyOf(pair);
    seen.add(name);
    const want = Object.hasOwn(next, name) ? next[name] : undefined;
    if (want === undefined) removed.add(pair);
    else if (!isScalar(pair.value) || pair.value.value !== want)
      edits.push(replaceScalar(pair.value, yamlNumber(want)));
  }
  const added: Addition[] = sortedEntries(next)
    .filter(([name]) => !seen.has(name))
    .map(([name, value]) => {
      const line = `${yamlString(name)}: ${yamlNumber(value)}`;
      return { flow: line, block: (indent) => [`${' '.repeat(indent)}${line}`] };
    });
  if (removed.size === 0 && added.length === 0) return edits;
  const result = editMap(text, map, removed, added);
  return result.emptied ? [emptyBlockValue(text, holder)] : [...edits, ...result.edits];
}

/** Indentation step of the file's entries (2 unless the file says otherwise). */
function detectStep(text: string, entries: readonly AnyPair[]): number {
  for (const entry of entries) {
    try {
      const value = entry.value;
      if (!isMap(value) || value.flow) continue;
      const first = value.items[0] as AnyPair | undefined;
      if (!first) continue;
      const step = keyIndent(text, first) - keyIndent(text, entry);
      if (step > 0) return step;
    } catch (error) {
      if (!(error instanceof UnsupportedShape)) throw error;
    }
  }
  return 2;
}

/** Leading comment lines (minus the editor's schema line, which the render writes) + a fresh body. */
function renderKeepingHeader(oldText: string, next: NumberMaps, spec: FileSpec): string {
  const rendered = spec.render(next);
  const header: string[] = [];
  for (const line of oldText.split(/\r?\n/)) {
    if (!/^\s*(#|$)/.test(line)) break;
    header.push(line);
  }
  while (header.length > 0 && header.at(-1)?.trim() === '') header.pop();
  if (header.length === 0) return rendered;
  const schemaLine = fileHeader(spec.kind)[0] ?? '';
  const body = rendered.split('\n').filter((l) => l !== schemaLine);
  const hasSchema = header.some((l) => l.includes('yaml-language-server:'));
  return [...(hasSchema ? [] : [schemaLine]), ...header, ...body].join('\n');
}
