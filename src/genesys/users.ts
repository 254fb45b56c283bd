import { listAll, seg } from './listing.js';
import { PERMISSIONS } from './permissions.js';
import type { CallFn } from './pipeline.js';
import type { DirectoryUser, LiveUser, LiveUserLanguage, LiveUserSkill } from './port.js';

interface ApiRoutingEntry {
  id: string;
  name?: string;
  proficiency?: number;
  state?: string;
}

interface ApiUser {
  id: string;
  name?: string;
  email?: string;
  state?: string;
  skills?: ApiRoutingEntry[];
  languages?: ApiRoutingEntry[];
}

/**
 * `GET /api/v2/users?expand=skills&expand=languages&pageSize=500`, every page: one request per 500 users.
 * `expand` is best effort: Genesys documents expanded fields as not guaranteed to be returned, so a user listed
 * without `skills` or `languages` is re-read from `…/routingskills` or `…/routinglanguages` rather than taken
 * to have none (which would show as drift and, on apply, as a write).
 */
export async function listUsers(call: CallFn): Promise<LiveUser[]> {
  const users = await listAll<ApiUser>(call, '/api/v2/users', PERMISSIONS.listUsers, {
    expand: ['skills', 'languages'],
  });
  return Promise.all(
    users.map(async (user) => {
      const [skills, languages] = await Promise.all([
        user.skills ? liveEntries(user.skills) : listUserSkills(call, user.id),
        user.languages ? liveEntries(user.languages) : listUserLanguages(call, user.id),
      ]);
      return { ...directoryFields(user), skills, languages };
    }),
  );
}

/** `GET /api/v2/users?state=inactive`, every page: deactivated users, who keep their email but cannot be routed to. */
export async function listInactiveUsers(call: CallFn): Promise<DirectoryUser[]> {
  const users = await listAll<ApiUser>(call, '/api/v2/users', PERMISSIONS.listUsers, { state: 'inactive' });
  return users.map((user) => ({ ...directoryFields(user), state: user.state ?? 'inactive' }));
}

/** A listed user as the product sees it (skills and languages as listed; missing ones read as none). */
export function toLiveUser(user: ApiUser): LiveUser {
  return {
    ...directoryFields(user),
    skills: liveEntries(user.skills ?? []),
    languages: liveEntries(user.languages ?? []),
  };
}

function directoryFields(user: ApiUser): { id: string; name: string; email: string; state?: string } {
  const fields: { id: string; name: string; email: string; state?: string } = {
    id: user.id,
    name: user.name ?? '',
    email: user.email ?? '',
  };
  if (user.state !== undefined) fields.state = user.state;
  return fields;
}

function liveEntries(entries: ApiRoutingEntry[]): (LiveUserSkill & LiveUserLanguage)[] {
  return entries
    .filter((entry) => entry.state !== 'deleted')
    .map((entry) => ({ id: entry.id, name: entry.name ?? '', proficiency: entry.proficiency ?? 0 }));
}

/** Skill and language listings per user serve at most 100 per page. */
const USER_ENTRIES_PAGE_SIZE = 100;

/** `GET /api/v2/users/{id}/routingskills`, every page: one user's skills. */
export async function listUserSkills(call: CallFn, userId: string): Promise<LiveUserSkill[]> {
  const skills = await listAll<ApiRoutingEntry>(
    call,
    `/api/v2/users/${seg(userId)}/routingskills`,
    PERMISSIONS.listUserSkills,
    {},
    USER_ENTRIES_PAGE_SIZE,
  );
  return liveEntries(skills);
}

/** `GET /api/v2/users/{id}/routinglanguages`, every page: one user's languages. */
export async function listUserLanguages(call: CallFn, userId: string): Promise<LiveUserLanguage[]> {
  const languages = await listAll<ApiRoutingEntry>(
    call,
    `/api/v2/users/${seg(userId)}/routinglanguages`,
    PERMISSIONS.listUserLanguages,
    {},
    USER_ENTRIES_PAGE_SIZE,
  );
  return liveEntries(languages);
}
