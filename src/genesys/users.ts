import { listAll, seg } from './listing.js';
import { PERMISSIONS } from './permissions.js';
import type { CallFn } from './pipeline.js';
import type { LiveUser, LiveUserSkill, SkillWrite } from './port.js';

interface ApiUser {
  id: string;
  name?: string;
  email?: string;
  state?: string;
  skills?: { id: string; name?: string; proficiency?: number; state?: string }[];
}

/** `GET /api/v2/users?expand=skills&pageSize=500`, every page: one request per 500 users. */
export async function listUsers(call: CallFn): Promise<LiveUser[]> {
  const users = await listAll<ApiUser>(call, '/api/v2/users', PERMISSIONS.listUsers, { expand: 'skills' });
  return users.map(toLiveUser);
}

export function toLiveUser(user: ApiUser): LiveUser {
  const live: LiveUser = {
    id: user.id,
    name: user.name ?? '',
    email: user.email ?? '',
    skills: (user.skills ?? [])
      .filter((skill) => skill.state !== 'deleted')
      .map((skill) => ({ id: skill.id, name: skill.name ?? '', proficiency: skill.proficiency ?? 0 })),
  };
  if (user.state !== undefined) live.state = user.state;
  return live;
}

const routingSkills = (userId: string) => `/api/v2/users/${seg(userId)}/routingskills`;

/** Skill listings per user serve at most 100 per page. */
const USER_SKILLS_PAGE_SIZE = 100;

/** `GET /api/v2/users/{id}/routingskills`, every page: one user's skills (e.g. to check a write). */
export async function listUserSkills(call: CallFn, userId: string): Promise<LiveUserSkill[]> {
  const skills = await listAll<NonNullable<ApiUser['skills']>[number]>(
    call,
    routingSkills(userId),
    PERMISSIONS.listUserSkills,
    {},
    USER_SKILLS_PAGE_SIZE,
  );
  return skills.map((skill) => ({
    id: skill.id,
    name: skill.name ?? '',
    proficiency: skill.proficiency ?? 0,
  }));
}

/** `PUT …/routingskills/bulk` replaces the user's skills: idempotent, so safe to retry. */
export async function replaceUserSkills(call: CallFn, userId: string, skills: SkillWrite[]): Promise<void> {
  await call({
    method: 'PUT',
    path: `${routingSkills(userId)}/bulk`,
    body: skills.map(toSkillPost),
    permission: PERMISSIONS.assignUserSkills,
    write: true,
  });
}

/** `PATCH …/routingskills/bulk` adds or updates the given skills: idempotent. */
export async function patchUserSkills(call: CallFn, userId: string, skills: SkillWrite[]): Promise<void> {
  await call({
    method: 'PATCH',
    path: `${routingSkills(userId)}/bulk`,
    body: skills.map(toSkillPost),
    permission: PERMISSIONS.assignUserSkills,
    write: true,
  });
}

/** `DELETE …/routingskills/{skillId}`; a 404 after a dropped attempt means that attempt already removed it. */
export async function deleteUserSkill(call: CallFn, userId: string, skillId: string): Promise<void> {
  await call({
    method: 'DELETE',
    path: `${routingSkills(userId)}/${seg(skillId)}`,
    permission: PERMISSIONS.assignUserSkills,
    write: true,
    accept: (status, _body, ambiguous) => ambiguous && status === 404,
  });
}

function toSkillPost(skill: SkillWrite): { id: string; proficiency: number } {
  return { id: skill.id, proficiency: skill.proficiency };
}
