/**
 * `diff` for people: every change with the file and line that asks for it, the users git stopped managing, the
 * removals additive ownership holds back, and counts in plain English. Pure; `renderChanges` stays apply's.
 */
import type { DriftNote } from './outcome.js';
import type { LiveUser } from '../genesys/port.js';
import type { DesiredState } from '../state/model.js';
import { weightKey } from '../state/model.js';
import { countChanges } from './diff.js';
import { itemLabel, languagesText, termSafe } from './render.js';
import type { Change } from './types.js';

const SIGN: Record<string, string> = { create: '+', update: '~', delete: '-' };

export interface IgnoredRemoval {
  email: string;
  /** skills (or languages) the org holds that git does not list, kept because the user is additive */
  kept: string[];
}

export interface DiffReport {
  changes: readonly Change[];
  drift: readonly DriftNote[];
  /** emails git named at the base ref (e.g. HEAD) and no longer names: apply leaves them as they are */
  unmanaged: readonly string[];
  ignored: readonly IgnoredRemoval[];
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Skills live users hold that additive profiles leave out: removals apply will not make. */
export function ignoredRemovals(desired: DesiredState, users: readonly LiveUser[]): IgnoredRemoval[] {
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const out: IgnoredRemoval[] = [];
  for (const p of desired.profiles) {
    if (p.ownership !== 'additive') continue;
    const live = byEmail.get(p.email);
    const kept = (live?.skills ?? []).map((s) => s.name).filter((name) => !(name in p.skills));
    if (kept.length > 0) out.push({ email: p.email, kept: kept.sort() });
  }
  return out;
}

/** `file:line` of what git says for a change, relative to the desired-state dir as the user named it */
function sourceOf(change: Change, desired: DesiredState): string {
  const dir = desired.displayDir ?? desired.dir;
  const at = (ref: { file: string; line: number } | undefined) =>
    ref ? `${dir}/${ref.file}:${ref.line}` : '';
  if (change.kind === 'weight')
    return at(desired.weightSources?.[weightKey(change.target.queue, change.target.skill)]);
  return at(desired.profiles.find((p) => p.email === change.target.email.toLowerCase())?.source);
}

function value(before: number | undefined, after: number | undefined, action: string): string {
  const f = (x: number | undefined) => (x === undefined ? '' : String(x));
  return action === 'update' ? `${f(before)} → ${f(after)}` : f(action === 'create' ? after : before);
}

export function renderDiffReport(report: DiffReport, desired: DesiredState): string {
  const lines: string[] = [];
  const { changes } = report;
  if (changes.length === 0) lines.push('No changes. The org matches git.');
  else {
    lines.push('routing-gitops will make these changes (+ add, ~ change, - remove):', '');
    const driftBy = new Map(report.drift.map((d) => [d.email, d]));
    for (const change of changes) {
      if (change.kind === 'weight') continue;
      const d = driftBy.get(change.target.email);
      const note = d
        ? `  (drift: changed in the org by ${termSafe(d.changedBy)} at ${termSafe(d.changedAt)})`
        : '';
      const mode = change.mode === 'additive' ? ' [additive]' : '';
      const where = sourceOf(change, desired);
      lines.push(
        `  ~ user ${termSafe(change.target.email)} (${termSafe(change.target.name)})${mode}${where ? `  ${termSafe(where)}` : ''}${note}`,
      );
      const profile = desired.profiles.find((p) => p.email === change.target.email.toLowerCase());
      const dir = desired.displayDir ?? desired.dir;
      for (const s of change.changes) {
        const name = s.skill;
        const line = change.kind === 'user-skills' ? profile?.skillSources?.[name] : undefined;
        const at = line ? `  ${termSafe(`${dir}/${line.file}:${line.line}`)}` : '';
        lines.push(
          `      ${SIGN[s.action] ?? '?'} ${termSafe(itemLabel(change.kind, name)).padEnd(24)}  ${value(s.before, s.after, s.action).padEnd(9)}${at}`.trimEnd(),
        );
      }
    }
    const weights = changes.filter((c) => c.kind === 'weight');
    if (weights.length > 0) lines.push('  ~ weights data table');
    for (const w of weights) {
      const where = sourceOf(w, desired);
      lines.push(
        `      ${SIGN[w.action] ?? '?'} ${termSafe(w.target.key).padEnd(24)}  ${value(w.before, w.after, w.action).padEnd(9)}${where ? `  ${termSafe(where)}` : ''}`,
      );
    }
    const c = countChanges(changes);
    const weightCount = c.weightsCreated + c.weightsUpdated + c.weightsDeleted;
    lines.push(
      '',
      `Plan: ${plural(c.users, 'user')} (${plural(c.skillsAdded, 'skill')} to add, ${c.proficiencyChanged} to change, ${c.skillsRemoved} to remove), ` +
        languagesText(c) +
        `${plural(weightCount, 'weight')} (${c.weightsCreated} to add, ${c.weightsUpdated} to change, ${c.weightsDeleted} to remove).`,
    );
    if (report.drift.length > 0) {
      lines.push(
        `Drift: ${plural(report.drift.length, 'user was', 'users were')} changed in the org outside git; apply restores git's state.`,
      );
    }
  }
  if (report.unmanaged.length > 0) {
    lines.push(
      '',
      `No longer managed: ${plural(report.unmanaged.length, 'user')} left git since the last commit; apply leaves their skills as they are:`,
      ...report.unmanaged.map((e) => `  ${termSafe(e)}`),
    );
  }
  if (report.ignored.length > 0) {
    const skills = report.ignored.reduce((n, r) => n + r.kept.length, 0);
    lines.push(
      '',
      `Kept by additive ownership: ${plural(skills, 'skill')} of ${plural(report.ignored.length, 'user')} that git does not list (apply removes only under authoritative ownership):`,
      ...report.ignored.map((r) => `  ${termSafe(r.email)}: ${r.kept.map(termSafe).join(', ')}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
