/**
 * The port through which the product talks to Genesys Cloud. The real implementation (undici, rate limits,
 * retries, paging) lives in this folder; tests may pass any other implementation.
 * Field names follow the Genesys Cloud API (see ../shared/genesys-openapi-subset.json).
 */

export interface LiveSkill {
  id: string;
  name: string;
}

export interface LiveUserSkill {
  /** skill id */
  id: string;
  name: string;
  proficiency: number;
}

/** A routing language (`GET /api/v2/routing/languages`): Spanish, French… managed beside skills. */
export interface LiveLanguage {
  id: string;
  name: string;
}

export interface LiveUserLanguage {
  /** language id */
  id: string;
  name: string;
  proficiency: number;
}

export interface LiveUser {
  id: string;
  name: string;
  email: string;
  state?: string;
  skills: LiveUserSkill[];
  /**
   * The user's routing languages. The Genesys client always sets it (re-reading a user whose listing left it
   * out); other ports may leave it out for "none".
   */
  languages?: LiveUserLanguage[];
}

/** A directory entry without routing data, e.g. an inactive user (`GET /api/v2/users?state=inactive`). */
export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  state: string;
}

export interface LiveQueue {
  id: string;
  name: string;
  memberCount?: number;
  /** queue service-level target, as Genesys stores it (`mediaSettings.call.serviceLevel`) */
  serviceLevel?: { percentage: number; durationMs: number };
  /** service-level target and threshold per media, keyed by analytics `mediaType` (voice, callback, message,
   * email, chat) from the queue's `mediaSettings` (`call` is voice) */
  mediaServiceLevels?: Record<string, { percentage: number; durationMs: number }>;
}

export interface LiveWrapupCode {
  id: string;
  name: string;
}

export interface LiveDataTable {
  id: string;
  name: string;
  /** JSON schema of the table's columns, as Genesys returns it */
  schema?: unknown;
}

/** An Architect data-table row: `key` is the row id; other columns by name. */
export type DataTableRow = { key: string } & Record<string, unknown>;

export interface SkillWrite {
  /** skill id */
  id: string;
  proficiency: number;
}

export interface LanguageWrite {
  /** language id */
  id: string;
  proficiency: number;
}

/** Analytics query body (subset of ConversationAggregationQuery). */
export interface AggregateQuery {
  interval: string;
  granularity?: string;
  timeZone?: string;
  groupBy?: string[];
  metrics: string[];
  filter?: {
    type: 'and' | 'or';
    predicates?: {
      type?: 'dimension';
      dimension: string;
      operator?: 'matches' | 'exists' | 'notExists';
      value?: string;
    }[];
    clauses?: {
      type: 'and' | 'or';
      predicates: { dimension: string; value?: string; operator?: string }[];
    }[];
  };
}

/** Users aggregates query body (subset of UserAggregationQuery): `groupBy` and `filter` on `userId` only. */
export interface UserAggregateQuery {
  interval: string;
  granularity?: string;
  timeZone?: string;
  groupBy?: 'userId'[];
  metrics: ('tAgentRoutingStatus' | 'tOrganizationPresence' | 'tSystemPresence')[];
  filter?: {
    type: 'and' | 'or';
    predicates: { type?: 'dimension'; dimension: 'userId'; operator?: 'matches'; value: string }[];
  };
}

export interface StatisticalSummary {
  count?: number;
  sum?: number;
  min?: number;
  max?: number;
  ratio?: number;
  numerator?: number;
  denominator?: number;
  target?: number;
}

export interface AggregateDataContainer {
  group: Record<string, string>;
  data: {
    interval: string;
    metrics: { metric: string; qualifier?: string; stats: StatisticalSummary }[];
  }[];
}

/**
 * One statistic of one bucket of an aggregates answer. `group` is shared by the calls for the same group; `stats`
 * is the answer's own figures for this statistic; `bucket` tells buckets apart (the same number for the
 * statistics of one bucket, a new one for the next).
 */
export type AggregateVisitor = (
  group: Readonly<Record<string, string>>,
  interval: string,
  metric: string,
  qualifier: string | undefined,
  stats: StatisticalSummary,
  bucket: number,
) => void;

export interface AggregateResponse {
  results: AggregateDataContainer[];
}

export interface AuditEntry {
  id: string;
  userId?: string;
  userName?: string;
  /** OAuth client that made the change (lets the product tell its own writes from a colleague's) */
  clientId?: string;
  entityId?: string;
  entityType?: string;
  action: string;
  eventDate: string;
  serviceName?: string;
}

