/** Drops company and agent texts: personas describe customers, not the brand's replies. */
import type { QualityText, QualityVerdict, TextFilterStep } from '../../types.ts';

export function nonCustomerStep(): TextFilterStep {
  return {
    name: 'non_customer',
    options: {},
    apply(texts: readonly QualityText[]): QualityVerdict[] {
      // null means "unknown author type" and is treated as a customer.
      return texts.filter((t) => t.isCustomer === false).map((t) => ({ id: t.id, kept: false, reason: 'non_customer' }));
    },
  };
}
