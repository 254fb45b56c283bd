import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { attributeDrift } from '../../apply/drift.js';
import { lastCommitTime } from '../../apply/git.js';
import { loadValidateAndDiff } from '../../apply/prepare.js';
import type { GenesysPort } from '../../genesys/port.js';
import { analyticsReader } from '../analytics.js';
import { fetchCentreData, modelCapacity, withAgentCapacity } from '../centre-analytics.js';
import { recommendSkills, type SkillPlan } from '../skills.js';
import { recommendFromModel } from '../model-skills.js';
import { grantsToRecommendations } from '../model-recommend.js';
import type {
  DriftEntry,
  LanguageRecommendation,
  PlanOutcome,
  RejectedRecommendation,
  SkillRecommendation,
} from '../types.js';
import { checkWeightsWithModel } from '../model-weights.js';
import { recommendWeights } from '../weights.js';
import { searchWeights } from '../weights-search.js';
import { renderWhatIfMarkdown, simulateWhatIf } from '../../simulate/index.js';
import { GENESYS_DEFAULT_CAPACITY } from '../../simulate/centre/capacity.js';
import { streamPriorities } from '../../simulate/centre/priority.js';
import { CentreRunCache } from '../../simulate/centre/parallel.js';
import { weightsEvaluator } from '../../simulate/centre/weights-effect.js';
import { simulateCentreWhatIf } from '../../simulate/centre/what-if.js';
import type { WhatIfResult } from '../../simulate/types.js';
import {
  inactiveProfileRemovals,
  loadDesiredState,
  planDesiredStateWrites,
  stateDigest,
} from '../../state/index.js';
import { writeFileInside } from '../../state/safe-write.js';
import { NAME_PATTERN } from '../../state/schema.js';
import type { DesiredState } from '../../state/model.js';
import { applyReviewerControl, type Decline } from '../../review/reviewer-control.js';
import { applyRecommendations, breaches, culprits, memberCulprits } from './floor.js';
import type { Change, LiveOrg } from '../../apply/types.js';
import { centreModelInput, whatIfDemand } from './what-if-input.js';
import { languagesAsSkills, restoreLanguages, withLanguageSkills } from './languages-as-skills.js';
import { assertEnoughData } from './enough-data.js';
import { FULL_MODEL_AGENTS, modelBudget, RECENT_DAYS } from '../model-budget.js';

const run = promisify(execFile);
/** members per queue whose utilization the planner reads (the rest take their queue's sampled mean) */
const PLANNER_UTILIZATION_SAMPLE = 3;
/** names desired state can hold (src/state/schema.ts): a proposal for any other skill would fail validation */
const writableName = new RegExp(NAME_PATTERN, 'u');

export interface PlanOptions {
  dir: string;
  days: number | undefined;
  now: Date;
  clientId: string | undefined;
  port: () => Promise<GenesysPort>;
  onStep?: (step: string) => void;
  /** declines read from closed plan pull requests (src/review/closed-plans.ts), besides plan/declined.json */
  declines?: Decline[];
}

export interface PlanRun {
  outcome: PlanOutcome;
  /** changed files, paths relative to the repository root */
  files: { path: string; content: string }[];
  repoRoot: string;
  hasChanges: boolean;
}

/** The repository root that holds `dir` (its git top level, else its parent). */
export async function repositoryRoot(dir: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
    return stdout.trim();
  } catch {
    return dirname(dir);
  }
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

