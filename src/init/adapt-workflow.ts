/**
 * The project's own workflows, adapted for a config repository: the tool comes from the pinned action instead of
 * `npm ci` in a clone of the tool. A pure text transform (comments and layout kept); it refuses a workflow it
 * cannot adapt fully, so a change to the project's workflows shows up in a test rather than in an adopter's CI.
 */
import { ConfigError } from '../errors.js';

export interface ActionPin {
  /** `owner/name` of the repository holding action.yml */
  repository: string;
  /** the package version; the action is pinned to the tag `v<version>` */
  version: string;
}

export function actionRef(pin: ActionPin): string {
  return `${pin.repository}@v${pin.version}`;
}

const SETUP_NODE = /^(\s*)- uses: actions\/setup-node@/;
const NPM_CI = /^\s*- run: npm ci\s*$/;
const LOCAL_ACTION = /^(\s*-?\s*)uses: \.\/?\s*(#.*)?$/;
/** the project's own checks (lint and tests of the tool), which a config repository does not have */
const TOOL_CHECKS = /^(\s*)- run: npm (?:run lint|test|run test)\s*$/;
const LEFTOVERS = [/\bnpm ci\b/, /\bnpx routing-gitops\b/, /uses: \.\/?\s*$/, /\bnpm (?:run|test)\b/];

/**
 * Rewrites one workflow: setup-node + `npm ci` (or `uses: ./`) → the pinned action; `npx routing-gitops` →
 * `routing-gitops` (a bare npx name could resolve to someone else's package); the tool's lint and test steps →
 * `routing-gitops validate --offline`.
 */
export function adaptWorkflow(name: string, text: string, pin: ActionPin): string {
  const ref = actionRef(pin);
  const pinned = `uses: ${ref} # routing-gitops v${pin.version}, written by routing-gitops init`;
  const lines = text.split('\n');
  const out: string[] = [];
  let validated = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const setup = SETUP_NODE.exec(line);
    if (setup) {
      const indent = setup[1]!;
      i = stepEnd(lines, i, indent.length) - 1;
      if (NPM_CI.test(lines[i + 1] ?? '')) i++;
      out.push(`${indent}- ${pinned}`);
      continue;
    }
    const local = LOCAL_ACTION.exec(line);
    if (local) {
      out.push(`${local[1]!}${pinned}`);
      continue;
    }
    const check = TOOL_CHECKS.exec(line);
    if (check) {
      if (!validated) out.push(`${check[1]!}- run: routing-gitops validate --offline`);
      validated = true;
      continue;
    }
    out.push(line.replace(/\bnpx routing-gitops\b/g, 'routing-gitops'));
  }
  const result = out.join('\n');
  const left = result
    .split('\n')
    .findIndex((l) => !l.trim().startsWith('#') && LEFTOVERS.some((r) => r.test(l)));
  if (left !== -1) {
    throw new ConfigError(
      `cannot adapt the workflow ${name} for a config repository: line ${left + 1} (${result.split('\n')[left]!.trim()}) ` +
        'still installs or runs the tool from a clone; update src/init/adapt-workflow.ts',
    );
  }
  return result;
}

/** Index of the first line after the step that starts at `start` (a `- ` item at `dash` columns). */
function stepEnd(lines: readonly string[], start: number, dash: number): number {
  let i = start + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') break;
    const indent = line.length - line.trimStart().length;
    if (indent <= dash) break;
  }
  return i;
}
