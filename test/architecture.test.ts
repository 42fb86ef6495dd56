/**
 * The layering rule, checked on the import graph of the source (no tool, just the import lines):
 * integrations/cli → agent → tools → services → pipeline → lib, db used by services only.
 * Fails on an import from pipeline/ into a layer above it or into db/ (pipeline/ is pure computation:
 * loaders, writers and run orchestration live in services/), from services/ into tools/ or above, from
 * lib/ into anything but lib/, and on any import cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const skipDirs = new Set(['node_modules', '.git', 'bench', 'evals', 'web', 'scripts', 'test', 'docs', 'bin']);
const above = ['agent/', 'tools/', 'integrations/', 'cli/', 'services/', 'db/', 'web/', 'evals/'];

/** Where each layer may not import: every layer above it (and db/ for pipeline/, which is pure computation). */
const forbidden: Readonly<Record<string, readonly string[]>> = {
  'lib/': ['pipeline/', ...above],
  'pipeline/': above,
  'services/': ['agent/', 'tools/', 'integrations/', 'cli/', 'web/', 'evals/'],
  'db/': ['pipeline/', 'services/', 'agent/', 'tools/', 'integrations/', 'cli/', 'web/', 'evals/'],
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!skipDirs.has(name) && !name.startsWith('.')) sourceFiles(path, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(relative(root, path));
  }
  return out;
}

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(importPattern)) {
    const spec = (m[1] ?? m[2]) as string;
    if (spec.endsWith('.ts')) out.push(relative(root, resolve(root, dirname(file), spec)));
  }
  return out;
}

const files = sourceFiles(root);
const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

describe('architecture', () => {
  it('reads the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get('pipeline/segment/compute.ts')).toContain('pipeline/features/build-features.ts');
  });

  it('has no import cycles', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps pipeline/ pure and every layer importing only downward', () => {
    const upward = files.flatMap((f) => {
      const layer = Object.keys(forbidden).find((l) => f.startsWith(l));
      if (!layer) return [];
      return (graph.get(f) ?? []).filter((t) => (forbidden[layer] ?? []).some((a) => t.startsWith(a))).map((t) => ({ from: f, to: t }));
    });
    expect(upward).toEqual([]);
  });

  it('checks the services layer too', () => {
    expect(files.some((f) => f.startsWith('services/'))).toBe(true);
    expect(graph.get('services/segment/run-segmentation.ts')).toContain('services/segment/load-inputs.ts');
  });

  it('reads the environment only in lib/config.ts: every other module takes settings', () => {
    // A variable read off process.env or an env object (`env.PERSONA_HOME`, `env['X']`); handing the whole
    // object on to lib/config's readers is allowed.
    const readsEnvironment = /process\.env(?:\.|\[)|\benv(?:\.[A-Z][A-Z0-9_]*\b|\[['"`])/;
    const readers = files.filter((f) => f !== 'lib/config.ts' && readsEnvironment.test(readFileSync(join(root, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(readers).toEqual([]);
  });
});