/** analytics → recommendations → floor check → new YAML + what-if + diff (nothing is written to the org). */
export async function runPlan(options: PlanOptions): Promise<PlanRun> {
  const step = options.onStep ?? (() => undefined);
  step('loading desired state and the live org');
  const { desired, live, changes, inactive } = await loadValidateAndDiff(options.dir, options.port);
  // deactivated agents git still names: their entries go (apply already skips them with a warning)
  const removals = inactiveProfileRemovals(desired, inactive);
  const port = await options.port();
  const settings = desired.settings;
  const days = options.days ?? settings.planner.days;
  const since = await lastCommitTime(options.dir);
  const drift = toDriftEntries(
    changes,
    await attributeDrift(port, changes, options.now, options.clientId, since),
  );
  step(`reading ${days} days of analytics`);
  const reader = await analyticsReader(port, {
    now: options.now,
    days,
    chunkDays: settings.planner.chunkDays,
    queues: live.queues,
    skills: live.skills,
  });
  // the per-agent queries (activity per half hour, agent × skill: most of the conversation aggregates' bytes at
  // 10,000 agents) feed only the table-based staffing policies and the Erlang what-if; with the centre model and
  // the staffing policy nothing reads them, so they are made only when the model is missing or not used
  const modelPolicy = settings.planner.policy === 'staffing' && port.queryUserAggregates !== undefined;
  const members = readQueueMembers(port, live);
  const [queuesRead, membersRead, centreRead] = await Promise.allSettled([
    modelPolicy ? reader.readQueues() : Promise.all([reader.readQueues(), reader.readAgents()]),
    members,
    // the centre model needs agents' presence (users aggregates); without it the Erlang what-if stands in
    port.queryUserAggregates
      ? fetchCentreData(port, {
          now: options.now,
          days,
          chunkDays: settings.planner.chunkDays,
          queues: live.queues,
          skills: live.skills,
          userIds: live.users.map((u) => u.id),
          // agents' utilization (GET …/utilization): three members per queue, the rest take their queue's
          // mean (an org's utilization is mostly its org-wide default; a hundred reads per queue cost minutes
          // at 300 requests a minute, and doubled the plan's time on an 80-user org). The presence reads do not
          // wait for the members
          queueMembers: members.then((m) => m.byId),
          utilizationSample: PLANNER_UTILIZATION_SAMPLE,
          // a large org's model simulates only its most recent days (below, and the formula policy's 7-day
          // weights check): half-hourly presence is read for those days, routing-status totals for the period
          ...(live.users.length > FULL_MODEL_AGENTS ? { presenceDays: RECENT_DAYS } : {}),
        })
      : Promise.resolve(undefined),
  ]);
  if (queuesRead.status === 'rejected') throw queuesRead.reason;
  if (modelPolicy && centreRead.status === 'fulfilled' && centreRead.value?.presence === undefined)
    await reader.readAgents(); // the org served no presence: the table-based policy decides after all
  const table = reader.build();
  assertEnoughData(table); // too few days or conversations: refuse before recommending anything
  if (membersRead.status === 'rejected') throw membersRead.reason;
  if (centreRead.status === 'rejected') throw centreRead.reason;
  const queueMembers = membersRead.value;
  const centre = centreRead.value;
  const model =
    centre?.presence !== undefined
      ? withUtilization(centre, live.users, queueMembers.byId, settings)
      : undefined;
  const capacity = model?.capacity ?? GENESYS_DEFAULT_CAPACITY;
  // a large centre: shorter windows, fewer runs, in proportion to its size (recommend/model-budget.ts); one
  // whose presence was read for its most recent days only keeps its windows within them
  const budget = modelBudget(
    model?.agents.length ?? 0,
    centre?.presenceDays !== undefined ? { maxDays: centre.presenceDays } : {},
  );
  // everyone's skills as the what-if sees them: git's for the users git names, live for the rest; users git
  // does not name count as holders but are never changed (the applier would not touch them either)
  const named = new Set(desired.profiles.map((p) => p.email));
  const current: Record<string, Record<string, number>> = {};
  for (const u of live.users) {
    current[u.email.toLowerCase()] = Object.fromEntries(u.skills.map((s) => [s.name, s.proficiency]));
  }
  for (const p of desired.profiles) {
    current[p.email] =
      p.ownership === 'authoritative' ? { ...p.skills } : { ...current[p.email], ...p.skills };
  }
  const protectedUsers = [
    ...settings.guardrails.protectedUsers,
    ...live.users.map((u) => u.email.toLowerCase()).filter((e) => !named.has(e)),
  ];
  step('recommending');
  // The model is not calibrated here (calibrateCentreInput, simulate/centre/what-if.ts): with it on, the
  // quality bench (seeds 1-5, common random numbers) gained 2.13 points of org service level on average instead
  // of 2.25, and the what-if's predicted gain per queue was further from the measured one (0.57 vs 0.43 points
  // mean), at 4-10 more whole-centre runs. The searches and the what-if map the raw model onto the measured
  // service level by a logit offset per queue × media instead.
  const languageNames = new Map<string, string>();
  for (const u of live.users) for (const l of u.languages ?? []) languageNames.set(l.id, l.name);
  for (const l of live.languages ?? []) languageNames.set(l.id, l.name);
  const languageName = (id: string): string => languageNames.get(id) ?? id;
  const nameOfEmail = new Map(live.users.map((u) => [u.email.toLowerCase(), u.name]));
  let languageRecs: LanguageRecommendation[] = [];
  // the weights search starts from the skills the skills search settled on: it reuses that search's run
  const modelRuns = new CentreRunCache();
  let skillPlan: Pick<SkillPlan, 'recommendations' | 'rejected'>;
  if (model && settings.planner.policy === 'staffing') {
    // the centre model proposes: candidate moves scored by its predicted org service level (recommend/model-skills)
    const isProtected = new Set(protectedUsers);
    const changeable = new Map(
      live.users.flatMap((u) => {
        const email = u.email.toLowerCase();
        return named.has(email) && !isProtected.has(email) ? [[u.id, email] as const] : [];
      }),
    );
    const searched = recommendFromModel({
      ...model,
      runs: modelRuns,
      capacity,
      priorities: streamPriorities(model.streams, desired.weights),
      skills: skillsById(live.users, current),
      changeable,
      writable: (skill) => writableName.test(skill),
      maxUsers: settings.planner.maxUsersChangedPerPlan,
      languageName,
      measured: measuredCells(centre),
      // a large centre: a shorter window and fewer simulations, in proportion to its size (each is a
      // whole-centre run: recommend/model-budget.ts); common random numbers (simulate/centre/run.ts) let a move
      // be judged on fewer days; the full what-if runs once at the end
      searchDays: budget.skills.days,
      maxEvaluations: budget.skills.evaluations,
    });
    const recs = grantsToRecommendations(searched.grants, {
      current,
      nameOf: (email) => nameOfEmail.get(email) ?? email,
      languageName,
      proficiency: settings.planner.newSkillProficiency,
    });
    skillPlan = { recommendations: recs.skills, rejected: searched.declined };
    languageRecs = recs.languages;
  } else
    skillPlan = recommendSkills({
      table,
      users: live.users.map((u) => ({ id: u.id, email: u.email.toLowerCase(), name: u.name })),
      current,
      queueMembers: queueMembers.byName,
      settings: settings.planner,
      protectedUsers,
    });
  const formulaWeights = recommendWeights({
    table,
    current: desired.weights,
    weights: settings.planner.weights,
    wrapupSkills: settings.wrapupSkills,
  });
  // the formula proposes, the model disposes: weight changes the model shows lower the org's service level, or
  // that starve a stream, are rejected (7 most recent days, skills as they are)
  const weightPlan =
    model && (settings.planner.weightsPolicy ?? 'model') === 'model'
      ? (() => {
          // the model chooses: weights it shows raise the org's service level with the plan's skills and
          // languages, never starving a stream (recommend/weights-search.ts)
          const skillsNext = skillsById(live.users, applyRecommendations(current, skillPlan.recommendations));
          const languagesNext = proposedLanguages(model.agents, languageRecs, live.users, languageNames);
          const searched = searchWeights({
            ...model,
            runs: modelRuns,
            agents: model.agents.map((a) => ({
              ...a,
              skills: skillsNext[a.id] ?? {},
              languages: languagesNext[a.id] ?? a.languages,
            })),
            capacity,
            current: desired.weights,
            measured: measuredCells(centre),
            hysteresis: settings.planner.weights.hysteresis,
            searchDays: budget.weights.days,
            maxEvaluations: budget.weights.evaluations,
            languageName,
          });
          return { weights: searched.weights, rejected: searched.rejected };
        })()
      : model
        ? (() => {
            const checked = checkWeightsWithModel({
              proposed: formulaWeights.weights,
              current: desired.weights,
              evaluate: weightsEvaluator({ ...model, capacity }, skillsById(live.users, current), 7),
            });
            return { weights: checked.weights, rejected: [...formulaWeights.rejected, ...checked.rejected] };
          })()
        : formulaWeights;
  await applyReviewerControl(desired, skillPlan, weightPlan, options.now, options.declines); // pins and declines: src/review
  step('simulating the what-if');
  const idOf = new Map(live.users.map((u) => [u.email.toLowerCase(), u.id]));
  const agents = Object.values(current).filter((skills) => Object.keys(skills).length > 0).length;
  const { demand, onShift } = whatIfDemand(table, agents);
  const byId = (m: Record<string, Record<string, number>>): Record<string, Record<string, number>> =>
    Object.fromEntries(
      Object.entries(m).flatMap(([email, s]) => (idOf.has(email) ? [[idOf.get(email) ?? email, s]] : [])),
    );
  const additive = new Set(desired.profiles.filter((p) => p.ownership === 'additive').map((p) => p.email));
  let recommendations: SkillRecommendation[] = skillPlan.recommendations.filter(
    (r) => !(r.action === 'remove' && additive.has(r.email)) && writableName.test(r.skill),
  );
  const rejected: RejectedRecommendation[] = [
    ...skillPlan.recommendations
      .filter((r) => r.action === 'remove' && additive.has(r.email))
      .map((r) => ({
        subject: `${r.email}: remove ${r.skill}`,
        reason: 'the user is additive in settings, so apply never removes their skills',
      })),
    ...skillPlan.recommendations
      .filter((r) => !writableName.test(r.skill))
      .map((r) => ({
        subject: `${r.email}: ${r.action} ${r.skill}`,
        reason:
          'the skill\'s name (with "|" or a control character) cannot be written in desired state; rename it in Genesys Cloud',
      })),
    ...skillPlan.rejected,
    ...weightPlan.rejected,
  ];
  const nextWeights: Record<string, Record<string, number>> = {};
  for (const w of weightPlan.weights)
    nextWeights[w.queue] = {
      ...(nextWeights[w.queue] ?? desired.weights[w.queue] ?? {}),
      [w.skill]: w.after,
    };
  const simulate = (recs: readonly SkillRecommendation[]): WhatIfResult => {
    if (model) {
      // languages ride along as pseudo-skills so that a plan's language changes are in the comparison
      const languagesNow = Object.fromEntries(model.agents.map((a) => [a.id, a.languages]));
      const languagesNext = proposedLanguages(model.agents, languageRecs, live.users, languageNames);
      const streams = languagesAsSkills(model.streams);
      const result = restoreLanguages(
        simulateCentreWhatIf({
          ...model,
          streams,
          agents: model.agents.map((a) => ({ ...a, languages: [] })),
          current: withLanguageSkills(byId(current), languagesNow),
          proposed: withLanguageSkills(byId(applyRecommendations(current, recs)), languagesNext),
          currentPriorities: streamPriorities(model.streams, desired.weights),
          proposedPriorities: streamPriorities(model.streams, { ...desired.weights, ...nextWeights }),
          capacity,
          replications: budget.whatIf.replications,
          // a big org: its most recent days (both states see the same contacts: the difference is the change)
          ...budget.whatIf.window,
          seed: 1,
          answerWithinSeconds: settings.planner.answerWithinSeconds,
          serviceLevelTarget: settings.planner.serviceLevelTarget,
          serviceLevelFloor: settings.guardrails.serviceLevelFloor,
        }),
        languageName,
      );
      return { ...result, belowFloor: breaches(result.belowFloor) };
    }
    const result = simulateWhatIf({
      demand,
      onShift,
      current: byId(current),
      proposed: byId(applyRecommendations(current, recs)),
      answerWithinSeconds: settings.planner.answerWithinSeconds,
      serviceLevelTarget: settings.planner.serviceLevelTarget,
      serviceLevelFloor: settings.guardrails.serviceLevelFloor,
      queueMembers: queueMembers.byId,
      calibrate: true,
    });
    return { ...result, belowFloor: breaches(result.belowFloor) };
  };
  // drop what pushes a queue under the floor, a few rounds at most; if a breach remains that no single
  // recommendation explains, drop the skill changes altogether rather than propose a plan apply would refuse
  let finalWhatIf = simulate(recommendations);
  for (let round = 0; round < 4 && finalWhatIf.belowFloor.length > 0; round++) {
    // with the centre model the culprits are the changes of the breaching queues' members (languages too)
    const split = model
      ? memberCulprits(finalWhatIf.belowFloor, recommendations, languageRecs, queueMembers.byName)
      : {
          ...culprits(finalWhatIf.belowFloor, demand, current, recommendations, queueMembers.byName),
          keepLanguages: languageRecs,
        };
    if (split.rejected.length === 0) break;
    recommendations = split.keep;
    languageRecs = split.keepLanguages;
    rejected.push(...split.rejected);
    finalWhatIf = simulate(recommendations);
  }
  if (finalWhatIf.belowFloor.length > 0) {
    const queues = finalWhatIf.belowFloor.map((q) => q.queue).join(', ');
    rejected.push(
      ...recommendations.map((r) => ({
        subject: `${r.email}: ${r.action} ${r.skill}`,
        reason: `the plan as a whole put ${queues} under the service-level floor`,
      })),
    );
    rejected.push(
      ...languageRecs.map((l) => ({
        subject: `${l.email}: ${l.action} language ${l.language}`,
        reason: `the plan as a whole put ${queues} under the service-level floor`,
      })),
    );
    recommendations = [];
    languageRecs = [];
    finalWhatIf = simulate(recommendations);
  }
  const nextProfiles = applyRecommendations(current, recommendations);
  const changedEmails = [...new Set(recommendations.map((r) => r.email))];
  // a user's languages as git should hold them after the plan: git's map (or, when git does not list their
  // languages yet, everything they hold live, which apply would otherwise remove) plus the additions
  const nextLanguages: Record<string, Record<string, number>> = {};
  for (const l of languageRecs) {
    const profile = desired.profiles.find((p) => p.email === l.email);
    const liveUser = live.users.find((u) => u.email.toLowerCase() === l.email);
    const base =
      nextLanguages[l.email] ??
      profile?.languages ??
      Object.fromEntries((liveUser?.languages ?? []).map((x) => [x.name, x.proficiency]));
    const next = { ...base };
    if (l.action === 'add' && l.after !== undefined) next[l.language] = l.after;
    else delete next[l.language];
    nextLanguages[l.email] = next;
  }
  step('writing the plan');
  const repoRoot = await repositoryRoot(options.dir);
  const relDir = toPosix(relative(repoRoot, options.dir)) || '.';
  const yamlWrites = await planYaml(
    desired,
    recommendations,
    changedEmails,
    nextProfiles,
    nextWeights,
    removals,
    nextLanguages,
  );
  const yamlDiff = [...yamlWrites]
    .map(([file, next]) =>
      createTwoFilesPatch(`a/${relDir}/${file}`, `b/${relDir}/${file}`, next.old ?? '', next.text, '', '', {
        context: 3,
      }),
    )
    .join('');
  const files = {
    whatIfMarkdown: `${relDir}/plan/what-if.md`,
    whatIfJson: `${relDir}/plan/what-if.json`,
    yamlDiff: `${relDir}/plan/yaml.diff`,
    changesJson: `${relDir}/plan/changes.json`,
  };
  const outcome: PlanOutcome = {
    timeZone: settings.report.timeZone,
    generatedAt: options.now.toISOString(),
    days,
    policy: settings.planner.policy,
    recommendations,
    weights: weightPlan.weights,
    rejected,
    whatIf: finalWhatIf,
    drift,
    files,
    yamlDiff,
    apiCalls: port.stats.requests,
    skillsBefore: Object.fromEntries(changedEmails.map((e) => [e, current[e] ?? {}])),
    ...(languageRecs.length > 0 ? { languages: languageRecs } : {}),
    inactiveRemoved: Object.keys(removals).sort(),
  };
  const hasChanges =
    recommendations.length > 0 ||
    languageRecs.length > 0 ||
    weightPlan.weights.length > 0 ||
    Object.keys(removals).length > 0;
  const out: { path: string; content: string }[] = [];
  if (hasChanges) {
    for (const [file, next] of yamlWrites) out.push({ path: `${relDir}/${file}`, content: next.text });
    out.push({ path: files.whatIfMarkdown, content: renderWhatIfMarkdown(finalWhatIf) });
    out.push({ path: files.whatIfJson, content: `${JSON.stringify(finalWhatIf, null, 2)}\n` });
    out.push({ path: files.yamlDiff, content: yamlDiff });
    out.push({
      path: files.changesJson,
      content: `${JSON.stringify({ days, policy: outcome.policy, recommendations, languages: languageRecs, weights: weightPlan.weights, rejected }, null, 2)}\n`,
    });
  }
  return { outcome, files: out, repoRoot, hasChanges };
}

