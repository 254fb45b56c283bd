/**
 * Reference checks against the live org (pure): every user, skill and queue desired state names must exist.
 * Each problem points at the name in its file, with a "did you mean" when a close name exists.
 */
import type { SourceProblem } from '../errors.js';
import type { DirectoryUser, LiveQueue, LiveSkill, LiveUser, LiveWrapupCode } from '../genesys/port.js';
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
  /** users deactivated in the org: named in git, they are skipped with a warning, not reported as unknown */
  inactiveUsers?: readonly Pick<DirectoryUser, 'email'>[];
}

/** Uses of one unknown name are reported once, at the first, listing this many of the others. */
const MAX_LISTED_USES = 5;

/** Suggestions for emails only while the search stays cheap (unknown × known). */
const EMAIL_SUGGESTION_BUDGET = 2_000_000;

export function checkReferences(state: DesiredState, live: LiveReferences): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const display = state.displayDir ?? state.dir;
  const fallback: SourceRef = { file: 'settings.yaml', line: 1, col: 1 };
  const report = (ref: SourceRef | undefined, message: string, severity: 'error' | 'warning' = 'error') => {
    const at = ref ?? fallback;
    problems.push({ file: displayPath(display, at.file), line: at.line, col: at.col, message, severity });
  };
  const shown = (ref: SourceRef) => `${displayPath(display, ref.file)}:${ref.line}`;
  const skills = new Set(live.skills.map((s) => s.name));
  const queues = new Set(live.queues.map((q) => q.name));
  const languages = new Set((live.languages ?? []).map((l) => l.name));
  const emails = new Set(live.users.map((u) => u.email.toLowerCase()));
  // a skill deleted or renamed in the org: one error per name, at its first use, naming the other lines
  const unknownSkillUses = new Map<string, SourceRef[]>();
  const unknownSkill = (name: string, ref: SourceRef | undefined) => {
    const uses = unknownSkillUses.get(name) ?? [];
    uses.push(ref ?? fallback);
    unknownSkillUses.set(name, uses);
  };
  const inactive = new Set((live.inactiveUsers ?? []).map((u) => u.email.toLowerCase()));

  const unknownUsers = state.profiles.filter((p) => !emails.has(p.email) && !inactive.has(p.email));
  const suggestEmails = unknownUsers.length * emails.size <= EMAIL_SUGGESTION_BUDGET;
  for (const profile of state.profiles) {
    if (inactive.has(profile.email) && !emails.has(profile.email)) {
      report(
        profile.source,
        `${profile.email} is inactive (deactivated) in Genesys Cloud: skipped, nothing is written for this user; ` +
          'remove the entry (the next plan proposes it)',
        'warning',
      );
      continue;
    }
    if (!emails.has(profile.email)) {
      const hint = suggestEmails ? didYouMean(profile.email, emails) : '';
      // Genesys lists only the users in divisions the client's role covers: invisible reads like unknown
      const scope = ` (deleted, or in a division this OAuth client's role does not cover?)${hint}`;
      report(profile.source, `unknown user ${profile.email}: no Genesys Cloud user has this email${scope}`);
    }
    for (const skill of Object.keys(profile.skills)) {
      if (!skills.has(skill)) unknownSkill(skill, profile.skillSources?.[skill] ?? profile.source);
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
        unknownSkill(skill, state.weightSources?.[weightKey(queue, skill)] ?? state.weightsSource[queue]);
    }
  }
  const settingsAt = (pointer: string) => state.settingsSources?.[pointer];
  const codes = live.wrapupCodes ? new Set(live.wrapupCodes.map((c) => c.name)) : undefined;
  for (const [code, skill] of Object.entries(state.settings.wrapupSkills)) {
    const pointer = `/wrapupSkills/${code.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (codes && !codes.has(code)) {
      report(settingsAt(pointer), `unknown wrap-up code ${JSON.stringify(code)}${didYouMean(code, codes)}`);
    }
    if (!skills.has(skill)) unknownSkill(skill, settingsAt(pointer));
  }
  state.settings.guardrails.protectedUsers.forEach((email, i) => {
    if (!emails.has(email) && !inactive.has(email)) {
      report(
        settingsAt(`/guardrails/protectedUsers/${i}`),
        `protected user ${email} is not a Genesys Cloud user (a typo leaves the intended user unprotected)`,
      );
    }
  });
  for (const [name, uses] of unknownSkillUses) {
    const [first, ...others] = uses;
    const listed = others.slice(0, MAX_LISTED_USES).map(shown);
    const more = others.length > MAX_LISTED_USES ? ` and ${others.length - MAX_LISTED_USES} more` : '';
    const also = others.length > 0 ? `; also used at ${listed.join(', ')}${more}` : '';
    const hint = didYouMean(name, skills);
    const gone =
      hint ||
      " (not in the org: deleted or renamed there, or in a division this OAuth client's role does not cover?)";
    const fix = others.length > 0 ? '; change or remove it in every place' : '';
    report(first, `unknown skill ${JSON.stringify(name)}${gone}${also}${fix}`);
  }
  return sortProblems(problems);
}
