import type { Command } from 'commander';
import { datasetsByIds, transactionsOf } from '../../db/queries/customer-data.ts';
import { listDatasets } from '../../db/queries/datasets.ts';
import { PersonaError } from '../../lib/errors.ts';
import { toTransactionInput } from '../../services/segment/load-inputs.ts';
import { evaluateHoldout, type HoldoutResult } from '../../pipeline/value/holdout.ts';
import { parseId } from '../args.ts';
import { withDatabase } from '../context.ts';
import { createOutput, fmt, table } from '../output.ts';

interface HoldoutFlags {
  calibrationWeeks?: string;
  holdoutWeeks?: string;
  groupBy?: string;
  xgboost?: boolean;
  json?: boolean;
}

export function registerHoldout(program: Command): void {
  program
    .command('holdout')
    .description('check the value models on a transactions dataset: fit on a calibration period, compare predictions with the holdout period')
    .argument('[dataset]', 'transactions dataset id (default: the newest transactions dataset)')
    .option('--calibration-weeks <n>', 'weeks from the first purchase used to fit (default: the first 75% of the observed span)')
    .option('--holdout-weeks <n>', 'weeks after the calibration period to predict (default: up to the latest purchase)')
    .option('--group-by <unit>', 'what one purchase is: order (lines sharing an order id; a day when there is none) | day', 'order')
    .option('--no-xgboost', 'skip the gradient-boosted trees baseline')
    .option('--json', 'print one JSON document')
    .action(async (datasetArg: string | undefined, opts: HoldoutFlags) => {
      const out = createOutput(Boolean(opts.json));
      const groupBy = opts.groupBy ?? 'order';
      if (groupBy !== 'order' && groupBy !== 'day') throw new PersonaError('bad_option', `--group-by must be order or day; got "${groupBy}"`);
      const calibrationWeeks = weeks('--calibration-weeks', opts.calibrationWeeks);
      const holdoutWeeks = weeks('--holdout-weeks', opts.holdoutWeeks);
      await withDatabase(async ({ db }) => {
        const dataset = datasetArg
          ? (await datasetsByIds(db, [parseId('dataset', datasetArg)]))[0]
          : (await listDatasets(db)).filter((d) => d.kind === 'transactions').at(-1);
        if (!dataset) throw new PersonaError('not_found', datasetArg ? `no dataset ${datasetArg}; see \`persona runs\`` : 'no transactions dataset imported yet; run `persona import FILE`');
        if (dataset.kind !== 'transactions') throw new PersonaError('bad_option', `dataset ${dataset.id} ("${dataset.name}") holds ${dataset.kind}, not transactions`);
        const lines = (await transactionsOf(db, dataset.id)).map(toTransactionInput);
        const result = await evaluateHoldout(lines, {
          groupBy,
          ...(calibrationWeeks !== undefined ? { calibrationWeeks } : {}),
          ...(holdoutWeeks !== undefined ? { holdoutWeeks } : {}),
          xgboost: opts.xgboost !== false,
        });
        const summary = holdoutSummary(dataset.id, dataset.name, result);
        out.result(summary, () => renderHoldout(summary));
      });
    });
}

function weeks(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0)) throw new PersonaError('bad_option', `${flag} expects a positive number of weeks; got "${text}"`);
  return n;
}

export type HoldoutSummary = ReturnType<typeof holdoutSummary>;

/** The figures worth printing: no per-customer arrays. */
export function holdoutSummary(datasetId: number, name: string, r: HoldoutResult) {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    dataset: { id: datasetId, name },
    calibration: { from: day(r.start), to: day(r.cut), weeks: round(r.calibrationWeeks, 2) },
    holdout: { to: day(r.end), weeks: round(r.holdoutWeeks, 2) },
    customers: r.customers,
    repeatCustomers: r.repeatCustomers,
    newInHoldout: r.newInHoldout,
    bgnbd: { ...r.bgnbd.params, converged: r.bgnbd.converged },
    repeatPurchases: r.purchases,
    spend: r.scores,
    notes: r.notes,
  };
}

function round(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}

export function renderHoldout(s: HoldoutSummary): string {
  const p = s.repeatPurchases;
  const money = (v: number) => fmt(round(v, 2));
  const spendRow = (name: string, sc: { mae: number; r2: number | null; predictedTotal: number; actualTotal: number } | null) =>
    sc ? [name, money(sc.predictedTotal), money(sc.actualTotal), money(sc.mae), sc.r2 === null ? '–' : sc.r2.toFixed(3)] : [name, 'skipped', '', '', ''];
  const b = s.bgnbd;
  return [
    `Dataset ${s.dataset.id} ("${s.dataset.name}") · ${fmt(s.customers)} customers bought in calibration (${fmt(s.repeatCustomers)} of them again) · ${fmt(s.newInHoldout)} first bought in the holdout (not scored)`,
    `Calibration ${s.calibration.from} to ${s.calibration.to} (${s.calibration.weeks} weeks) · holdout to ${s.holdout.to} (${s.holdout.weeks} weeks)`,
    `BG/NBD r = ${b.r.toFixed(3)}, α = ${b.alpha.toFixed(3)}, a = ${b.a.toFixed(3)}, b = ${b.b.toFixed(3)}${b.converged ? '' : ' (not converged)'}`,
    '',
    'Repeat purchases in the holdout',
    table(
      ['model', 'predicted', 'actual', 'MAE per customer'],
      [
        ['BG/NBD', round(p.predictedTotal, 0), p.actualTotal, p.mae.toFixed(3)],
        ['naive (same as the last calibration window)', p.naiveTotal, p.actualTotal, p.naiveMae.toFixed(3)],
      ],
    ),
    '',
    'Spend in the holdout',
    table(['model', 'predicted', 'actual', 'MAE per customer', 'R²'], [
      spendRow('BG/NBD + Gamma-Gamma', s.spend.bgnbdGammaGamma),
      spendRow('naive (same as the last calibration window)', s.spend.naive),
      spendRow('gradient-boosted trees', s.spend.xgboost),
    ]),
    ...s.notes.map((n) => `Note: ${n}`),
  ].join('\n');
}