async function planYaml(
  desired: DesiredState,
  recommendations: readonly SkillRecommendation[],
  emails: string[],
  nextProfiles: Record<string, Record<string, number>>,
  nextWeights: Record<string, Record<string, number>>,
  removals: Record<string, null>,
  languages: Record<string, Record<string, number>> = {},
): Promise<Map<string, { old: string | undefined; text: string }>> {
  const texts = new Map<string, string | undefined>();
  const files = new Set<string>([
    ...desired.profiles.map((p) => p.source.file),
    ...Object.values(desired.weightsSource).map((s) => s.file),
    desired.settings.newUsersFile ?? 'routing-profiles/unassigned.yaml',
    'rule-weights.yaml',
  ]);
  for (const file of files) {
    try {
      texts.set(file, await readFile(join(desired.dir, file), 'utf8'));
    } catch {
      texts.set(file, undefined);
    }
  }
  const byEmail = new Map(desired.profiles.map((p) => [p.email, p]));
  // an additive profile lists only what git owns: its own skills plus what the plan adds or changes
  const profiles = Object.fromEntries(
    emails.map((e) => {
      const next = nextProfiles[e] ?? {};
      const p = byEmail.get(e);
      if (p?.ownership !== 'additive') return [e, next];
      const own = Object.fromEntries(
        Object.keys(p.skills).flatMap((k) => (Object.hasOwn(next, k) ? [[k, next[k] ?? 0]] : [])),
      );
      for (const r of recommendations.filter((x) => x.email === e && x.action !== 'remove'))
        own[r.skill] = r.after ?? 0;
      return [e, own];
    }),
  );
  // languages are edited in the same pass as the skills (state/update.ts): one parse of each file
  const writes = planDesiredStateWrites(
    { profiles: { ...profiles, ...removals }, weights: nextWeights, languages },
    desired,
    (rel) => texts.get(rel),
  );
  return new Map([...writes].map(([file, text]) => [file, { old: texts.get(file), text }]));
}

