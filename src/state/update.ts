/**
 * Updaters (old text → new text, pure): the file gets exactly the given content, with the fewest changed bytes.
 * Comments, key order, quoting and the flow or block style people chose are kept; changing one proficiency
 * changes one line; new users, queues and skills are appended in code-point order; removed ones disappear with
 * their lines. Same input, same bytes. Files whose shape we do not edit in place are rendered afresh, keeping
 * their leading comments (and every user's languages).
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Node, Pair } from 'yaml';
import {
  fileHeader,
  numberMapLines,
  profileEntryLines,
  queueEntryLines,
  renderProfilesFile,
  renderWeightsFile,
} from './render.js';
import {
  applyEdits,
  editMap,
  emptyBlockValue,
  eolOf,
  keyIndent,
  replaceScalar,
  UnsupportedShape,
} from './text-edit.js';
import type { Addition, Edit } from './text-edit.js';
import { byKey, flowMap, sortedEntries, yamlNumber, yamlString } from './yaml-text.js';

type NumberMap = Readonly<Record<string, number>>;
type NumberMaps = Readonly<Record<string, NumberMap>>;
type AnyPair = Pair<Node, Node | null>;

interface FileSpec {
  kind: 'RoutingProfiles' | 'RuleWeights';
  rootKey: string;
  normalise: (key: string) => string;
  /** keys from an entry's value down to its number map */
  inner: readonly string[];
  /** an optional second number map in an entry (a user's `languages`), changed only for the entries named */
  side?: string;
  entryLines: (key: string, map: NumberMap, indent: number, step: number, side?: NumberMap) => string[];
  entryFlow: (key: string, map: NumberMap, side?: NumberMap) => string;
  render: (next: NumberMaps, side: NumberMaps) => string;
}

