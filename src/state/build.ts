/**
 * The pure half of loading: file texts → DesiredState. Pipeline per file: where it sits decides its kind →
 * YAML with positions → JSON Schema → extract; then rules across files (a user once, a queue once) and settings.
 * Every problem is reported, not the first.
 */
import path from 'node:path';
import type { SourceProblem } from '../errors.js';
import type { DesiredProfile, DesiredState, Settings, SourceRef } from './model.js';
import { weightKey } from './model.js';
import { extractProfiles, extractQueues, positionsByPointer } from './extract.js';
import type { NumberMapEntry } from './extract.js';
import { defaultSettings } from './defaults.js';
import { setOwn } from './own.js';
import { parseYaml } from './parse-yaml.js';
import type { ParsedYaml } from './parse-yaml.js';
import type { SourceFile } from './read-files.js';
import { EMAIL_PATTERN, NAME_PATTERN } from './schema.js';
import type { Kind, SettingsData } from './schema.js';
import { checkSettings, settingsFromData } from './settings.js';
import { validateSchema } from './validate-schema.js';

export interface LoadResult {
  value?: DesiredState;
  /**
   * When there are errors: what could still be read (users, skills and queues whose names are well formed, from
   * every file that parses), so that the checks against the org run in the same pass. Never applied.
   */
  partial?: DesiredState;
  errors: SourceProblem[];
  warnings: SourceProblem[];
}

export interface BuildOptions {
  /** the desired-state dir (absolute) */
  dir: string;
  /** the dir as shown in messages */
  displayDir: string;
}

export const EXPECTED_LAYOUT =
  'desired state is routing-profiles/*.yaml, rule-weights.yaml and settings.yaml';

/** Which kind a file holds follows from where it is. */
export function kindFor(rel: string): Kind | undefined {
  if (rel.startsWith('routing-profiles/')) return 'RoutingProfiles';
  if (/^rule-weights\.ya?ml$/i.test(rel) || rel.startsWith('rule-weights/')) return 'RuleWeights';
  if (/^settings\.ya?ml$/i.test(rel)) return 'Settings';
  return undefined;
}

export function displayPath(displayDir: string, rel: string): string {
  if (!rel) return displayDir;
  return displayDir === '' || displayDir === '.' ? rel : path.posix.join(displayDir, rel);
}

interface Clean extends ParsedYaml {
  rel: string;
  kind: Kind;
  doc: NonNullable<ParsedYaml['doc']>;
}

