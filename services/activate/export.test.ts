import { describe, expect, it } from 'vitest';
import { exportCsv } from './export.ts';

describe('CRM export CSV', () => {
  it('quotes where needed and defuses spreadsheet formulas', () => {
    const csv = exportCsv([['C1', 0, 'Deal, hunters', '=HYPERLINK("x")', '0.9000', 'false']]);
    const [header, row] = csv.trim().split('\n');
    expect(header).toBe('customer_id,segment_id,segment_label,persona_name,membership_probability,reassigned_from_noise');
    expect(row).toBe(`C1,0,"Deal, hunters","'=HYPERLINK(""x"")",0.9000,false`);
  });
});
