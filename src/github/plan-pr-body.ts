import { createHash } from 'node:crypto';
import type { PlanOutcome } from '../recommend/types.js';
import { planFigures } from './plan-figures.js';
import { buildPlanView, FULL_VIEW, type ViewLimits } from './plan-pr-view.js';
import { createTemplateSet, type TemplateSet } from './templates.js';

/** GitHub refuses pull request bodies longer than this many characters. */
export const GITHUB_BODY_LIMIT = 65_536;
export const DEFAULT_PLAN_BRANCH = 'routing-gitops/plan';
export const PLAN_MARKER_VERSION = 1;

const MARKER = /^<!-- routing-gitops:plan v(\d+) sha256=([0-9a-f]{64})((?: [a-z-]+=\d+)*) -->$/m;

export interface PlanPrBodyOptions {
  branch?: string;
  baseBranch?: string;
  /** characters; default a margin below GitHub's 65,536 */
  maxLength?: number;
  templates?: TemplateSet;
  /** IANA zone for dates and times (default: the plan's, else UTC) */
  timeZone?: string;
}

/** What `parse` reads back from a body: the marker is load-bearing, the rest is for people. */
export interface ParsedPlanPrBody {
  version: number;
  /** sha256 of the body below the marker line */
  sha256: string;
  /** false when the text below the marker no longer matches its hash (edited by hand) */
  intact: boolean;
  users: number | undefined;
  skillChanges: number | undefined;
  weights: number | undefined;
}

/** from the full tables down to counts only, until the body fits */
const LADDER: ViewLimits[] = [
  FULL_VIEW,
  { rows: 200, queues: 60, skills: 40, tables: true },
  { rows: 80, queues: 30, skills: 20, tables: true },
  { rows: 30, queues: 15, skills: 10, tables: true },
  { rows: 10, queues: 10, skills: 5, tables: true },
  { rows: 0, queues: 0, skills: 0, tables: false },
];

let defaultTemplates: TemplateSet | undefined;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function render(outcome: PlanOutcome, options: PlanPrBodyOptions = {}): string {
  const templates = options.templates ?? (defaultTemplates ??= createTemplateSet());
  const maxLength = options.maxLength ?? GITHUB_BODY_LIMIT - 1_536;
  const viewOptions = {
    branch: options.branch ?? DEFAULT_PLAN_BRANCH,
    baseBranch: options.baseBranch ?? 'main',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  };
  const figures = planFigures(outcome);
  let body = '';
  for (const limits of LADDER) {
    const content =
      templates.render('plan-pr-body', buildPlanView(outcome, limits, viewOptions)).trimEnd() + '\n';
    const counts = `users=${figures.users} skill-changes=${figures.skillChanges} weights=${figures.weights}`;
    body = `<!-- routing-gitops:plan v${PLAN_MARKER_VERSION} sha256=${sha256(content)} ${counts} -->\n${content}`;
    if (body.length <= maxLength) return body;
  }
  // counts-only is bounded (every printed name is capped), so only an absurd maxLength gets here
  return body.slice(0, maxLength);
}

function parse(body: string | null | undefined): ParsedPlanPrBody | undefined {
  if (!body) return undefined;
  const normalised = body.replace(/\r\n/g, '\n');
  const match = MARKER.exec(normalised);
  if (!match?.[1] || !match[2]) return undefined;
  const fields = new Map<string, number>();
  for (const pair of (match[3] ?? '').trim().split(' ').filter(Boolean)) {
    const [key, value] = pair.split('=');
    if (key && value) fields.set(key, Number(value));
  }
  const content = normalised.slice(match.index + match[0].length + 1);
  return {
    version: Number(match[1]),
    sha256: match[2],
    intact: sha256(content) === match[2],
    users: fields.get('users'),
    skillChanges: fields.get('skill-changes'),
    weights: fields.get('weights'),
  };
}

/**
 * The plan pull request's body as a type (release-please's `PullRequestBody`): `render` is a pure function of
 * the plan, so the same plan gives the same bytes and an unchanged PR is never PATCHed; `parse` reads the
 * hidden marker back.
 */
export const PlanPrBody = { render, parse } as const;
