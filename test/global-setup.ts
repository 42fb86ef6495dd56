/**
 * One fixture folder for the whole test run, shared by every project: heavy fixtures are built there
 * once, on first use (test/prepared-image.ts), and the folder is removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    personaFixtureRoot: string;
  }
}

/** Set in vitest's own process only, so that the second project reuses the first one's folder. */
const runRootVariable = 'PERSONA_TEST_RUN_FIXTURES';

export default function setup(project: TestProject): () => void {
  const existing = process.env[runRootVariable];
  if (existing) {
    project.provide('personaFixtureRoot', existing);
    return () => {};
  }
  const root = mkdtempSync(join(tmpdir(), 'persona-fixtures-'));
  process.env[runRootVariable] = root;
  project.provide('personaFixtureRoot', root);
  return () => {
    rmSync(root, { recursive: true, force: true });
    delete process.env[runRootVariable];
  };
}
