/**
 * Reference checks against the live org (pure): every user, skill and queue desired state names must exist.
 * Each problem points at the name in its file, with a "did you mean" when a close name exists.
 */
import type { SourceProblem } from '../errors.js';
import type { LiveQueue, LiveSkill, LiveUser, LiveWrapupCode } from '../genesys/port.js';
import type { DesiredState, SourceRef } from './model.js';
import { weightKey } from './model.js';
import { displayPath, sortProblems } from './build.js';
import { didYouMean } from './suggest.js';

export interface LiveReferences {
  users: readonly LiveUser[];
  skills: readonly LiveSkill[];
  queues: readonly LiveQueue[];
  /** the org's routing languages; when given, language names in profiles are checked too */
  languages?: readonly { id: string; name: string }[];
  /** when given, wrap-up code names in settings are checked too */
  wrapupCodes?: readonly LiveWrapupCode[];
}

/** Suggestions for emails only while the search stays cheap (unknown × known). */
const EMAIL_SUGGESTION_BUDGET = 2_000_000;

export function checkReferences(state: DesiredState, live: LiveReferences): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const display = state.displayDir ?? state.dir;
  const fallback: SourceRef = { file: 'settings.yaml', line: 1, col: 1 };
  const report = (ref: SourceRef | undefined, message: string) => {
    const at = ref ?? fallback;
    problems.push({
      file: displayPath(display, at.file),
      line: at.line,
      col: at.col,
      message,
      severity: 'error',
    });
  };
  const skills = new Set(live.skills.map((s) => s.name));
  const queues = new Set(live.queues.map((q) => q.name));
  const languages = new Set((live.languages ?? []).map((l) => l.name));
  const emails = new Set(live.users.map((u) => u.email.toLowerCase()));
  const unknownSkill = (name: string) => `unknown skill ${JSON.stringify(name)}${didYouMean(name, skills)}`;

  const unknownUsers = state.profiles.filter((p) => !emails.has(p.email));
  const suggestEmails = unknownUsers.length * emails.size <= EMAIL_SUGGESTION_BUDGET;
  for (const profile of state.profiles) {
    if (!emails.has(profile.email)) {
      const hint = suggestEmails ? didYouMean(profile.email, emails) : '';
      report(profile.source, `unknown user ${profile.email}: no Genesys Cloud user has this email${hint}`);
    }
    for (const skill of Object.keys(profile.skills)) {
      if (!skills.has(skill)) report(profile.skillSources?.[skill] ?? profile.source, unknownSkill(skill));
    }
    for (const language of Object.keys(profile.languages ?? {})) {
      if (languages.has(language)) continue;
      const hint = didYouMean(language, languages);
      const note = live.languages ? '' : ' (the org has no routing languages, or they could not be read)';
      report(
        profile.languageSources?.[language] ?? profile.source,
        `unknown routing language ${JSON.stringify(language)}${hint}${note}`,
      );
    }
  }
  for (const [queue, weights] of Object.entries(state.weights)) {
    if (!queues.has(queue)) {
      report(
        state.weightsSource[queue],
        `queue ${JSON.stringify(queue)} not found${didYouMean(queue, queues)}`,
      );
    }
    for (const skill of Object.keys(weights)) {
      if (!skills.has(skill))
        report(
          state.weightSources?.[weightKey(queue, skill)] ?? state.weightsSource[queue],
          unknownSkill(skill),
        );
    }
  }
  const settingsAt = (pointer: string) => state.settingsSources?.[pointer];
  const codes = live.wrapupCodes ? new Set(live.wrapupCodes.map((c) => c.name)) : undefined;
  for (const [code, skill] of Object.entries(state.settings.wrapupSkills)) {
    const pointer = `/wrapupSkills/${code.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (codes && !codes.has(code)) {
      report(settingsAt(pointer), `unknown wrap-up code ${JSON.stringify(code)}${didYouMean(code, codes)}`);
    }
    if (!skills.has(skill)) report(settingsAt(pointer), unknownSkill(skill));
  }
  state.settings.guardrails.protectedUsers.forEach((email, i) => {
    if (!emails.has(email)) {
      report(
        settingsAt(`/guardrails/protectedUsers/${i}`),
        `protected user ${email} is not a Genesys Cloud user (a typo leaves the intended user unprotected)`,
      );
    }
  });
  return sortProblems(problems);
}
