/** Genesys JSON shapes of the org's entities (relative selfUris, as the real API returns them). */
import type {
  AuditRecord,
  OrgDataTable,
  OrgLanguage,
  OrgQueue,
  OrgSkill,
  OrgUser,
  WrapupCode,
} from '../model.js';
import type { EmulatorOrg } from '../org.js';

export function division(org: EmulatorOrg): Record<string, string> {
  const { divisionId, divisionName } = org.identity;
  return { id: divisionId, name: divisionName, selfUri: `/api/v2/authorization/divisions/${divisionId}` };
}

export function userSkillJson(
  org: EmulatorOrg,
  userId: string,
  skillId: string,
  proficiency: number,
): Record<string, unknown> {
  return {
    id: skillId,
    name: org.skillName(skillId),
    proficiency,
    state: 'active',
    skillUri: `/api/v2/routing/skills/${skillId}`,
    selfUri: `/api/v2/users/${userId}/routingskills/${skillId}`,
  };
}

export function userSkills(org: EmulatorOrg, user: OrgUser): Record<string, unknown>[] {
  return [...user.skills.entries()]
    .map(([id, proficiency]) => userSkillJson(org, user.id, id, proficiency))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** A user's routing language (UserRoutingLanguage). */
export function userLanguageJson(
  org: EmulatorOrg,
  userId: string,
  languageId: string,
  proficiency: number,
): Record<string, unknown> {
  return {
    id: languageId,
    name: org.languageName(languageId),
    proficiency,
    state: 'active',
    languageUri: `/api/v2/routing/languages/${languageId}`,
    selfUri: `/api/v2/users/${userId}/routinglanguages/${languageId}`,
  };
}

export function userLanguages(org: EmulatorOrg, user: OrgUser): Record<string, unknown>[] {
  return [...user.languages.entries()]
    .map(([id, proficiency]) => userLanguageJson(org, user.id, id, proficiency))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

export function languageJson(language: OrgLanguage): Record<string, unknown> {
  return {
    id: language.id,
    name: language.name,
    dateModified: language.dateModified,
    state: 'active',
    version: String(language.version),
    selfUri: `/api/v2/routing/languages/${language.id}`,
  };
}

export function userJson(
  org: EmulatorOrg,
  user: OrgUser,
  expand: Set<string> = new Set(),
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: user.id,
    name: user.name,
    division: division(org),
    chat: { jabberId: `${user.id}@${org.identity.id}.orgspan.com` },
    department: user.department,
    email: user.email,
    primaryContactInfo: [{ address: user.email, mediaType: 'EMAIL', type: 'PRIMARY' }],
    addresses: [],
    state: user.state,
    title: user.title,
    username: user.email,
    version: user.version,
    acdAutoAnswer: false,
    selfUri: `/api/v2/users/${user.id}`,
  };
  if (expand.has('skills')) json.skills = userSkills(org, user);
  if (expand.has('languages')) json.languages = userLanguages(org, user);
  return json;
}

/** A skill; `division` is the home one here, and the reply's division scoping marks skills of other divisions. */
export function skillJson(org: EmulatorOrg, skill: OrgSkill): Record<string, unknown> {
  return {
    id: skill.id,
    name: skill.name,
    division: division(org),
    dateModified: skill.dateModified,
    state: 'active',
    version: String(skill.version),
    selfUri: `/api/v2/routing/skills/${skill.id}`,
  };
}

export function queueJson(org: EmulatorOrg, queue: OrgQueue): Record<string, unknown> {
  return {
    id: queue.id,
    name: queue.name,
    division: division(org),
    description: queue.description,
    dateCreated: queue.dateCreated,
    dateModified: queue.dateCreated,
    memberCount: queue.memberIds.length,
    userMemberCount: queue.memberIds.length,
    joinedMemberCount: queue.memberIds.length,
    mediaSettings: {
      call: media(queue.mediaSettings.call, 8),
      message: media(queue.mediaSettings.message, 30),
      email: media(queue.mediaSettings.email, 300),
      callback: media(queue.mediaSettings.callback, 30),
    },
    acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 60_000 },
    skillEvaluationMethod: 'BEST',
    scoringMethod: 'TimestampAndPriority',
    lastAgentRoutingMode: 'Disabled',
    autoAnswerOnly: false,
    enableTranscription: false,
    enableAudioMonitoring: false,
    enableManualAssignment: false,
    suppressInQueueCallRecording: true,
    selfUri: `/api/v2/routing/queues/${queue.id}`,
  };
}

function media(serviceLevel: { percentage: number; durationMs: number }, alertingTimeoutSeconds: number) {
  return { enableAutoAnswer: false, alertingTimeoutSeconds, serviceLevel: { ...serviceLevel } };
}

export function memberJson(user: OrgUser): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      state: user.state,
      version: user.version,
      selfUri: `/api/v2/users/${user.id}`,
    },
    ringNumber: 1,
    joined: true,
    memberBy: 'user',
    selfUri: `/api/v2/users/${user.id}`,
  };
}

export function wrapupJson(org: EmulatorOrg, code: WrapupCode): Record<string, unknown> {
  return {
    id: code.id,
    name: code.name,
    division: division(org),
    dateCreated: code.dateCreated,
    dateModified: code.dateCreated,
    selfUri: `/api/v2/routing/wrapupcodes/${code.id}`,
  };
}

export function tableJson(
  org: EmulatorOrg,
  table: OrgDataTable,
  withSchema: boolean,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: table.id,
    name: table.name,
    division: division(org),
    description: table.description,
    selfUri: `/api/v2/flows/datatables/${table.id}`,
  };
  if (withSchema) json.schema = structuredClone(table.schema);
  return json;
}

export function auditJson(org: EmulatorOrg, record: AuditRecord): Record<string, unknown> {
  return {
    id: record.id,
    userHomeOrgId: org.identity.id,
    user: {
      id: record.actor.userId,
      name: record.actor.name,
      selfUri: `/api/v2/users/${record.actor.userId}`,
    },
    client: { id: record.actor.clientId, selfUri: `/api/v2/oauth/clients/${record.actor.clientId}` },
    remoteIp: ['127.0.0.1'],
    serviceName: record.serviceName,
    level: 'USER',
    eventDate: record.eventDate,
    action: record.action,
    entity: { ...record.entity, selfUri: entityUri(record) },
    entityType: record.entityType,
    status: 'SUCCESS',
    application: record.actor.clientId === 'admin-ui' ? 'Genesys Cloud Admin' : record.actor.name,
    propertyChanges: record.propertyChanges.map((c) => ({ ...c })),
    context: {},
  };
}

function entityUri(record: AuditRecord): string {
  if (record.entityType === 'User') return `/api/v2/users/${record.entity.id}`;
  if (record.entityType === 'Skill') return `/api/v2/routing/skills/${record.entity.id}`;
  return `/api/v2/flows/datatables/${record.entity.id.split('/')[0] ?? ''}`;
}
