import type { AuditEntry, GenesysPort } from '../genesys/port.js';
import type { Change } from './types.js';
import type { DriftNote } from './outcome.js';

/**
 * Names drift: a user whose live skills differ from git and whose latest routing change, per the realtime
 * audit API (last 14 days), was made by someone other than this OAuth client (a colleague in the admin UI).
 * Pure part: `findDrift`; `attributeDrift` adds the one API call.
 */
export function findDrift(
  changes: readonly Change[],
  audits: readonly AuditEntry[],
  ourClientId: string | undefined,
  since?: Date,
): DriftNote[] {
  const latest = new Map<string, AuditEntry>();
  for (const entry of audits) {
    if (!entry.entityId) continue;
    const seen = latest.get(entry.entityId);
    if (!seen || seen.eventDate < entry.eventDate) latest.set(entry.entityId, entry);
  }
  const notes: DriftNote[] = [];
  for (const change of changes) {
    if (change.kind === 'weight') continue;
    const entry = latest.get(change.target.userId);
    if (!entry) continue;
    if (ourClientId !== undefined && entry.clientId === ourClientId) continue;
    // an edit older than git's last change to desired state is not drift: the difference is git's change
    if (since && Date.parse(entry.eventDate) <= since.getTime()) continue;
    notes.push({
      email: change.target.email,
      changedBy: entry.userName ?? entry.userId ?? entry.clientId ?? 'unknown',
      changedAt: entry.eventDate,
    });
  }
  return notes;
}

export async function attributeDrift(
  port: GenesysPort,
  changes: readonly Change[],
  now: Date,
  ourClientId: string | undefined,
  since?: Date,
): Promise<DriftNote[]> {
  if (!changes.some((c) => c.kind !== 'weight')) return [];
  const from = new Date(now.getTime() - 14 * 86_400_000);
  try {
    const audits = await port.queryAudits({
      interval: `${from.toISOString()}/${now.toISOString()}`,
      serviceName: 'Routing',
    });
    return findDrift(changes, audits, ourClientId, since);
  } catch {
    // attribution is a courtesy: without the audit permission, differences are still shown
    return [];
  }
}