const PROFILES: FileSpec = {
  kind: 'RoutingProfiles',
  rootKey: 'profiles',
  normalise: (email) => email.toLowerCase(),
  inner: ['skills'],
  side: 'languages',
  entryLines: profileEntryLines,
  entryFlow: (email, skills, languages) =>
    `${yamlString(email)}: { skills: ${flowMap(sortedEntries(skills))}${
      languages ? `, languages: ${flowMap(sortedEntries(languages))}` : ''
    } }`,
  render: (next, languages) => renderProfilesFile(next, { languages }),
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

/**
 * The profiles file with exactly these users (email → skill → proficiency). `languages` (email → language →
 * proficiency) sets the named users' whole language maps in the same pass: a named user's `languages` becomes
 * exactly that map (the key is added, in the entry's style, when the entry has none); users not named keep
 * theirs byte for byte; named users the file will not hold (removed, or not in `newProfiles`) are ignored.
 */
export function updateProfilesFile(
  oldText: string,
  newProfiles: NumberMaps,
  languages: NumberMaps = {},
): string {
  return updateFile(oldText, newProfiles, PROFILES, languages);
}

/** The rule-weights file with exactly these queues (queue → skill → weight). */
export function updateWeightsFile(oldText: string, weights: NumberMaps): string {
  return updateFile(oldText, weights, WEIGHTS);
}

function updateFile(oldText: string, next: NumberMaps, spec: FileSpec, side: NumberMaps = {}): string {
  const normalised = new Map<string, NumberMap>();
  for (const [key, map] of Object.entries(next)) normalised.set(spec.normalise(key), map);
  const sides = new Map<string, NumberMap>();
  for (const [key, map] of Object.entries(side)) sides.set(spec.normalise(key), map);
  try {
    return updateInPlace(oldText, normalised, sides, spec);
  } catch (error) {
    if (!(error instanceof UnsupportedShape)) throw error;
    // the side maps the file already holds are kept for the users not named (a render writes only what it is given)
    const keptSides = new Map([...sideMapsIn(oldText, spec), ...sides]);
    return renderKeepingHeader(oldText, Object.fromEntries(normalised), Object.fromEntries(keptSides), spec);
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
  original: string,
  next: Map<string, NumberMap>,
  sides: Map<string, NumberMap>,
  spec: FileSpec,
): string {
  // a file without a final line break is edited as if it had one (several insertions at its end would each add
  // their own, leaving a blank line inside the entry); it gains the line break only when something changes
  const text = original === '' || original.endsWith('\n') ? original : original + eolOf(original);
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new UnsupportedShape('not a clean YAML map');
  const rootPair = childPair(doc.contents, spec.rootKey);
  const root = rootPair.value;
  if (!isMap(root)) throw new UnsupportedShape('root is not a map');
  if (root.flow && root.items.length === 0) {
    if (next.size === 0) return original; // `profiles: {}` stays as it is
    throw new UnsupportedShape('empty root map');
  }
  const entries = root.items as AnyPair[];
  const existing = new Map<string, AnyPair>();
  for (const pair of entries) {
    const key = spec.normalise(keyOf(pair));
    if (existing.has(key)) throw new UnsupportedShape('duplicate entry');
    existing.set(key, pair);
  }
  const step = detectStep(text, entries);
  // edits at one offset are applied in the order pushed: an entry's own insertions come before the users
  // appended after it
  const edits: Edit[] = [];
  for (const [key, pair] of existing) {
    const map = next.get(key);
    if (!map) continue;
    edits.push(...updateNumbers(text, pair, spec.inner, map));
    const side = sides.get(key);
    if (side && spec.side !== undefined) edits.push(...setSideMap(text, pair, spec.side, side, step));
  }
  const added: Addition[] = [...next.keys()]
    .filter((key) => !existing.has(key))
    .sort(byKey)
    .map((key) => {
      const map = next.get(key) ?? {};
      const side = spec.side === undefined ? undefined : sides.get(key);
      return {
        flow: spec.entryFlow(key, map, side),
        block: (indent) => spec.entryLines(key, map, indent, step, side),
      };
    });
  const removed = new Set(entries.filter((pair) => !next.has(spec.normalise(keyOf(pair)))));
  const rootEdit = editMap(text, root, removed, added);
  edits.push(...(rootEdit.emptied ? [emptyBlockValue(text, rootPair)] : rootEdit.edits));
  const out = applyEdits(text, edits);
  return out === text ? original : out;
}

/** Edits inside one entry: its number map (a user's skills, a queue's weights) becomes `next`. */
function updateNumbers(text: string, entry: AnyPair, inner: readonly string[], next: NumberMap): Edit[] {
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

/**
 * Edits inside one entry: its `key` map (a user's languages) becomes `next`; an entry without one gains the key
 * after its last pair, as a flow map in a flow entry, as the renderer writes it in a block entry.
 */
function setSideMap(text: string, entry: AnyPair, key: string, next: NumberMap, step: number): Edit[] {
  const value = entry.value;
  if (!isMap(value)) throw new UnsupportedShape('expected a map');
  const has = (value.items as AnyPair[]).some((p) => isScalar(p.key) && String(p.key.value) === key);
  if (has) return updateNumbers(text, entry, [key], next);
  const addition: Addition = {
    flow: `${key}: ${flowMap(sortedEntries(next))}`,
    block: (indent) => numberMapLines(key, next, indent, step),
  };
  return editMap(text, value, new Set(), [addition]).edits;
}

/** The side maps (users' languages) a file holds, by normalised entry key; none when it does not parse. */
function sideMapsIn(text: string, spec: FileSpec): Map<string, NumberMap> {
  const out = new Map<string, NumberMap>();
  if (spec.side === undefined) return out;
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0) return out;
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    const root = isRecord(data) ? data[spec.rootKey] : undefined;
    if (!isRecord(root)) return out;
    for (const [key, entry] of Object.entries(root)) {
      const side = isRecord(entry) ? entry[spec.side] : undefined;
      if (isRecord(side) && Object.values(side).every((v) => typeof v === 'number' && Number.isFinite(v)))
        out.set(spec.normalise(key), side as NumberMap);
    }
  } catch {
    // a file yaml cannot even turn into data holds nothing we could keep
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
function renderKeepingHeader(oldText: string, next: NumberMaps, side: NumberMaps, spec: FileSpec): string {
  const rendered = spec.render(next, side);
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
