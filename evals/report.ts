/** The evaluation report: one JSON document for machines and a Markdown page for people. */
import type { ThresholdCheck } from './thresholds.ts';
import type { SuiteResult } from './types.ts';

export interface EvalReport {
  readonly scope: 'gate' | 'full';
  readonly runId: number | null;
  readonly suites: readonly SuiteResult[];
  /** Suites asked for that could not run here, with why. */
  readonly unavailable: readonly { readonly suite: string; readonly reason: string }[];
  readonly checks: readonly ThresholdCheck[];
  /** Every threshold met and no suite crashed. */
  readonly passed: boolean;
}

const fmt = (v: number | null) => (v === null ? 'not measured' : Number.isInteger(v) ? String(v) : v.toFixed(3));
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function renderMarkdown(report: EvalReport): string {
  const lines = [`# Persona evaluation${report.runId !== null ? ` of run ${report.runId}` : ''}`, '', `Scope: ${report.scope}. Gate: **${report.passed ? 'passed' : 'FAILED'}**.`, ''];
  if (report.checks.length) {
    lines.push('## Thresholds', '', '| suite | metric | scope | value | bound | result |', '|---|---|---|---|---|---|');
    for (const c of report.checks) lines.push(`| ${c.suite} | ${c.metric} | ${cell(c.scope)} | ${fmt(c.value)} | ${c.bound === 'min' ? '≥' : '≤'} ${c.threshold} | ${c.passed ? 'pass' : '**FAIL**'} |`);
    lines.push('');
  }
  for (const s of report.suites) {
    lines.push(`## ${s.suite} (${(s.ms / 1000).toFixed(1)} s)`, '');
    const scopes = [...new Set(s.scores.map((x) => x.scope ?? ''))];
    const metrics = [...new Set(s.scores.map((x) => x.metric))];
    if (metrics.length) {
      lines.push(`| metric | ${scopes.map((x) => cell(x || 'all')).join(' | ')} |`, `|---|${scopes.map(() => '---').join('|')}|`);
      for (const m of metrics) {
        const row = scopes.map((sc) => {
          const score = s.scores.find((x) => x.metric === m && (x.scope ?? '') === sc);
          return score ? fmt(score.value) : '';
        });
        lines.push(`| ${m} | ${row.join(' | ')} |`);
      }
      lines.push('');
    }
    if (s.failures.length) {
      lines.push(`Failed cases (${s.failures.length}):`, '');
      for (const f of s.failures.slice(0, 50)) lines.push(`- ${f.scope ? `${cell(f.scope)}: ` : ''}${cell(f.case)} — ${cell(f.reason)}`);
      if (s.failures.length > 50) lines.push(`- … ${s.failures.length - 50} more in the JSON report`);
      lines.push('');
    }
    if (s.skipped.length) {
      lines.push('Skipped:', '');
      for (const k of s.skipped) lines.push(`- ${cell(k.check)}: ${cell(k.reason)}`);
      lines.push('');
    }
  }
  for (const u of report.unavailable) lines.push(`- suite ${u.suite}: ${u.reason}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