/**
 * Writes the plan's files into the working tree, then stamps the what-if with the digest of the desired state it
 * was computed for (apply uses a what-if only for that exact state). Returns the files as written.
 */
export async function writePlanFiles(
  repoRoot: string,
  files: readonly { path: string; content: string }[],
  dir?: string,
  whatIfPath?: string,
): Promise<{ path: string; content: string }[]> {
  const write = async (f: { path: string; content: string }): Promise<void> => {
    await writeFileInside(repoRoot, f.path, f.content);
  };
  for (const f of files) await write(f);
  const index = files.findIndex((f) => f.path === whatIfPath);
  const whatIf = files[index];
  if (dir === undefined || !whatIf) return [...files];
  const loaded = await loadDesiredState(dir);
  if (!loaded.value) return [...files];
  const stamped = {
    path: whatIf.path,
    content: `${JSON.stringify({ ...(JSON.parse(whatIf.content) as object), stateDigest: stateDigest(loaded.value) }, null, 2)}\n`,
  };
  await write(stamped);
  return files.map((f, i) => (i === index ? stamped : f));
}

/** Members of every queue: by queue name → emails (for the planner) and by queue id → user ids (for the what-if). */
async function readQueueMembers(
  port: GenesysPort,
  live: LiveOrg,
): Promise<{ byName: Record<string, string[]>; byId: Record<string, string[]> }> {
  const emailOf = new Map(live.users.map((u) => [u.id, u.email.toLowerCase()]));
  const byName: Record<string, string[]> = {};
  const byId: Record<string, string[]> = {};
  const lists = await Promise.all(live.queues.map((q) => port.listQueueMembers(q.id)));
  live.queues.forEach((q, i) => {
    const ids = lists[i] ?? [];
    byId[q.id] = ids;
    byName[q.name] = ids.flatMap((id) => (emailOf.has(id) ? [emailOf.get(id) ?? id] : []));
  });
  return { byName, byId };
}

