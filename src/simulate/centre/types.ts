/**
 * The one model of the centre (a discrete-event simulation), shared by the planner and the what-if. Its input is
 * built only from what the Genesys API returns: conversation aggregates per queue × media × requested skills ×
 * language and half hour, agents' on-queue time from the users aggregates, each queue's service-level settings,
 * and the weights data table read as the Architect flow reads it.
 */

/** Genesys `mediaType` values the model knows; any other string is simulated like voice (one at a time). */
export type Media = 'voice' | 'callback' | 'message' | 'email' | 'chat' | (string & {});

/** One stream of demand: contacts of one queue and media requesting the same skills and language. */
export interface StreamInput {
  queueId: string;
  queue: string;
  media: Media;
  /** requested skill names, all required (empty: any member of the queue may take it) */
  skills: string[];
  /** requested language name (undefined: none) */
  language?: string | undefined;
  /** contacts offered per slot (length = slots; counts as measured) */
  offered: ArrayLike<number>;
  /** mean handle time, seconds */
  ahtSeconds: number;
  /** mean patience, seconds (Infinity: contacts never abandon, e.g. email) */
  patienceSeconds: number;
  /** the queue's service-level threshold for this media, seconds */
  thresholdSeconds: number;
  /** mean time an answered contact alerts before it is answered (measured `tAlert`), seconds: part of the
   * wait, and the agent is held for it (default 0) */
  answerDelaySeconds?: number | undefined;
  /** coefficient of variation of one contact's handle time (log-normal); undefined: exponential (1) */
  handleCv?: number | undefined;
  /** calibrated multiplier of the agent time a contact takes (default 1): fitted so the model reproduces the
   * measured service level (concurrency, breaks between contacts and routing effects the API does not show) */
  workScale?: number | undefined;
}

export interface AgentInput {
  id: string;
  /** ids of the queues the agent is a member of */
  queueIds: readonly string[];
  /** skill name → proficiency (> 0 holds it) */
  skills: Readonly<Record<string, number>>;
  /** language names the agent holds */
  languages: readonly string[];
  /** seconds on queue (available to routing) per slot, length = slots */
  onQueueSeconds: ArrayLike<number>;
  /** contacts of each media this agent works at once (their utilization), over the input's `capacity` */
  capacity?: Readonly<Record<string, number>>;
}

export interface CentreInput {
  /** ms since epoch of slot 0 */
  startMs: number;
  slotSeconds: number;
  slots: number;
  streams: readonly StreamInput[];
  agents: readonly AgentInput[];
  /** routing priority of each stream (same order as `streams`); higher is served first */
  priorities: ArrayLike<number>;
  /** contacts of a media an agent works at once (default: 1; Genesys utilization defaults: message 4) */
  capacity?: Readonly<Record<string, number>>;
  seed: number;
}

/** What one run measured, per stream and per stream × slot. */
export interface CentreRun {
  /** per stream: offered, answered, answered within threshold, abandoned, total wait of answered (s), total
   * wait of abandoned (s), handled seconds */
  streams: StreamTotals[];
  /** per stream × slot (index stream * slots + slot): offered and answered within threshold, by arrival slot */
  slotOffered: Float64Array;
  slotWithin: Float64Array;
  slotAnswered: Float64Array;
  slotAbandoned: Float64Array;
  slotWait: Float64Array;
  /** agent-seconds on queue and busy (capacity-weighted) per slot over all agents */
  onQueueSeconds: Float64Array;
  busySeconds: Float64Array;
  /** per media: contacts in hand on average while an agent holds at least one (1 for media worked singly) */
  concurrency: Record<string, number>;
  contacts: number;
}

export interface StreamTotals {
  offered: number;
  answered: number;
  within: number;
  abandoned: number;
  answeredWaitSeconds: number;
  abandonedWaitSeconds: number;
  handledSeconds: number;
  /** answered on arrival, without waiting */
  immediate: number;
}
