/**
 * The `persona` command as a user runs it: a real process, its own PERSONA_HOME, JSON on stdout. The demo
 * and chat commands run on a copy of the demo home (built once per test run); `persona demo` in an empty
 * home is in main.real.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cloneDemoHome, type DemoHome } from '../test/demo-fixture.ts';
import { cloneEmptyHome, type EmptyHome } from '../test/empty-database.ts';

const bin = resolve(import.meta.dirname, '../bin/persona.mjs');
let empty: EmptyHome;
let home: string;
let demoHome: DemoHome;

function persona(...args: string[]) {
  return personaWithInput(undefined, ...args);
}

function personaWithInput(input: string | undefined, ...args: string[]) {
  return personaIn(home, input, ...args);
}

function personaIn(personaHome: string, input: string | undefined, ...args: string[]) {
  const env = { ...process.env, PERSONA_HOME: personaHome, DATABASE_URL: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '' };
  const child = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, ...(input !== undefined ? { input } : {}) });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

// A home with an empty database already created: a first command's initdb is covered by main.real.test.ts.
beforeAll(async () => {
  empty = await cloneEmptyHome('persona-cli');
  home = empty.home;
  demoHome = await cloneDemoHome();
});
afterAll(() => {
  empty?.remove();
  demoHome?.remove();
});

describe('persona CLI', () => {
  it('imports with --json, lists and profiles the dataset', () => {
    const file = join(home, 'people.tsv');
    writeFileSync(file, 'member_no\tage\tplan\nM1\t34\tgold\nM2\t51\tsilver\nM3\t27\tgold\n');
    const imported = persona('import', file, '--map', 'plan=categorical', '--json');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ status: 'imported', counts: { customers: 3 }, dataset: { delimiter: '\t', kind: 'customers' } });
    expect(report.columns.find((c: { name: string }) => c.name === 'plan').reason).toBe('config');

    const listed = JSON.parse(persona('datasets', '--json').stdout);
    expect(listed).toHaveLength(1);
    const profile = JSON.parse(persona('profile', String(listed[0].id), '--json').stdout);
    expect(profile.counts.customers).toBe(3);
  });

  it('fails with a clear message, a JSON error and a non-zero exit', () => {
    const missing = join(home, 'nope.csv');
    const result = persona('import', missing, '--json');
    expect(result.code).not.toBe(0);
    const { error } = JSON.parse(result.stdout);
    expect(error).toMatchObject({ code: 'file_not_found', file: missing });
    expect(result.stderr).toContain(missing);
    expect(persona('import', missing, '--map', 'oops').code).not.toBe(0);
  });
});

describe('persona CLI on the demo home', () => {
  const inDemo = (...args: string[]) => personaIn(demoHome.home, undefined, ...args);
  const inDemoWithInput = (input: string, ...args: string[]) => personaIn(demoHome.home, input, ...args);

  it('lists the demo run and prints its segments with show --json', () => {
    // Running `persona demo` from scratch, and its segment document, is main.real.test.ts.
    const runs = JSON.parse(inDemo('runs', '--json').stdout);
    expect(runs[0]).toMatchObject({ status: 'succeeded', seed: 42, customers: 360, isDefault: true });
    const shown = inDemo('show', '--json');
    expect(shown.code, shown.stderr).toBe(0);
    const run = JSON.parse(shown.stdout);
    expect(run).toMatchObject({ runId: runs[0].runId, customers: 360 });
    expect(run.segments.length).toBe(runs[0].segments);
    for (const s of run.segments) expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'size', 'share', 'label']));
    expect(run.segments.reduce((n: number, s: { size: number }) => n + s.size, 0)).toBe(360);
    const missing = inDemo('show', '999', '--json');
    expect(missing.code).not.toBe(0);
    expect(JSON.parse(missing.stdout).error.code).toBe('not_found');
  });

  it('answers questions with ask --json; chat reads questions from stdin and continues the thread', () => {
    const first = inDemo('ask', 'who are my trust skeptics?', '--thread', 'cli-test', '--json');
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['answer', 'evidence', 'toolCalls', 'runId']));
    expect(a.toolCalls.map((t: { name: string }) => t.name)).toEqual(['find_segment', 'explain_segment']);
    expect(a.toolCalls[0].args).toEqual({ query: 'trust skeptics' });
    // The planted trust skeptics, named by their persona and the general taxonomy's trust theme.
    expect(a.answer).toMatch(/^\*\*Wary \w+, the wary buyer\*\* \(Trust & safety concerns: [^)]+\): \d+ customers/);
    for (const e of a.evidence) expect(Object.keys(e)).toEqual(expect.arrayContaining(['text', 'textId', 'customerId', 'segmentId']));
    // A second process continues the thread: "them" is the segment the first one found.
    const chat = inDemoWithInput('draft a campaign for them\nwhich channels should I use for them?\n', 'chat', '--thread', 'cli-test');
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toMatch(/persona › Campaign for Wary \w+, the wary buyer: [\s\S]*How to reach Wary \w+, the wary buyer:/);
  });
});