export interface AuditQuery {
  interval: string;
  serviceName: string;
  filters?: { property: string; value: string }[];
}

/** A user's max utilization (`GET /routing/users/{id}/utilization`). */
export interface UserUtilization {
  /** Genesys utilization media key (call, callback, chat, email, message) → contacts the user takes at once */
  capacity: Record<string, number>;
  /** "Agent" when the user has their own settings, "Organization" when the org default applies */
  level: 'Agent' | 'Organization';
}

export interface GenesysPort {
  /**
   * every active user with routing skills and languages (`GET /users?expand=skills&expand=languages`, all
   * pages; a user whose listing left either out is re-read from `…/routingskills` or `…/routinglanguages`)
   */
  listUsers(): Promise<LiveUser[]>;
  /** `GET /users/{id}/routingskills`, all pages: one user's skills (the apply sweep re-reads failed users) */
  listUserSkills?(userId: string): Promise<LiveUserSkill[]>;
  /** `GET /users/{id}/routinglanguages`, all pages: one user's languages (the apply sweep re-reads failed users) */
  listUserLanguages?(userId: string): Promise<LiveUserLanguage[]>;
  /** users deactivated in the org (`GET /users?state=inactive`, all pages), without routing data */
  listInactiveUsers(): Promise<DirectoryUser[]>;
  listSkills(): Promise<LiveSkill[]>;
  /** `GET /routing/languages`, all pages */
  listLanguages(): Promise<LiveLanguage[]>;
  createSkill(name: string): Promise<LiveSkill>;
  listQueues(): Promise<LiveQueue[]>;
  /** user ids of a queue's members */
  listQueueMembers(queueId: string): Promise<string[]>;
  listWrapupCodes(): Promise<LiveWrapupCode[]>;
  /** the data table with that exact name, or undefined */
  findDataTable(name: string): Promise<LiveDataTable | undefined>;
  listDataTableRows(tableId: string): Promise<DataTableRow[]>;
  createDataTableRow(tableId: string, row: DataTableRow): Promise<void>;
  updateDataTableRow(tableId: string, row: DataTableRow): Promise<void>;
  deleteDataTableRow(tableId: string, key: string): Promise<void>;
  /**
   * Replaces all of the user's skills (`PUT /users/{id}/routingskills/bulk`; above 50 skills, the first 50 by
   * PUT and the rest by PATCH, so it stays a full replace)
   */
  replaceUserSkills(userId: string, skills: SkillWrite[]): Promise<void>;
  /** `PATCH /users/{id}/routingskills/bulk` (50 per call): adds or updates the given skills */
  patchUserSkills(userId: string, skills: SkillWrite[]): Promise<void>;
  /** `DELETE /users/{id}/routingskills/{skillId}` */
  deleteUserSkill(userId: string, skillId: string): Promise<void>;
  /** `PATCH /users/{id}/routinglanguages/bulk` (50 per call; there is no PUT): adds or updates languages */
  patchUserLanguages(userId: string, languages: LanguageWrite[]): Promise<void>;
  /** `DELETE /users/{id}/routinglanguages/{languageId}` */
  deleteUserLanguage(userId: string, languageId: string): Promise<void>;
  /** analytics aggregates; long intervals are split into chunks and the results merged */
  queryAggregates(query: AggregateQuery): Promise<AggregateResponse>;
  /** users aggregates (agents' routing status and presence); optional: ports without it give the planner no
   * presence, and it falls back to the handled-time estimate */
  queryUserAggregates?(query: UserAggregateQuery): Promise<AggregateResponse>;
  /**
   * As `queryAggregates`, but every statistic is handed to `visit` as the answer is read from its bytes, without
   * building it as objects (see genesys/aggregate-scan.ts). Optional: callers fall back to `queryAggregates`.
   */
  scanAggregates?(query: AggregateQuery, visit: AggregateVisitor): Promise<void>;
  /** As `queryUserAggregates`, statistic by statistic from the answer's bytes (see `scanAggregates`). */
  scanUserAggregates?(query: UserAggregateQuery, visit: AggregateVisitor): Promise<void>;
  /** a user's max utilization; undefined when the client may not read it (403) or the user is unknown (404).
   * Optional: without it the centre model estimates message concurrency from INTERACTING time */
  getUserUtilization?(userId: string): Promise<UserUtilization | undefined>;
  /** realtime audit query (changes in the last 14 days) */
  queryAudits(query: AuditQuery): Promise<AuditEntry[]>;
  /** requests made so far through this port (for reports and benchmarks) */
  readonly stats: { requests: number; retries: number; writes: number };
}
