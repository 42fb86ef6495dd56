/**
 * Segment membership and persona cards as a CRM import file (CSV or JSON), for a whole run or one
 * segment. Shared by `persona export` and the agent's export tool.
 */
import type { Db } from '../../db/client.ts';
import { runAssignments, runSegments } from '../../db/queries/runs.ts';
import { PersonaError } from '../../lib/errors.ts';
import { segmentView } from '../../pipeline/segment/segment-view.ts';

export type ExportFormat = 'csv' | 'json';

export interface ExportResult {
  readonly body: string;
  readonly customers: number;
  readonly segments: number;
}

export async function buildExport(db: Db, runId: number, format: ExportFormat, segmentId?: number, customerIds?: ReadonlySet<string>): Promise<ExportResult> {
  let segments = (await runSegments(db, runId)).map(segmentView);
  let members = await runAssignments(db, runId);
  if (segmentId !== undefined) {
    segments = segments.filter((s) => s.id === segmentId);
    if (!segments.length) throw new PersonaError('not_found', `run ${runId} has no segment ${segmentId}`);
    members = members.filter((m) => m.segmentIndex === segmentId);
  }
  if (customerIds) members = members.filter((m) => customerIds.has(m.customerExternalId));
  const byId = new Map(segments.map((s) => [s.id, s]));
  const personaName = (id: number) => (byId.get(id)?.persona as { name?: string } | null)?.name ?? '';
  let body: string;
  switch (format) {
    case 'csv':
      body = exportCsv(
        members.map((m) => [m.customerExternalId, m.segmentIndex, byId.get(m.segmentIndex)?.label ?? '', personaName(m.segmentIndex), m.probability.toFixed(4), m.wasNoise ? 'true' : 'false']),
      );
      break;
    case 'json':
      body = `${JSON.stringify(
        {
          runId,
          segments,
          members: members.map((m) => ({ customerId: m.customerExternalId, segmentId: m.segmentIndex, probability: m.probability, wasNoise: m.wasNoise })),
        },
        null,
        2,
      )}\n`;
      break;
    default: {
      const never: never = format;
      throw new PersonaError('bad_option', `unknown export format ${String(never)}`);
    }
  }
  return { body, customers: members.length, segments: segments.length };
}

const header = ['customer_id', 'segment_id', 'segment_label', 'persona_name', 'membership_probability', 'reassigned_from_noise'];

/** RFC 4180 with formula-looking cells defused, since CRM files are opened in spreadsheets. */
export function exportCsv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