function toDriftEntries(
  changes: readonly Change[],
  notes: Awaited<ReturnType<typeof attributeDrift>>,
): DriftEntry[] {
  const by = new Map(notes.map((n) => [n.email, n]));
  const out: DriftEntry[] = [];
  for (const c of changes) {
    if (c.kind !== 'user-skills') continue;
    const note = by.get(c.target.email);
    if (!note) continue;
    out.push({
      subject: c.target.email,
      detail: c.changes
        .map((s) => `${s.skill}: git ${s.after ?? 'none'}, live ${s.before ?? 'none'}`)
        .join('; '),
      changedBy: note.changedBy,
      changedAt: note.changedAt,
    });
  }
  return out;
}

/** per stream of the centre data: its queue × media cell and what was measured for the cell */
function measuredCells(
  centre: Awaited<ReturnType<typeof fetchCentreData>> | undefined,
): { cell: string; offered: number; within: number }[] | undefined {
  if (!centre) return undefined;
  return centre.streams.map((x) => {
    const cell = `${x.queueId}|${x.media}`;
    const m = centre.measured.get(cell);
    return { cell, offered: m?.offered ?? 0, within: m?.within ?? 0 };
  });
}

/** user id → language ids after the plan's language changes */
function proposedLanguages(
  agents: readonly { id: string; languages: readonly string[] }[],
  recs: readonly LanguageRecommendation[],
  users: LiveOrg['users'],
  names: ReadonlyMap<string, string>,
): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(agents.map((a) => [a.id, [...a.languages]]));
  const idOf = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const idOfLanguage = new Map([...names].map(([id, name]) => [name, id]));
  for (const l of recs) {
    const id = idOf.get(l.email);
    const lang = idOfLanguage.get(l.language);
    if (id === undefined || lang === undefined) continue;
    const list = out[id] ?? [];
    out[id] = l.action === 'add' ? [...list, lang] : list.filter((x) => x !== lang);
  }
  return out;
}

/**
 * The centre model's input with the agents' measured utilization (contacts of each media at once) when the org
 * served it, else Genesys's defaults raised to the concurrency measured from INTERACTING time.
 */
function withUtilization(
  centre: Awaited<ReturnType<typeof fetchCentreData>>,
  users: LiveOrg['users'],
  members: Record<string, string[]>,
  settings: DesiredState['settings'],
): ReturnType<typeof centreModelInput> & { capacity: Readonly<Record<string, number>> } {
  const { concurrency, ...input } = centreModelInput(
    centre,
    users,
    members,
    settings.planner.answerWithinSeconds,
  );
  const capacity = modelCapacity(centre, GENESYS_DEFAULT_CAPACITY);
  if (!capacity.measured)
    return { ...input, ...(concurrency ? { concurrency } : {}), capacity: capacity.capacity };
  return { ...input, agents: withAgentCapacity(input.agents, centre), capacity: capacity.capacity };
}

/** user id → skills, from the email-keyed maps the planner works with */
function skillsById(
  users: LiveOrg['users'],
  byEmail: Record<string, Record<string, number>>,
): Record<string, Record<string, number>> {
  return Object.fromEntries(users.map((u) => [u.id, byEmail[u.email.toLowerCase()] ?? {}]));
}
