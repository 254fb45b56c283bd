/**
 * The model search's grants as the planner's recommendations (pure): skills added at `newSkillProficiency`,
 * skills removed, languages added at the same proficiency, each with the numbers that chose it.
 */
import type { ModelGrant } from './model-skills.js';
import type { LanguageRecommendation, SkillRecommendation } from './types.js';
import { byEmailAndSkill } from './proposal.js';

export function grantsToRecommendations(
  grants: readonly ModelGrant[],
  options: {
    /** email → skill → proficiency now (git's) */
    current: Readonly<Record<string, Readonly<Record<string, number>>>>;
    nameOf: (email: string) => string;
    languageName: (id: string) => string;
    proficiency: number;
  },
): { skills: SkillRecommendation[]; languages: LanguageRecommendation[] } {
  const skills: SkillRecommendation[] = [];
  const languages: LanguageRecommendation[] = [];
  for (const g of grants) {
    const userName = options.nameOf(g.email);
    for (const skill of g.addSkills)
      skills.push({
        email: g.email,
        userName,
        skill,
        action: 'add',
        before: undefined,
        after: options.proficiency,
        reason: g.reason,
      });
    for (const skill of g.removeSkills)
      skills.push({
        email: g.email,
        userName,
        skill,
        action: 'remove',
        before: options.current[g.email]?.[skill],
        after: undefined,
        reason: g.reason,
      });
    for (const id of g.addLanguages)
      languages.push({
        email: g.email,
        userName,
        language: options.languageName(id),
        action: 'add',
        before: undefined,
        after: options.proficiency,
        reason: g.reason,
      });
  }
  return {
    skills: skills.sort(byEmailAndSkill),
    languages: languages.sort((a, b) =>
      byEmailAndSkill({ ...a, skill: a.language }, { ...b, skill: b.language }),
    ),
  };
}
