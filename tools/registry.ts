/** Every tool the agent can call, in one list. */
import { assignCustomer, draftCampaign, exportSegment, mapChannels, predictLtv } from './activate-tools.ts';
import { filterData, loadData, segment } from './data-tools.ts';
import { evaluatePersonas } from './eval-tools.ts';
import { findSegment } from './find-segment.ts';
import { compareSegments, explainSegment, getEvidence, listSegments } from './read-tools.ts';
import type { PersonaTool } from './types.ts';
import { countCustomers, describeData, profileSubset, rankSegments } from './query-tools.ts';
import { compareRuns } from './run-tools.ts';

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
  describeData,
  countCustomers,
  profileSubset,
  rankSegments,
  compareRuns,
  evaluatePersonas,
] as PersonaTool[];

export function toolByName(name: string): PersonaTool | undefined {
  return allTools.find((t) => t.name === name);
}
