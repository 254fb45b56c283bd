import type { DriftNote } from './outcome.js';
import { inert } from '../safe-text.js';
import { countChanges, type ChangeCounts } from './diff.js';
import { kindOf } from './kinds.js';
import type { Change, UserKind } from './types.js';

const SIGN = { create: '+', update: '~', delete: '-' } as const;

/** Makes org-supplied text safe for a terminal: no control sequences, one line. */
export function termSafe(text: string): string {
  return inert(text);
}

function fmt(x: number | undefined): string {
  return x === undefined ? '' : String(x);
}

/** A user item as listed: skills by name, other kinds prefixed with their noun ("language Spanish"). */
export function itemLabel(kind: UserKind, name: string): string {
  return kind === 'user-skills' ? name : `${kindOf(kind).noun} ${name}`;
}

/** The languages part of a plan's count line, empty when no language changes. */
export function languagesText(c: ChangeCounts): string {
  const n = c.languagesAdded + c.languageProficiencyChanged + c.languagesRemoved;
  if (n === 0) return '';
  return `${n} ${n === 1 ? 'language' : 'languages'} (${c.languagesAdded} to add, ${c.languageProficiencyChanged} to change, ${c.languagesRemoved} to remove), `;
}

/** A plan in the manner of `terraform plan`: what changes, before → after, and the counts. */
export function renderChanges(changes: readonly Change[], drift: readonly DriftNote[] = []): string {
  if (changes.length === 0) return 'No changes. The org matches git.\n';
  const driftBy = new Map(drift.map((d) => [d.email, d]));
  const lines: string[] = ['routing-gitops will make these changes (+ add, ~ update, - remove):', ''];
  const width = Math.min(
    40,
    Math.max(
      8,
      ...changes.flatMap((c) =>
        c.kind === 'weight' ? [c.target.key.length] : c.changes.map((s) => itemLabel(c.kind, s.skill).length),
      ),
    ),
  );
  let lastUser: string | undefined;
  for (const change of changes) {
    if (change.kind === 'weight') continue;
    // one heading per user; each managed kind (skills, languages) lists its items under it
    if (change.target.email !== lastUser) {
      const d = driftBy.get(change.target.email);
      const note = d
        ? `  (drift: changed in the org by ${termSafe(d.changedBy)} at ${termSafe(d.changedAt)})`
        : '';
      const mode = change.mode === 'additive' ? ' [additive]' : '';
      lines.push(`  ~ user ${termSafe(change.target.email)} (${termSafe(change.target.name)})${mode}${note}`);
      lastUser = change.target.email;
    }
    for (const s of change.changes) {
      const value =
        s.action === 'update'
          ? `${fmt(s.before)} → ${fmt(s.after)}`
          : fmt(s.action === 'create' ? s.after : s.before);
      lines.push(
        `      ${SIGN[s.action]} ${termSafe(itemLabel(change.kind, s.skill)).padEnd(width)}  ${value}`,
      );
    }
  }
  const weights = changes.filter((c) => c.kind === 'weight');
  if (weights.length > 0) {
    lines.push('  ~ weights data table');
    for (const w of weights) {
      const value =
        w.action === 'update'
          ? `${fmt(w.before)} → ${fmt(w.after)}`
          : fmt(w.action === 'create' ? w.after : w.before);
      lines.push(`      ${SIGN[w.action]} ${termSafe(w.target.key).padEnd(width)}  ${value}`);
    }
  }
  const c = countChanges(changes);
  lines.push(
    '',
    `Plan: ${c.users} users (${c.skillsAdded} skills to add, ${c.proficiencyChanged} to change, ${c.skillsRemoved} to remove), ` +
      languagesText(c) +
      `${c.weightsCreated + c.weightsUpdated + c.weightsDeleted} weights (${c.weightsCreated} to add, ${c.weightsUpdated} to change, ${c.weightsDeleted} to remove).`,
  );
  if (drift.length > 0) {
    lines.push(
      `Drift: ${drift.length} users were changed in the org outside git; apply restores git's state.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
