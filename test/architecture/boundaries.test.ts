import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** The relative imports of one source file, resolved to .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));
}

/** Every import chain from `roots` that reaches `forbidden`, as "a → b → c" (empty when there is none). */
function chainsInto(roots: string[], forbidden: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string, path: string[]): void => {
    if (file.startsWith(forbidden)) {
      found.push([...path, file].map((f) => relative(SRC, f)).join(' → '));
      return;
    }
    if (seen.has(file)) return;
    seen.add(file);
    let next: string[] = [];
    try {
      next = importsOf(file);
    } catch {
      return; // a JSON or missing file: not source
    }
    for (const n of next) visit(n, [...path, file]);
  };
  for (const r of roots) visit(r, []);
  return found;
}

describe('the planner and its models only see the org through the API', () => {
  it('nothing under src/simulate or src/recommend imports src/emulator, directly or through another module', () => {
    const roots = [...filesUnder(join(SRC, 'simulate')), ...filesUnder(join(SRC, 'recommend'))];
    expect(roots.length).toBeGreaterThan(20);
    expect(chainsInto(roots, join(SRC, 'emulator') + '/')).toEqual([]);
  });

  it('the check sees an import chain into the emulator where there is one (the bench imports it)', () => {
    expect(chainsInto(filesUnder(join(SRC, 'bench')), join(SRC, 'emulator') + '/').length).toBeGreaterThan(0);
  });
});
