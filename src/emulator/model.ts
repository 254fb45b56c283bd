/** The emulated org's entities (internal representation; the HTTP layer renders Genesys shapes from these). */

export const SLOT_MS = 30 * 60 * 1000;
export const SLOTS_PER_DAY = 48;
export const DAY_MS = SLOT_MS * SLOTS_PER_DAY;

export interface OrgSkill {
  id: string;
  name: string;
  dateModified: string;
  version: number;
}

/** A routing language (Genesys keeps languages apart from skills: /api/v2/routing/languages). */
export interface OrgLanguage {
  id: string;
  name: string;
  dateModified: string;
  version: number;
}

/** Genesys analytics media types the emulated centre carries. */
export type MediaType = 'voice' | 'message' | 'email' | 'callback';
/** The queue's `mediaSettings` key of each media type (voice is `call`). */
export type MediaSetting = 'call' | 'message' | 'email' | 'callback';
export const MEDIA_SETTING: Record<MediaType, MediaSetting> = {
  voice: 'call',
  message: 'message',
  email: 'email',
  callback: 'callback',
};

export interface ShiftPattern {
  /** first slot of the shift (0–47, UTC) */
  startSlot: number;
  lengthSlots: number;
  /** slot offset of the lunch break within the shift */
  lunchOffset: number;
  /** bit d set = works on weekday d (0 = Monday … 6 = Sunday) */
  workDays: number;
}

export interface OrgUser {
  index: number;
  id: string;
  name: string;
  email: string;
  title: string;
  department: string;
  state: 'active' | 'inactive';
  version: number;
  /** skill id → proficiency 0–5: the rating configured in Genesys (what the API reads and writes) */
  skills: Map<string, number>;
  /**
   * Hidden, never written by the API: skill id → how well the user really works the skill (on the proficiency
   * scale), for the skills held when the org was seeded; fixed at seed time. Other skills: see `aptitudeFor`.
   */
  aptitude: ReadonlyMap<string, number>;
  /** routing language id → proficiency 0–5 */
  languages: Map<string, number>;
  /** queue ids this user is a member of */
  queueIds: string[];
  shift: ShiftPattern | undefined;
  /** skill id → probability of answering an alert for that skill (default {@link DEFAULT_ANSWER_RATE}) */
  answerRates: Map<string, number>;
  /** personal handle-time factor (1 = the skill's average) */
  speed: number;
  /** messages the user may handle at once (utilization; Genesys's default is 4) */
  messageCapacity: number;
}

export const DEFAULT_ANSWER_RATE = 0.94;

/** One kind of contact a queue receives: what it requests of the agent, and its share of the queue's volume. */
export interface RequestedSkill {
  /** skills the contact requests, all required (empty: any member may take it) */
  skillIds: string[];
  /** the routing language requested, if any */
  languageId: string | undefined;
  mediaType: MediaType;
  /** share of the queue's volume of this media */
  share: number;
}

export interface OrgQueue {
  index: number;
  id: string;
  name: string;
  description: string;
  dateCreated: string;
  /** the voice (call) service level; `mediaSettings` holds every media's */
  serviceLevel: { percentage: number; durationMs: number };
  mediaSettings: Record<MediaSetting, { percentage: number; durationMs: number }>;
  memberIds: string[];
  requests: RequestedSkill[];
  wrapupCodeIds: string[];
}

export interface WrapupCode {
  id: string;
  name: string;
  dateCreated: string;
}

/** One arrival stream: the contacts of one queue, of one media, that request the same skills and language. */
export interface Stream {
  index: number;
  queueIndex: number;
  queueId: string;
  mediaType: MediaType;
  /** requested skills, all required; empty: any member of the queue may take the contact */
  skillIds: string[];
  languageId: string | undefined;
  /** arrivals per second at the peak of a normal weekday */
  peakRate: number;
  ahtSeconds: number;
  patienceSeconds: number;
  slaSeconds: number;
  slaTarget: number;
  /** share of after-call work in handle time */
  acwShare: number;
  wrapups: { codeId: string; share: number }[];
}

export type DataTableRow = { key: string } & Record<string, unknown>;

export interface OrgDataTable {
  id: string;
  name: string;
  description: string;
  /** JSON schema of the columns, as Genesys stores it */
  schema: Record<string, unknown>;
  rows: Map<string, DataTableRow>;
}

/** Who made a change: the API client or a person in the admin UI. */
export interface Actor {
  clientId: string;
  /** user id of the person, or the OAuth client's id for a client-credentials grant */
  userId: string;
  name: string;
}

export interface AuditRecord {
  id: string;
  eventDate: string;
  serviceName: string;
  entityType: string;
  entity: { id: string; name: string };
  action: string;
  actor: Actor;
  propertyChanges: { property: string; oldValues: string[]; newValues: string[] }[];
}

export interface OrgIdentity {
  id: string;
  name: string;
  domain: string;
  divisionId: string;
  divisionName: string;
}
