/** Control routes under /__emulator (not Genesys API, no auth, never faulted, not counted). */
import { badRequest, notFound } from '../errors.js';
import type { Reply } from '../http/respond.js';
import type { Runtime } from '../runtime.js';

export function controlRoute(rt: Runtime, method: string, path: string, body: unknown): Reply {
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  switch (key) {
    case 'GET /__emulator/requests':
      return { status: 200, body: rt.counters.snapshot() };
    case 'DELETE /__emulator/requests':
      rt.counters.reset();
      return { status: 204 };
    case 'GET /__emulator/faults':
      return { status: 200, body: rt.faults.settings };
    case 'PUT /__emulator/faults':
      return { status: 200, body: rt.faults.replace(body ?? {}) };
    case 'GET /__emulator/state':
      rt.org.sync();
      return { status: 200, body: emulatorState(rt) };
    case 'POST /__emulator/advance':
      return { status: 200, body: rt.org.advance(parseDays(body)) };
    default:
      throw notFound(`No control route ${key}`);
  }
}

function parseDays(body: unknown): number {
  const days = (body as { days?: unknown } | undefined)?.days;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 366) {
    throw badRequest('days must be an integer from 1 to 366', 'days');
  }
  return days;
}

export function emulatorState(rt: Runtime): Record<string, unknown> {
  const { org } = rt;
  const range = org.historyRange();
  const name = (id: string) => org.skillName(id);
  return {
    now: rt.now().toISOString(),
    org: { id: org.identity.id, name: org.identity.name, domain: org.identity.domain },
    history: { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() },
    roles: {
      underStaffedLanguage: org.roles.under?.name,
      overStaffedLanguage: org.roles.over?.name,
      unusedSkill: org.roles.unused?.name,
    },
    users: org.users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      state: u.state,
      queueIds: [...u.queueIds],
      skills: [...u.skills.entries()].map(([id, proficiency]) => ({ id, name: name(id), proficiency })),
      languages: [...u.languages.entries()].map(([id, proficiency]) => ({
        id,
        name: org.languageName(id),
        proficiency,
      })),
    })),
    skills: org.skills.map((s) => ({ id: s.id, name: s.name })),
    languages: org.languages.map((l) => ({ id: l.id, name: l.name })),
    queues: org.queues.map((q) => ({
      id: q.id,
      name: q.name,
      serviceLevel: { ...q.serviceLevel },
      mediaSettings: structuredClone(q.mediaSettings),
      memberIds: [...q.memberIds],
      requestedSkills: q.requests.map((r) => ({
        ids: [...r.skillIds],
        names: r.skillIds.map(name),
        languageId: r.languageId,
        language: r.languageId === undefined ? undefined : org.languageName(r.languageId),
        mediaType: r.mediaType,
        share: r.share,
      })),
      wrapupCodeIds: [...q.wrapupCodeIds],
    })),
    wrapupCodes: org.wrapups.map((c) => ({ id: c.id, name: c.name })),
    dataTables: org.tables.map((t) => ({
      id: t.id,
      name: t.name,
      rows: [...t.rows.values()].map((r) => ({ ...r })),
    })),
    audits: org.audits.length,
  };
}
