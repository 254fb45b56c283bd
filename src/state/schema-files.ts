/**
 * The JSON Schema files (schemas/*.json) rendered from the TypeBox definitions. The repository's copies are kept
 * in sync by test/state/schema-files.test.ts (a file snapshot:
 * `npx vitest run test/state/schema-files.test.ts --update` rewrites them);
 * `export` writes copies next to a fresh desired-state dir with writeSchemas().
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SCHEMAS } from './schema.js';

const PRINT_WIDTH = 110;

/** file name → file content, e.g. `routing-profiles.schema.json` → `{ "$schema": … }`. */
export function schemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { fileName, schema } of Object.values(SCHEMAS)) out[fileName] = `${formatJson(schema, 0)}\n`;
  return out;
}

export async function writeSchemas(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of Object.entries(schemaFiles())) {
    await writeFile(path.join(dir, name), content);
    written.push(name);
  }
  return written;
}

const FIRST_KEYS = ['$schema', '$id', 'title', 'description', 'type', 'const', 'enum', 'default'];

/** Identifying keys first, so a person reading the file sees what a node is before its details. */
function rank(key: string): number {
  const index = FIRST_KEYS.indexOf(key);
  return index === -1 ? FIRST_KEYS.length : index;
}

/** JSON laid out as prettier lays it out: objects expanded, short arrays of scalars on one line. */
export function formatJson(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const scalars = value.every((v) => v === null || typeof v !== 'object');
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (scalars && indent + inline.length <= PRINT_WIDTH - 2) return inline;
    return `[\n${value.map((v) => pad + formatJson(v, indent + 2)).join(',\n')}\n${' '.repeat(indent)}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => rank(a) - rank(b));
    if (entries.length === 0) return '{}';
    const lines = entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${formatJson(v, indent + 2)}`);
    return `{\n${lines.join(',\n')}\n${' '.repeat(indent)}}`;
  }
  return JSON.stringify(value);
}
