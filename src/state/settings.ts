/** settings.yaml → Settings: defaults for what the file leaves out, emails lower-cased, semantic checks. */
import type { Settings } from './model.js';
import { defaultSettings } from './defaults.js';
import { setOwn } from './own.js';
import { didYouMean } from './suggest.js';
import type { SettingsData } from './schema.js';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays, records' entries and scalars from the file win. */
function merge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    setOwn(
      out,
      key,
      isPlain(current) && isPlain(value) && Object.hasOwn(out, key) ? merge(current, value) : value,
    );
  }
  return out;
}

export function settingsFromData(data: SettingsData | undefined): Settings {
  const defaults = defaultSettings();
  if (!data) return defaults;
  const rest: Plain = { ...data };
  delete rest.apiVersion;
  delete rest.kind;
  const settings = merge(defaults as unknown as Plain, rest) as unknown as Settings;
  settings.ownership.users = Object.fromEntries(
    Object.entries(settings.ownership.users).map(([email, mode]) => [email.toLowerCase(), mode]),
  );
  settings.guardrails.protectedUsers = settings.guardrails.protectedUsers.map((e) => e.toLowerCase());
  return settings;
}

export interface SettingsIssue {
  /** JSON pointer of the offending value */
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Rules the schema cannot say. `profileFiles` are the routing-profiles files that exist. */
export function checkSettings(settings: Settings, profileFiles: ReadonlySet<string>): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const rate = settings.planner.answerRate;
  if (rate.removeBelow >= rate.addAbove) {
    issues.push({
      pointer: '/planner/answerRate/removeBelow',
      message: `removeBelow (${rate.removeBelow}) must be lower than addAbove (${rate.addAbove})`,
      severity: 'error',
    });
  }
  const weights = settings.planner.weights;
  if (weights.volume + weights.wait === 0) {
    issues.push({
      pointer: '/planner/weights',
      message: 'volume and wait cannot both be 0',
      severity: 'error',
    });
  }
  if (settings.newUsersFile?.split('/').some((s) => s === '..' || s === '.')) {
    issues.push({
      pointer: '/newUsersFile',
      message: 'newUsersFile must not contain "." or ".."',
      severity: 'error',
    });
  }
  for (const file of Object.keys(settings.ownership.files)) {
    if (profileFiles.has(file)) continue;
    issues.push({
      pointer: `/ownership/files/${file.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      message:
        `ownership.files names ${file}, which does not exist${didYouMean(file, profileFiles)}; ` +
        'write the path of a routing-profiles file relative to the desired-state folder, or remove the entry ' +
        '(a wrong path silently leaves that team under the default ownership)',
      severity: 'error',
    });
  }
  return issues;
}
