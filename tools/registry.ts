/** Every tool the agent can call, in one list. */
import { assignCustomer, draftCampaign, exportSegment, mapChannels, predictLtv } from './activate-tools.ts';
import { filterData, loadData, segment } from './data-tools.ts';
import { evaluatePersonas } from './eval-tools.ts';
import { findSegment } from './find-segment.ts';
import { compareSegments, explainSegment, getEvidence, listSegments } from './read-tools.ts';
import type { PersonaTool } from './types.ts';

export const allTools: readonly PersonaTool[] = [
  loadData,
  filterData,
  segment,
  listSegments,
  findSegment,
  explainSegment,
  getEvidence,
  compareSegments,
  predictLtv,
  draftCampaign,
  mapChannels,
  assignCustomer,
  exportSegment,
  evaluatePersonas,
] as PersonaTool[];

export function toolByName(name: string): PersonaTool | undefined {
  return allTools.find((t) => t.name === name);
}