export function buildDesiredState(files: readonly SourceFile[], options: BuildOptions): LoadResult {
  const errors: SourceProblem[] = [];
  const warnings: SourceProblem[] = [];
  const show = (rel: string) => displayPath(options.displayDir, rel);
  const problemAt = (ref: SourceRef, message: string): SourceProblem => ({
    ...ref,
    file: show(ref.file),
    message,
  });
  const clean: Clean[] = [];
  const readable: Clean[] = [];
  for (const file of [...files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
    const kind = kindFor(file.rel);
    if (!kind) {
      errors.push({ file: show(file.rel), line: 1, col: 1, message: `unexpected file: ${EXPECTED_LAYOUT}` });
      continue;
    }
    const parsed = parseYaml(file.text, show(file.rel));
    errors.push(...parsed.errors);
    warnings.push(...parsed.warnings);
    if (!parsed.doc || parsed.value === undefined) continue;
    const schemaErrors = validateSchema({
      kind,
      value: parsed.value,
      doc: parsed.doc,
      lineCounter: parsed.lineCounter,
      file: show(file.rel),
    });
    errors.push(...schemaErrors);
    const usable = { ...parsed, doc: parsed.doc, rel: file.rel, kind };
    readable.push(usable);
    if (schemaErrors.length === 0 && parsed.errors.length === 0) clean.push(usable);
  }

  const settingsFiles = clean.filter((f) => f.kind === 'Settings');
  const settingsFile = settingsFiles[0];
  for (const extra of settingsFiles.slice(1)) {
    errors.push({
      file: show(extra.rel),
      line: 1,
      col: 1,
      message: `settings are already in ${show(settingsFile?.rel ?? '')}; keep one settings file`,
    });
  }
  const settings = settingsFromData(settingsFile?.value as SettingsData | undefined);
  const settingsSources = settingsFile
    ? positionsByPointer(settingsFile.doc, settingsFile.lineCounter, settingsFile.rel)
    : {};
  const profileFiles = new Set(files.map((f) => f.rel).filter((rel) => kindFor(rel) === 'RoutingProfiles'));
  for (const issue of checkSettings(settings, profileFiles)) {
    const ref = settingsSources[issue.pointer] ?? {
      file: settingsFile?.rel ?? 'settings.yaml',
      line: 1,
      col: 1,
    };
    (issue.severity === 'error' ? errors : warnings).push({
      ...problemAt(ref, issue.message),
      severity: issue.severity,
    });
  }

  const where = (ref: SourceRef) => `${show(ref.file)}:${ref.line}:${ref.col}`;
  const report: Report = (ref, message) => errors.push(problemAt(ref, message(where)));
  const profiles = collectProfiles(clean, settings, report);
  const weights = collectWeights(clean, report);
  const listed = new Set(profiles.map((p) => p.email));
  for (const email of Object.keys(settings.ownership.users)) {
    if (listed.has(email) || !settingsFile) continue;
    const ref = settingsSources[`/ownership/users/${email.replaceAll('~', '~0').replaceAll('/', '~1')}`];
    const message = `ownership.users names ${email}, who is not in any routing-profiles file`;
    warnings.push({
      ...problemAt(ref ?? { file: settingsFile.rel, line: 1, col: 1 }, message),
      severity: 'warning',
    });
  }
  const result: LoadResult = {
    errors: sortProblems(errors),
    warnings: sortProblems(warnings.map((w) => ({ ...w, severity: 'warning' as const }))),
  };
  if (result.errors.length > 0) {
    result.partial = partialState(readable, settingsFile ? settings : defaultSettings(), options);
    return result;
  }
  result.value = {
    dir: options.dir,
    displayDir: options.displayDir,
    profiles,
    weights: weights.weights,
    weightsSource: weights.weightsSource,
    weightSources: weights.weightSources,
    settings,
    settingsSources,
  };
  return result;
}

/** The names a file holds, where they are well formed, for the reference checks of a state with errors. */
function partialState(files: readonly Clean[], settings: Settings, options: BuildOptions): DesiredState {
  const email = new RegExp(EMAIL_PATTERN);
  const name = new RegExp(NAME_PATTERN);
  const named = (entry: NumberMapEntry): NumberMapEntry => {
    const keep = Object.keys(entry.value).filter((k) => name.test(k));
    const pick = <T>(r: Record<string, T>) => {
      const out: Record<string, T> = {};
      for (const k of keep) if (Object.hasOwn(r, k)) setOwn(out, k, r[k] as T);
      return out;
    };
    return { ...entry, value: pick(entry.value), sources: pick(entry.sources) };
  };
  const profiles: DesiredProfile[] = [];
  const weights: Record<string, Record<string, number>> = {};
  const weightsSource: Record<string, SourceRef> = {};
  const weightSources: Record<string, SourceRef> = {};
  const seenEmails = new Set<string>();
  for (const file of files) {
    if (file.kind === 'RoutingProfiles') {
      for (const entry of extractProfiles(file.doc, file.lineCounter, file.rel).map(named)) {
        const key = entry.key.toLowerCase();
        if (!email.test(entry.key) || seenEmails.has(key)) continue;
        seenEmails.add(key);
        profiles.push({
          email: key,
          skills: entry.value,
          ownership: settings.ownership.default,
          source: entry.source,
          skillSources: entry.sources,
        });
      }
    } else if (file.kind === 'RuleWeights') {
      for (const entry of extractQueues(file.doc, file.lineCounter, file.rel).map(named)) {
        if (!name.test(entry.key) || Object.hasOwn(weights, entry.key)) continue;
        setOwn(weights, entry.key, entry.value);
        setOwn(weightsSource, entry.key, entry.source);
        for (const [skill, ref] of Object.entries(entry.sources))
          weightSources[weightKey(entry.key, skill)] = ref;
      }
    }
  }
  const settingsFile = files.find((f) => f.kind === 'Settings');
  return {
    dir: options.dir,
    displayDir: options.displayDir,
    profiles,
    weights,
    weightsSource,
    weightSources,
    settings,
    settingsSources: settingsFile
      ? positionsByPointer(settingsFile.doc, settingsFile.lineCounter, settingsFile.rel)
      : {},
  };
}

type Report = (ref: SourceRef, message: (where: (ref: SourceRef) => string) => string) => void;

function collectProfiles(files: readonly Clean[], settings: Settings, report: Report): DesiredProfile[] {
  const seen = new Map<string, SourceRef>();
  const out: DesiredProfile[] = [];
  for (const file of files) {
    if (file.kind !== 'RoutingProfiles') continue;
    for (const entry of extractProfiles(file.doc, file.lineCounter, file.rel)) {
      const email = entry.key.toLowerCase();
      const first = seen.get(email);
      if (first) {
        report(entry.source, (where) => `${email} is already listed at ${where(first)}; list each user once`);
        continue;
      }
      seen.set(email, entry.source);
      const ownership =
        settings.ownership.users[email] ?? settings.ownership.files[file.rel] ?? settings.ownership.default;
      out.push({
        email,
        skills: entry.value,
        ownership,
        source: entry.source,
        skillSources: entry.sources,
        ...(entry.languages
          ? { languages: entry.languages.value, languageSources: entry.languages.sources }
          : {}),
      });
    }
  }
  return out;
}

function collectWeights(files: readonly Clean[], report: Report) {
  const seen = new Map<string, { name: string; ref: SourceRef }>();
  const weights: Record<string, Record<string, number>> = {};
  const weightsSource: Record<string, SourceRef> = {};
  const weightSources: Record<string, SourceRef> = {};
  for (const file of files) {
    if (file.kind !== 'RuleWeights') continue;
    for (const entry of extractQueues(file.doc, file.lineCounter, file.rel)) {
      const first = seen.get(entry.key.toLowerCase());
      if (first) {
        const same = first.name === entry.key ? '' : ` as ${JSON.stringify(first.name)}`;
        const name = JSON.stringify(entry.key);
        report(
          entry.source,
          (where) => `queue ${name} is already listed${same} at ${where(first.ref)}; list each queue once`,
        );
        continue;
      }
      seen.set(entry.key.toLowerCase(), { name: entry.key, ref: entry.source });
      setOwn(weights, entry.key, entry.value);
      setOwn(weightsSource, entry.key, entry.source);
      for (const [skill, ref] of Object.entries(entry.sources))
        weightSources[weightKey(entry.key, skill)] = ref;
    }
  }
  return { weights, weightsSource, weightSources };
}

export function sortProblems(problems: SourceProblem[]): SourceProblem[] {
  return problems.sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line !== b.line ? a.line - b.line : a.col - b.col,
  );
}
