/** `export`: reads the live org through the port and writes a desired-state dir (onboarding). */
import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, ValidationError } from '../errors.js';
import type { GenesysPort } from '../genesys/port.js';
import { buildDesiredState } from './build.js';
import { defaultSettings } from './defaults.js';
import { buildExport } from './export.js';
import type { ExportResult } from './export.js';
import type { Settings } from './model.js';
import { isYamlName } from './read-files.js';
import { SCHEMAS } from './schema.js';
import { writeSchemas } from './schema-files.js';

export interface ExportDirOptions {
  /** `queue`: one file per primary queue (one members call per queue); `none`: routing-profiles/all.yaml */
  groupBy?: 'queue' | 'none';
  /** weights data table (default: settings.yaml in the target if any, else "Routing Skill Weights") */
  weightsTable?: string;
  /** replace routing-profiles/ and rule-weights.yaml in a dir that already holds desired state */
  force?: boolean;
}

export interface ExportDirResult extends ExportResult {
  /** files written, relative to the out dir */
  written: string[];
}

const REPLACED = /^(routing-profiles\/|rule-weights\/|rule-weights\.ya?ml$)/i;

export async function exportDesiredState(
  port: GenesysPort,
  outDir: string,
  options: ExportDirOptions = {},
): Promise<ExportDirResult> {
  const existing = await yamlFiles(outDir);
  const replaced = existing.filter((rel) => REPLACED.test(rel));
  if (replaced.length > 0 && !options.force) {
    throw new ConfigError(
      `${outDir} already holds desired state (${replaced.slice(0, 3).join(', ')}${replaced.length > 3 ? ', …' : ''}); ` +
        'pass --force to replace routing-profiles/ and rule-weights.yaml',
    );
  }
  const kept = await existingSettings(outDir, existing);
  if (kept && options.weightsTable && kept.weightsTable !== options.weightsTable) {
    throw new ConfigError(
      `settings.yaml in ${outDir} names the weights table "${kept.weightsTable}", not "${options.weightsTable}"; ` +
        'edit settings.yaml or leave out --weights-table',
    );
  }
  const settings = kept ?? defaultSettings();
  if (options.weightsTable) settings.weightsTable = options.weightsTable;

  const [users, skills, queues, table] = await Promise.all([
    port.listUsers(),
    port.listSkills(),
    port.listQueues(),
    port.findDataTable(settings.weightsTable),
  ]);
  const rows = table ? await port.listDataTableRows(table.id) : undefined;
  const members =
    options.groupBy === 'none'
      ? undefined
      : new Map(
          await Promise.all(queues.map(async (q) => [q.id, await port.listQueueMembers(q.id)] as const)),
        );

  const sibling = path.join(outDir, '..', 'schemas', SCHEMAS.RoutingProfiles.fileName);
  const useSibling = await access(sibling).then(
    () => true,
    () => false,
  );
  const result = buildExport(
    { users, skills, queues, members, rows, settings, writeSettings: kept === undefined },
    { schemaDir: useSibling ? '../schemas' : 'schemas' },
  );

  for (const rel of replaced) await rm(path.join(outDir, rel), { force: true });
  const written: string[] = [];
  if (!useSibling) {
    for (const name of await writeSchemas(path.join(outDir, 'schemas'))) written.push(`schemas/${name}`);
  }
  for (const [rel, text] of Object.entries(result.files)) {
    const target = path.join(outDir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    written.push(rel);
  }
  return { ...result, written };
}

/** YAML files under dir (relative, forward slashes); none when dir does not exist. */
async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && isYamlName(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The target's settings.yaml, kept as it is; invalid settings stop the export. */
async function existingSettings(dir: string, existing: readonly string[]): Promise<Settings | undefined> {
  const rel = existing.find((f) => /^settings\.ya?ml$/i.test(f));
  if (!rel) return undefined;
  const text = await readFile(path.join(dir, rel), 'utf8');
  const built = buildDesiredState([{ rel, text }], { dir, displayDir: dir });
  if (!built.value) throw new ValidationError(built.errors);
  return built.value.settings;
}
