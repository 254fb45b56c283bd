/**
 * `init`: the files of a new config repository. Pure: the package's own workflows come in as text, the files go
 * out as a map of relative path → content; writing them is write-scaffold.ts.
 */
import { ConfigError } from '../errors.js';
import { defaultSettings, renderSettingsFile, schemaFiles } from '../state/index.js';
import { actionRef, adaptWorkflow } from './adapt-workflow.js';
import type { ActionPin } from './adapt-workflow.js';

export interface ScaffoldInput {
  pin: ActionPin;
  /** the npm package name, for the README's commands */
  packageName: string;
  /** the package's .github/workflows files by name */
  workflows: Readonly<Record<string, string>>;
  /** CODEOWNERS owners (`@org/team` or `@user`); none: an example line, commented */
  owners?: readonly string[];
}

/** the package's workflows a config repository gets (ci.yml lints and tests the tool itself: not copied) */
export const WORKFLOW_NAMES: readonly string[] = ['plan.yml', 'apply.yml', 'pull-request.yml'];

export function scaffold(input: ScaffoldInput): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of WORKFLOW_NAMES) {
    const text = input.workflows[name];
    if (text === undefined)
      throw new ConfigError(
        `this installation of routing-gitops lacks .github/workflows/${name}; reinstall it`,
      );
    files[`.github/workflows/${name}`] = adaptWorkflow(name, text, input.pin);
  }
  files['.github/CODEOWNERS'] = codeowners(input.owners ?? []);
  files['.gitignore'] = GITIGNORE;
  files['desired-state/settings.yaml'] = renderSettingsFile(defaultSettings(), {
    schemaRef: '../schemas/settings.schema.json',
    comment: [
      'routing-gitops settings: every field is explained by the comment above it; defaults are written out.',
      'Edit, commit and open a pull request; `routing-gitops validate --offline` checks this file.',
    ],
  });
  for (const [name, text] of Object.entries(schemaFiles())) files[`schemas/${name}`] = text;
  files['README.md'] = readme(input);
  return files;
}

const GITIGNORE = `node_modules/
# apply's crash-recovery journal and local reports
.routing-gitops/
report.csv
apply.json
*.log
`;

function codeowners(owners: readonly string[]): string {
  const head = [
    '# Who must approve changes to the routing (Settings > Branches: require review from code owners).',
    '# The plan pull request changes desired-state/; changes to the workflows change what runs with the',
    '# Genesys credentials, so they need the same care.',
  ];
  if (owners.length === 0) {
    return `${[...head, '# * @your-org/contact-centre-routing', ''].join('\n')}`;
  }
  const who = owners.join(' ');
  return `${[
    ...head,
    `* ${who}`,
    `/desired-state/ ${who}`,
    '# guardrails, ownership and the planner policy: loosening them changes what apply may do (name a second team)',
    `/desired-state/settings.yaml ${who}`,
    `/.github/ ${who}`,
    '',
  ].join('\n')}`;
}

function readme(input: ScaffoldInput): string {
  const cli = `npx --yes --package ${input.packageName}@${input.pin.version} routing-gitops`;
  return `# Genesys Cloud routing, kept in git

This repository holds the desired routing of a Genesys Cloud org (skills and proficiencies per agent, rule
weights per queue) for [routing-gitops](https://github.com/${input.pin.repository}) v${input.pin.version}.
The workflows run the tool through the action \`${actionRef(input.pin)}\`.

## Next steps

1. **Export the org.** With an OAuth client (client credentials) that can read users, skills, queues and data
   tables, try a sandbox org first:

   \`\`\`sh
   export GENESYSCLOUD_OAUTHCLIENT_ID=… GENESYSCLOUD_OAUTHCLIENT_SECRET=… GENESYSCLOUD_REGION=mypurecloud.ie
   ${cli} export --out desired-state
   ${cli} validate
   \`\`\`

   \`export\` keeps \`desired-state/settings.yaml\`. Remove the users you do not want managed before the first
   apply: users not named in \`desired-state/\` are never touched.
2. **Review \`desired-state/settings.yaml\`**: the weights data table, ownership (authoritative or additive),
   guardrails and the planner's targets.
3. **Push to GitHub** and create the environments the workflows name (Settings > Environments), each with the
   secrets \`GENESYSCLOUD_OAUTHCLIENT_ID\` / \`GENESYSCLOUD_OAUTHCLIENT_SECRET\` and the variable
   \`GENESYSCLOUD_REGION\`: see the comment at the top of each workflow for the environment's name and the role its
   client needs (read-only for the pull-request check and the plan; write for apply, protected to \`main\`).
4. **Allow the plan pull request**: Settings > Actions > General > "Allow GitHub Actions to create and approve pull
   requests". If checks are required on \`main\`, pull requests opened with the default token get no checks: set
   the variable \`PLAN_APP_ID\` and the secret \`PLAN_APP_PRIVATE_KEY\` of a GitHub App (see plan.yml).
5. **Name the reviewers** in \`.github/CODEOWNERS\` and protect \`main\` (require review from code owners).
6. **Run the plan** once by hand (Actions > plan > Run workflow, tick "dry run") and read its files.

## What runs

| workflow | when | does |
|---|---|---|
| pull-request.yml | pull requests changing \`desired-state/\` | validates, then a dry-run apply against the org (forks: offline) |
| plan.yml | weekdays 03:17 UTC, or by hand | reads analytics, opens or updates the plan pull request; proposals of plan PRs closed unmerged, or lines deleted from them, are not proposed again for 30 days (variable \`ROUTING_GITOPS_DECLINE_DAYS\`) |
| apply.yml | push to \`main\` touching \`desired-state/\` | makes the org match \`desired-state/\`, CSV report, audit tag |

To upgrade the tool, change the version after \`@\` in the three workflows (or run
\`${cli.replace(`@${input.pin.version}`, '@<new version>')} init --force\` and review the diff).
`;
}
