/**
 * Our tools as LangChain tool definitions, for binding to ChatOpenAI (name, description, JSON schema).
 * Execution stays in the agent's tools node, which attaches evidence; these definitions never run.
 * With a run in view, the tools that take conditions carry that run's catalogue in their description
 * (columns, levels, ranges), so a model maps "UK" or "kids at home" onto real columns without guessing.
 */
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import type { Catalogue } from './catalogue/catalogue.ts';
import { allTools } from './registry.ts';

/** Tools whose arguments name columns: they get the catalogue summary. */
export const catalogueTools: ReadonlySet<string> = new Set(['count_customers', 'profile_subset', 'rank_segments', 'filter_data', 'segment', 'export_segment']);

export const catalogueSummaryDefaults = { maxLevels: 12, maxChars: 3000 } as const;

/** One line per field ("Country (category): Spain, Peru, … 3 more"), clipped to a size a prompt can carry. */
export function catalogueSummary(catalogue: Catalogue, options: { maxLevels?: number; maxChars?: number } = {}): string {
  const maxLevels = options.maxLevels ?? catalogueSummaryDefaults.maxLevels;
  const maxChars = options.maxChars ?? catalogueSummaryDefaults.maxChars;
  const lines = catalogue.fields.map((f) => {
    const head = `${f.name} (${f.label}; ${f.kind}${f.unit ? `, ${f.unit}` : ''})`;
    switch (f.kind) {
      case 'category': {
        // Levels are data: quoted and clipped, never free text in the description.
        const levels = (f.levels ?? []).slice(0, maxLevels).map((l) => JSON.stringify(String(l.value).slice(0, 40)));
        const more = (f.levels?.length ?? 0) - levels.length;
        return `${head}: ${levels.join(', ')}${more > 0 ? `, … ${more} more` : ''}`;
      }
      case 'flag':
        return `${head}: yes = ${JSON.stringify(f.yes)}, no = ${JSON.stringify(f.no)}`;
      case 'number':
      case 'date':
        return f.range ? `${head}: ${f.range.min} to ${f.range.max}` : head;
      default: {
        const never: never = f.kind;
        return `${head} ${String(never)}`;
      }
    }
  });
  const text = [`Columns of run ${catalogue.runId} (${catalogue.customers} customers${catalogue.hasTexts ? ', with customer texts' : ''}); use these names in conditions:`, ...lines.map((l) => `- ${l}`)].join('\n');
  return text.length > maxChars ? `${text.slice(0, maxChars)}\n… (call describe_data for the rest)` : text;
}

export function langChainToolDefinitions(catalogue?: Catalogue): StructuredToolInterface[] {
  const summary = catalogue ? catalogueSummary(catalogue) : null;
  return allTools.map((t) =>
    tool(async () => 'executed by the agent graph', {
      name: t.name,
      description: summary && catalogueTools.has(t.name) ? `${t.description}\n\n${summary}` : t.description,
      schema: t.schema,
    }),
  ) as StructuredToolInterface[];
}
