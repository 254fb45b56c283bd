import { ApiError } from '../errors.js';
import { errorBody, isAlreadyExists } from './errors.js';
import { listAll, seg } from './listing.js';
import { PERMISSIONS } from './permissions.js';
import type { CallFn } from './pipeline.js';
import type { LiveLanguage, LiveQueue, LiveSkill, LiveWrapupCode } from './port.js';

interface ApiSkill {
  id: string;
  name: string;
  state?: string;
}

interface ApiQueue {
  id: string;
  name: string;
  memberCount?: number;
  mediaSettings?: Record<string, { serviceLevel?: { percentage?: number; durationMs?: number } } | undefined>;
}

/** Queue member listings serve at most 100 per page and report no total. */
const MEMBERS_PAGE_SIZE = 100;

export async function listSkills(call: CallFn, namePrefix?: string): Promise<LiveSkill[]> {
  const query = namePrefix === undefined ? {} : { name: namePrefix };
  const skills = await listAll<ApiSkill>(call, '/api/v2/routing/skills', PERMISSIONS.listSkills, query);
  return skills.filter((skill) => skill.state !== 'deleted').map(({ id, name }) => ({ id, name }));
}

/** `GET /api/v2/routing/languages`, every page; deleted languages left out. */
export async function listLanguages(call: CallFn): Promise<LiveLanguage[]> {
  const languages = await listAll<ApiSkill>(call, '/api/v2/routing/languages', PERMISSIONS.listLanguages);
  return languages.filter((language) => language.state !== 'deleted').map(({ id, name }) => ({ id, name }));
}

/**
 * `POST /api/v2/routing/skills`. When a retried attempt meets "already exists", the earlier attempt created it:
 * the existing skill is looked up and returned.
 */
export async function createSkill(call: CallFn, name: string): Promise<LiveSkill> {
  const result = await call({
    method: 'POST',
    path: '/api/v2/routing/skills',
    body: { name },
    permission: PERMISSIONS.createSkill,
    write: true,
    accept: (status, body, ambiguous) => ambiguous && isAlreadyExists(status, body),
  });
  if (result.status < 300) {
    const skill = result.body as ApiSkill;
    return { id: skill.id, name: skill.name };
  }
  const existing = (await listSkills(call, name)).find((skill) => skill.name === name);
  if (existing) return existing;
  throw new ApiError({
    status: result.status,
    method: 'POST',
    path: '/api/v2/routing/skills',
    message: `${errorBody(result.body).message ?? 'already exists'} (skill "${name}" is not listed under that name)`,
    contextId: errorBody(result.body).contextId,
  });
}

export async function listQueues(call: CallFn): Promise<LiveQueue[]> {
  const queues = await listAll<ApiQueue>(call, '/api/v2/routing/queues', PERMISSIONS.listQueues);
  return queues.map(toLiveQueue);
}

export function toLiveQueue(queue: ApiQueue): LiveQueue {
  const live: LiveQueue = { id: queue.id, name: queue.name };
  if (queue.memberCount !== undefined) live.memberCount = queue.memberCount;
  const sl = queue.mediaSettings?.call?.serviceLevel;
  if (sl?.percentage !== undefined && sl.durationMs !== undefined) {
    live.serviceLevel = { percentage: sl.percentage, durationMs: sl.durationMs };
  }
  const perMedia = mediaServiceLevels(queue.mediaSettings);
  if (perMedia) live.mediaServiceLevels = perMedia;
  return live;
}

/** User ids of the queue's members. */
export async function listQueueMembers(call: CallFn, queueId: string): Promise<string[]> {
  const members = await listAll<{ id: string; user?: { id?: string } }>(
    call,
    `/api/v2/routing/queues/${seg(queueId)}/members`,
    PERMISSIONS.listQueueMembers,
    {},
    MEMBERS_PAGE_SIZE,
  );
  return members.map((member) => member.user?.id ?? member.id);
}

export async function listWrapupCodes(call: CallFn): Promise<LiveWrapupCode[]> {
  const codes = await listAll<LiveWrapupCode>(
    call,
    '/api/v2/routing/wrapupcodes',
    PERMISSIONS.listWrapupCodes,
  );
  return codes.map(({ id, name }) => ({ id, name }));
}

/** `mediaSettings.{call,callback,message,email,chat}.serviceLevel` keyed by analytics `mediaType` (call → voice). */
function mediaServiceLevels(
  settings: ApiQueue['mediaSettings'],
): Record<string, { percentage: number; durationMs: number }> | undefined {
  if (!settings) return undefined;
  const out: Record<string, { percentage: number; durationMs: number }> = {};
  for (const [media, value] of Object.entries(settings)) {
    const sl = value?.serviceLevel;
    if (sl?.percentage === undefined || sl.durationMs === undefined) continue;
    out[media === 'call' ? 'voice' : media] = { percentage: sl.percentage, durationMs: sl.durationMs };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
