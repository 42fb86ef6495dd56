/**
 * persona.config.json: how a user corrects what inference got wrong. Loaded and validated with zod so a
 * bad config fails with the path of the bad field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { PersonaError } from '../../lib/errors.ts';
import type { ColumnRole, SourceKind } from '../types.ts';

export const columnRoles = [
  'id', 'customer_id', 'order_id', 'datetime', 'amount', 'price', 'quantity', 'numeric', 'categorical',
  'boolean', 'text', 'label', 'author_type', 'reply_to', 'replies', 'thread_id', 'index', 'ignore',
] as const satisfies readonly ColumnRole[];

const roleSchema = z.enum(columnRoles).describe('What the column means');

export interface LinkSpec {
  readonly file: string;
  readonly orderColumn: string;
  readonly customerColumn: string;
  readonly then?: LinkSpec;
}

const linkSchema: z.ZodType<LinkSpec> = z.lazy(() =>
  z
    .object({
      file: z.string().min(1).describe('A table mapping order ids to customer ids (path relative to the config file)'),
      orderColumn: z.string().min(1).describe('Column in the link file holding the order id (or the key the previous hop produced)'),
      customerColumn: z.string().min(1).describe('Column in the link file holding the customer id (or the key the next hop reads)'),
      then: linkSchema.optional().describe('A further hop: the id this table gives is looked up in the next table (reviews → orders → person)'),
    })
    .strict(),
);

const sourceSchema = z
  .object({
    file: z.string().min(1).describe('Path of the data file, relative to the config file'),
    kind: z.enum(['customers', 'transactions', 'texts']).optional().describe('What one row is'),
    name: z.string().min(1).optional().describe('Dataset name; defaults to the file name'),
    delimiter: z
      .union([z.string().length(1), z.literal('whitespace')])
      .optional()
      .describe('Force a delimiter instead of sniffing it: one character, or "whitespace" for columns separated by runs of spaces'),
    header: z.boolean().optional().describe('Whether the first line is a header (default: detected; false for a file that starts with data)'),
    columnNames: z.array(z.string().min(1)).min(1).optional().describe('Names of the columns in file order, for a file without a header (or to rename a header)'),
    columns: z.record(z.string(), roleSchema).optional().describe('Column name → role overrides'),
    link: linkSchema.optional().describe('Resolve customers through an order → customer table, optionally in several hops'),
    idFromRow: z.boolean().optional().describe('Customers: number the rows (row-1, row-2, …) instead of reading an id column'),
    repeatedRows: z.enum(['reject', 'aggregate']).optional().describe('Customers: rows repeating an id (one per order) are rejected (default) or merged into one customer'),
    cancellations: z.enum(['auto', 'prefix', 'none']).optional().describe('Transactions: an order id "C" + number marks a cancellation when the column looks like invoice numbers (auto), always (prefix) or never (none); negative quantities always do'),
  })
  .strict();

export const configSchema = z
  .object({
    columns: z.record(z.string(), roleSchema).optional().describe('Role overrides applied to every source'),
    sources: z.array(sourceSchema).optional().describe('Per-file settings'),
  })
  .strict();

export type PersonaConfig = z.infer<typeof configSchema>;

/** A link spec with every hop's file resolved against the config folder. */
export type ResolvedLink = Omit<LinkSpec, 'then'> & { readonly resolvedFile: string; readonly then?: ResolvedLink };

/** What the importer needs to know about one file, after config and command-line flags are merged. */
export interface ImportSettings {
  readonly kind?: SourceKind;
  readonly name?: string;
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly columnNames?: readonly string[];
  readonly overrides: Readonly<Record<string, ColumnRole>>;
  readonly link?: ResolvedLink;
  readonly idFromRow?: boolean;
  readonly repeatedRows?: 'reject' | 'aggregate';
  readonly cancellations?: 'auto' | 'prefix' | 'none';
}

export const defaultConfigFile = 'persona.config.json';

export interface LoadedConfig {
  readonly config: PersonaConfig;
  readonly dir: string;
}

/** Loads a config file; an explicit path must exist, the default one is optional. */
export function loadConfig(path: string | undefined, cwd = process.cwd()): LoadedConfig | null {
  const file = resolve(cwd, path ?? defaultConfigFile);
  if (!existsSync(file)) {
    if (path) throw new PersonaError('bad_config', 'config file not found', { file: path });
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PersonaError('bad_config', `not valid JSON (${(err as Error).message})`, { file });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new PersonaError('bad_config', `${where}: ${issue?.message ?? 'invalid'}`, { file });
  }
  return { config: parsed.data, dir: dirname(file) };
}

/** Parses repeated `--map column=role` flags. */
export function parseMapFlags(flags: readonly string[]): Record<string, ColumnRole> {
  const out: Record<string, ColumnRole> = {};
  for (const flag of flags) {
    const at = flag.lastIndexOf('=');
    const column = at > 0 ? flag.slice(0, at) : '';
    const role = at > 0 ? flag.slice(at + 1).trim() : '';
    if (!column || !(columnRoles as readonly string[]).includes(role)) {
      throw new PersonaError('bad_option', `--map expects column=role with role one of ${columnRoles.join(', ')}; got "${flag}"`);
    }
    out[column] = role as ColumnRole;
  }
  return out;
}

/** Parses `--column-names a,b,c`: comma-separated, trimmed, none empty. */
export function parseColumnNames(flag: string): string[] {
  const names = flag.split(',').map((n) => n.trim());
  if (!names.length || names.some((n) => !n)) {
    throw new PersonaError('bad_option', `--column-names expects names separated by commas, such as customer_id,date,quantity,amount; got "${flag}"`);
  }
  return names;
}

/** Merges the config entry for `file` (matched by path or file name) with command-line flags. */
export function settingsFor(
  file: string,
  loaded: LoadedConfig | null,
  flags: {
    kind?: SourceKind;
    name?: string;
    delimiter?: string;
    header?: boolean;
    columnNames?: readonly string[];
    map?: Record<string, ColumnRole>;
    idFromRow?: boolean;
    repeatedRows?: 'reject' | 'aggregate';
  },
): ImportSettings {
  const entry = loaded?.config.sources?.find(
    (s) => resolve(loaded.dir, s.file) === resolve(file) || basename(s.file) === basename(file),
  );
  const overrides = { ...(loaded?.config.columns ?? {}), ...(entry?.columns ?? {}), ...(flags.map ?? {}) };
  const link = entry?.link && loaded ? resolveLink(entry.link, loaded.dir) : undefined;
  const idFromRow = flags.idFromRow ?? entry?.idFromRow;
  const repeatedRows = flags.repeatedRows ?? entry?.repeatedRows;
  const cancellations = entry?.cancellations;
  const kind = flags.kind ?? entry?.kind;
  const name = flags.name ?? entry?.name;
  const delimiter = flags.delimiter ?? entry?.delimiter;
  const header = flags.header ?? entry?.header;
  const columnNames = flags.columnNames ?? entry?.columnNames;
  return {
    ...(kind ? { kind } : {}),
    ...(name ? { name } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(header !== undefined ? { header } : {}),
    ...(columnNames?.length ? { columnNames } : {}),
    overrides,
    ...(link ? { link } : {}),
    ...(idFromRow ? { idFromRow } : {}),
    ...(repeatedRows ? { repeatedRows } : {}),
    ...(cancellations ? { cancellations } : {}),
  };
}

function resolveLink(link: LinkSpec, dir: string): ResolvedLink {
  const { then, ...hop } = link;
  return { ...hop, resolvedFile: resolve(dir, link.file), ...(then ? { then: resolveLink(then, dir) } : {}) };
}
