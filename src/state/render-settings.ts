/**
 * A fresh settings.yaml with every value written out and each field explained by the schema's own
 * description (one source for docs, schema and defaults).
 */
import type { TSchema } from '@sinclair/typebox';
import type { Settings } from './model.js';
import { DEFAULT_NEW_USERS_FILE, defaultSettings } from './defaults.js';
import { fileHeader } from './render.js';
import type { RenderOptions } from './render.js';
import { SettingsFile } from './schema.js';
import { byKey, yamlString } from './yaml-text.js';

const WINDOW_EXAMPLE =
  "window: { start: '22:00', end: '06:00', timeZone: Europe/London, days: [1, 2, 3, 4, 5] }";

type SchemaNode = TSchema & { properties?: Record<string, SchemaNode>; description?: string };

export function renderSettingsFile(
  settings: Settings = defaultSettings(),
  options: RenderOptions = {},
): string {
  const value = { newUsersFile: DEFAULT_NEW_USERS_FILE, ...settings } as Record<string, unknown>;
  const lines = [...fileHeader('Settings', options), ...objectLines(SettingsFile, value, 0, true)];
  return `${lines.join('\n')}\n`;
}

function objectLines(
  schema: SchemaNode,
  value: Record<string, unknown>,
  indent: number,
  top = false,
): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (top && (key === 'apiVersion' || key === 'kind')) continue;
    const comment = child.description ? [`${pad}# ${child.description}`] : [];
    const v = value[key];
    if (v === undefined) {
      if (key === 'window') lines.push(...comment, `${pad}# ${WINDOW_EXAMPLE}`);
      continue;
    }
    if (child.properties) {
      lines.push(
        ...comment,
        `${pad}${key}:`,
        ...objectLines(child, v as Record<string, unknown>, indent + 2),
      );
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byKey(a, b));
      lines.push(...comment, entries.length === 0 ? `${pad}${key}: {}` : `${pad}${key}:`);
      for (const [k, item] of entries) lines.push(`${pad}  ${yamlString(k)}: ${scalar(item)}`);
    } else {
      lines.push(...comment, `${pad}${key}: ${scalar(v)}`);
    }
  }
  return lines;
}

function scalar(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(scalar).join(', ')}]`;
  if (typeof value === 'string') return yamlString(value);
  return String(value);
}
