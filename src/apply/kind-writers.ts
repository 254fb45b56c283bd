import type { GenesysPort } from '../genesys/port.js';
import type { LiveItem } from './kinds.js';
import type { LiveOrg, UserItemsChange, UserKind } from './types.js';

/** Counts write operations as they start, so a failed change still reports what it sent. */
export interface Tally {
  calls: number;
}

/** The I/O half of a managed kind (the pure half is ../plan/kinds.ts): how to read one user's set and write it. */
export interface KindWriter {
  /** one user's set, read again (the sweep); undefined when the port cannot read one user */
  reread(port: GenesysPort, userId: string): Promise<LiveItem[]> | undefined;
  /** writes one user's change with as few calls as the API allows */
  write(port: GenesysPort, change: UserItemsChange, live: LiveOrg, tally: Tally): Promise<void>;
}

function idResolver(catalogue: readonly { id: string; name: string }[], noun: string) {
  const ids = new Map(catalogue.map((s) => [s.name, s.id]));
  return (name: string, known: string | undefined): string => {
    const id = known ?? ids.get(name);
    if (id === undefined) throw new Error(`${noun} "${name}" does not exist in the org`);
    return id;
  };
}

/**
 * Skills: `PUT …/routingskills/bulk` replaces an authoritative user's set in one call (the client chunks past 50
 * and keeps it a replace); an additive user gets `PATCH …/bulk` for adds and updates, `DELETE` per removal.
 */
const SKILL_WRITER: KindWriter = {
  reread: (port, userId) => port.listUserSkills?.(userId),
  async write(port, change, live, tally) {
    const idOf = idResolver(live.skills, 'skill');
    if (change.mode === 'authoritative') {
      const known = new Map(change.changes.map((c) => [c.skill, c.skillId]));
      const skills = Object.entries(change.desired).map(([name, proficiency]) => ({
        id: idOf(name, known.get(name)),
        proficiency,
      }));
      tally.calls++;
      await port.replaceUserSkills(change.target.userId, skills);
      return;
    }
    await patchAndDelete(change, tally, {
      patch: (items) => port.patchUserSkills(change.target.userId, items),
      remove: (id) => port.deleteUserSkill(change.target.userId, id),
      idOf,
    });
  },
};

/**
 * Languages: there is no PUT, so every user gets `PATCH …/routinglanguages/bulk` for adds and updates (the client
 * chunks at 50) and `DELETE …/routinglanguages/{id}` per removal.
 */
const LANGUAGE_WRITER: KindWriter = {
  reread: (port, userId) => port.listUserLanguages?.(userId),
  write: (port, change, live, tally) =>
    patchAndDelete(change, tally, {
      patch: (items) => port.patchUserLanguages(change.target.userId, items),
      remove: (id) => port.deleteUserLanguage(change.target.userId, id),
      idOf: idResolver(live.languages ?? [], 'language'),
    }),
};

async function patchAndDelete(
  change: UserItemsChange,
  tally: Tally,
  ops: {
    patch: (items: { id: string; proficiency: number }[]) => Promise<void>;
    remove: (id: string) => Promise<void>;
    idOf: (name: string, known: string | undefined) => string;
  },
): Promise<void> {
  const upserts = change.changes
    .filter((s) => s.action !== 'delete' && s.after !== undefined)
    .map((s) => ({ id: ops.idOf(s.skill, s.skillId), proficiency: s.after ?? 0 }));
  if (upserts.length > 0) {
    tally.calls++;
    await ops.patch(upserts);
  }
  for (const s of change.changes.filter((c) => c.action === 'delete')) {
    tally.calls++;
    await ops.remove(ops.idOf(s.skill, s.skillId));
  }
}

export const KIND_WRITERS: Readonly<Record<UserKind, KindWriter>> = {
  'user-skills': SKILL_WRITER,
  'user-languages': LANGUAGE_WRITER,
};
