import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_SETTINGS } from '../../src/state/defaults.js';
import { loadDesiredState } from '../../src/state/load.js';
import { isTimeZone, SCHEMAS, SettingsFile, TIME_ZONE_FORMAT } from '../../src/state/schema.js';
import { schemaFiles, writeSchemas } from '../../src/state/schema-files.js';
import { kindFor } from '../../src/state/build.js';
import { withTempDir } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.parentPath.split(path.sep).includes('plan'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Example desired-state dirs in the repository: desired-state/ and each test fixture tree. */
async function exampleDirs(): Promise<string[]> {
  const fixtures = path.join(ROOT, 'test/fixtures/desired-state');
  const trees = (await readdir(fixtures, { withFileTypes: true })).filter((e) => e.isDirectory());
  const dirs = trees.map((e) => path.join(fixtures, e.name));
  if ((await yamlFilesUnder(path.join(ROOT, 'desired-state'))).length > 0)
    dirs.push(path.join(ROOT, 'desired-state'));
  return dirs;
}

describe('JSON Schemas', () => {
  it.each(Object.values(SCHEMAS).map((s) => s.fileName))(
    'schemas/%s is exactly what the TypeBox definitions render (npx vitest run test/state/schema-files.test.ts --update rewrites it)',
    async (name) => {
      await expect(schemaFiles()[name]).toMatchFileSnapshot(path.join(ROOT, 'schemas', name));
    },
  );

  it('every schema file compiles under ajv strict mode as draft 2020-12 with an $id', async () => {
    const ajv = new Ajv2020({ strict: true }).addFormat(TIME_ZONE_FORMAT, isTimeZone);
    for (const { fileName } of Object.values(SCHEMAS)) {
      const schema = JSON.parse(await readFile(path.join(ROOT, 'schemas', fileName), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`https://routing-gitops.dev/schemas/${fileName}`);
      expect(() => ajv.compile(schema)).not.toThrow();
    }
  });

  it('writeSchemas writes the same files', async () => {
    await withTempDir(async (dir) => {
      expect(await writeSchemas(dir)).toEqual(Object.keys(schemaFiles()));
      for (const [name, content] of Object.entries(schemaFiles())) {
        expect(await readFile(path.join(dir, name), 'utf8')).toBe(content);
      }
    });
  });

  it('the settings schema and the defaults describe the same fields, with the same default values', () => {
    type Node = { properties?: Record<string, Node>; default?: unknown };
    const schemaPaths = new Map<string, unknown>();
    const walk = (node: Node, prefix: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const p = prefix ? `${prefix}.${key}` : key;
        if (child.properties && key !== 'window') walk(child, p);
        else schemaPaths.set(p, child.default);
      }
    };
    walk(SettingsFile, '');
    const defaultPaths = new Map<string, unknown>();
    const walkValue = (value: Record<string, unknown>, prefix: string, schema: Node) => {
      for (const [key, v] of Object.entries(value)) {
        const p = prefix ? `${prefix}.${key}` : key;
        const child = schema.properties?.[key];
        if (child?.properties && v && typeof v === 'object' && !Array.isArray(v))
          walkValue(v as Record<string, unknown>, p, child);
        else defaultPaths.set(p, v);
      }
    };
    walkValue(DEFAULT_SETTINGS, '', SettingsFile);
    const optionalOnly = ['apiVersion', 'kind', 'newUsersFile', 'guardrails.window'];
    expect([...schemaPaths.keys()].filter((p) => !optionalOnly.includes(p)).sort()).toEqual(
      [...defaultPaths.keys()].sort(),
    );
    for (const [p, value] of defaultPaths) {
      const declared = schemaPaths.get(p);
      if (declared !== undefined) expect({ [p]: declared }).toEqual({ [p]: value });
    }
  });
});

describe('example files', () => {
  it('every example desired-state file validates against the JSON Schema files and loads cleanly', async () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true }).addFormat(TIME_ZONE_FORMAT, isTimeZone);
    const validators = new Map<string, ValidateFunction>();
    const validatorFor = async (kind: keyof typeof SCHEMAS) => {
      const name = SCHEMAS[kind].fileName;
      const existing = validators.get(name);
      if (existing) return existing;
      const schema = JSON.parse(await readFile(path.join(ROOT, 'schemas', name), 'utf8')) as object;
      const compiled = ajv.compile(schema);
      validators.set(name, compiled);
      return compiled;
    };
    const dirs = await exampleDirs();
    expect(dirs.length).toBeGreaterThan(0);
    let checked = 0;
    for (const dir of dirs) {
      for (const file of await yamlFilesUnder(dir)) {
        const rel = path.relative(dir, file).split(path.sep).join('/');
        if (rel.startsWith('schemas/')) continue;
        const kind = kindFor(rel);
        expect(kind, rel).toBeDefined();
        const validate = await validatorFor(kind!);
        const text = await readFile(file, 'utf8');
        const valid = validate(parse(text));
        expect({ file, errors: validate.errors ?? null }).toEqual({ file, errors: null });
        expect(valid).toBe(true);
        const ref = /# yaml-language-server: \$schema=(\S+)/.exec(text)?.[1];
        if (ref)
          expect(path.resolve(path.dirname(file), ref)).toBe(
            path.join(ROOT, 'schemas', SCHEMAS[kind!].fileName),
          );
        checked++;
      }
      const loaded = await loadDesiredState(dir);
      expect({ dir, errors: loaded.errors, warnings: loaded.warnings }).toEqual({
        dir,
        errors: [],
        warnings: [],
      });
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
