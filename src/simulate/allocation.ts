/**
 * Who is available to whom. The rule, per interval:
 *
 * 1. A user holds a skill when its proficiency is > 0. Of the skills they hold, only those with demand in the
 *    interval count ("demanded skills").
 * 2. A logged-in user is one agent, shared across their demanded skills in proportion to those skills' offered
 *    load (work seconds) in the interval; a user with one demanded skill gives it a whole agent.
 * 3. Agents on a skill = Σ over holders of onShift(interval) × the holder's share of that skill.
 * 4. A queue gets each skill's agents pro rata to the queue's share of that skill's load.
 *
 * So skills compete for shared people in proportion to the work they bring, and the agents handed to queues sum
 * to the logged-in agents that hold at least one demanded skill.
 */
import type { QueueDemand } from './demand.js';

/** Users that hold exactly the same skills get exactly the same shares: evaluate each set once. */
export interface SkillSetGroup {
  skills: string[];
  holders: number;
}

export function groupSkillSets(profiles: Record<string, Record<string, number>>): SkillSetGroup[] {
  const groups = new Map<string, SkillSetGroup>();
  for (const skills of Object.values(profiles)) {
    const held = Object.keys(skills)
      .filter((skill) => (skills[skill] ?? 0) > 0)
      .sort();
    if (held.length === 0) continue;
    const key = JSON.stringify(held);
    const group = groups.get(key);
    if (group) group.holders += 1;
    else groups.set(key, { skills: held, holders: 1 });
  }
  return [...groups.values()];
}

/** Agents per skill in one interval (steps 1–3). */
export function skillAgents(
  groups: readonly SkillSetGroup[],
  skillWork: ReadonlyMap<string, number>,
  onShift: number,
): Map<string, number> {
  const agents = new Map<string, number>();
  for (const group of groups) {
    let total = 0;
    for (const skill of group.skills) total += skillWork.get(skill) ?? 0;
    if (total <= 0) continue;
    const people = onShift * group.holders;
    for (const skill of group.skills) {
      const work = skillWork.get(skill) ?? 0;
      if (work > 0) agents.set(skill, (agents.get(skill) ?? 0) + (people * work) / total);
    }
  }
  return agents;
}

/** Agents serving one queue in one interval (step 4). */
export function queueAgents(
  queue: QueueDemand,
  agentsBySkill: ReadonlyMap<string, number>,
  skillWork: ReadonlyMap<string, number>,
): number {
  let agents = 0;
  for (const [skill, work] of queue.skillWork) {
    const all = skillWork.get(skill) ?? 0;
    if (all > 0) agents += ((agentsBySkill.get(skill) ?? 0) * work) / all;
  }
  return agents;
}
