/** What the planner proposes and why (rendered in the PR body, the plan files and `plan --json`). */
import type { WhatIfResult } from '../simulate/types.js';

export interface SkillRecommendation {
  email: string;
  userName: string;
  skill: string;
  action: 'add' | 'remove' | 'update';
  before: number | undefined;
  after: number | undefined;
  /** the reason in numbers, e.g. "Billing: 41 holders, 23 needed at the busiest interval" */
  reason: string;
  /** the skill-level part of the reason, shared by every change to that skill (the reason starts with it) */
  context?: string;
}

/** A routing language the plan gives a user (or takes away), by name; proficiency 0–5. */
export interface LanguageRecommendation {
  email: string;
  userName: string;
  language: string;
  action: 'add' | 'remove';
  before: number | undefined;
  after: number | undefined;
  reason: string;
}

export interface WeightRecommendation {
  queue: string;
  skill: string;
  before: number | undefined;
  after: number;
  reason: string;
}

export interface RejectedRecommendation {
  /** e.g. "bob@example.com: remove Billing" or "Support|Billing weight 40 → 80" */
  subject: string;
  reason: string;
}

export interface DriftEntry {
  /** user email or weight key */
  subject: string;
  /** human-readable description, e.g. "Billing: git 4, live 2" */
  detail: string;
  changedBy?: string;
  changedAt?: string;
}

export interface PlanFiles {
  /** relative to the repository root */
  whatIfMarkdown: string;
  whatIfJson: string;
  yamlDiff: string;
  changesJson: string;
}

export interface PlanOutcome {
  generatedAt: string;
  days: number;
  policy: 'staffing' | 'answer-rate';
  recommendations: SkillRecommendation[];
  weights: WeightRecommendation[];
  rejected: RejectedRecommendation[];
  whatIf: WhatIfResult;
  drift: DriftEntry[];
  files: PlanFiles;
  /** unified diff of the desired-state YAML */
  yamlDiff: string;
  apiCalls: number;
  /** IANA zone the PR body writes dates and times in (the org's; default UTC) */
  timeZone?: string;
  /** email → every skill of each changed user before the plan, for the per-user net result */
  skillsBefore?: Record<string, Record<string, number>>;
  /** routing languages the plan gives users (the model's search; none under the Erlang or answer-rate policy) */
  languages?: LanguageRecommendation[];
  /** emails of deactivated users whose entries the plan removes from desired state */
  inactiveRemoved?: string[];
}
