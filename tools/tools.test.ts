/**
 * The conformance suite every tool runs: described schemas, bad input and failures returned as data,
 * never thrown. Runs against an empty database, where every data-dependent tool must fail gracefully.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { DbHandle } from '../db/client.ts';
import { openEmptyDatabase } from '../test/empty-database.ts';
import { runTool } from './define.ts';
import { allTools } from './registry.ts';
import type { ToolContext } from './types.ts';

let handle: DbHandle;
let dir: string;
let ctx: ToolContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-tools-'));
  handle = await openEmptyDatabase();
  ctx = { db: handle.db, focus: { runId: null, segmentId: null, segmentRunId: null }, exportDir: join(dir, 'exports') };
});

afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every leaf of a schema, with its path, unwrapping optional/default wrappers. */
function fields(schema: z.ZodTypeAny, path = ''): { path: string; schema: z.ZodTypeAny }[] {
  const inner = schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable ? (schema._def.innerType as z.ZodTypeAny) : schema;
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => [{ path: `${path}${k}`, schema: v }, ...fields(v, `${path}${k}.`)]);
  }
  if (inner instanceof z.ZodArray) return fields(inner.element as z.ZodTypeAny, `${path}[].`);
  return [];
}

describe.each(allTools.map((t) => [t.name, t] as const))('tool %s', (name, tool) => {
  it('has a snake_case name, a description and a described object schema', () => {
    expect(name).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(tool.description.length).toBeGreaterThan(20);
    expect(tool.schema).toBeInstanceOf(z.ZodObject);
    for (const f of fields(tool.schema)) expect(f.schema.description, `${name}.${f.path}`).toBeTruthy();
  });

  it('returns invalid arguments as data', async () => {
    const result = await runTool(tool, ctx, { runId: 'not a number', segmentId: -5, query: 7, a: 'x', customers: 'nobody', k: 1000, file: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_arguments');
  });

  it('fails as data, not by throwing, when there is nothing to work on', async () => {
    const valid: Record<string, unknown> = { query: 'trust skeptics', a: 0, b: 1, customers: [{ id: 'n1' }], file: join(dir, 'missing.csv') };
    const result = await runTool(tool, ctx, tool.schema.safeParse(valid).success ? valid : {});
    if (name === 'load_data' || name === 'filter_data') return; // listing datasets / counting an empty db is fine
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(new RegExp(name));
  });
});

describe('tool registry', () => {
  it('has every tool the agent documents, once', () => {
    const names = allTools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['load_data', 'filter_data', 'segment', 'list_segments', 'find_segment', 'explain_segment', 'get_evidence', 'compare_segments', 'predict_ltv', 'draft_campaign', 'map_channels', 'assign_customer', 'export_segment']),
    );
  });
});
