// reconcile()'s validBlues: every valid (not fully reversed) blue, in Suning's order — what the split choice
// offers the clerk (electron/services/exceptions.ts).
import { describe, expect, it } from 'vitest';
import type { SuningInvoice } from '../../../shared/domain/invoice';
import { reconcile } from '../../../electron/domain/reconcile';

const CODE = '032001700211';
function inv(over: Partial<SuningInvoice>): SuningInvoice {
  return {
    orderNo: '1', orderItemId: '1', saleOrg: '', saleTaxNo: '', invoiceFlag: '04', invoiceType: 1, invoiceCode: CODE, invoiceNum: '88093702',
    amountFen: 10000, noTaxAmountFen: null, invoiceDate: null, securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '',
    logisticsComp: '', invoiceStatus: '2', pdfUrl: '', ...over,
  };
}
const local = { amountFen: 10000, invoiceCode: '', invoiceNum: '', pdfUrl: '', invoiceDate: null };
const run = (suning: SuningInvoice[]) => reconcile({ local, suning, lastQuery: { outcome: 'found' } });

describe('validBlues', () => {
  it('is the one valid blue for an ordinary order', () => {
    expect(run([inv({ amountFen: 9950 })]).validBlues.map((b) => b.invoiceNum)).toEqual(['88093702']);
  });
  it('lists every valid blue of a split order, leaving out a fully reversed one', () => {
    const r = run([inv({ invoiceNum: '1', amountFen: 6000 }), inv({ invoiceNum: '2', amountFen: 4500 }), inv({ invoiceNum: '3', amountFen: 700 }),
      inv({ invoiceType: -1, invoiceNum: '9', oldInvoiceNum: '3', oldInvoiceCode: CODE, amountFen: -700 })]);
    expect(r.status).toBe('split');
    expect(r.validBlues.map((b) => b.invoiceNum)).toEqual(['1', '2']);
  });
  it('is empty when no blue is valid (reversed, not issued, not queried)', () => {
    expect(run([inv({}), inv({ invoiceType: -1, invoiceNum: '9', oldInvoiceNum: '88093702', oldInvoiceCode: CODE, amountFen: -10000 })]).validBlues).toEqual([]);
    expect(run([]).validBlues).toEqual([]);
    expect(reconcile({ local, suning: [inv({})], lastQuery: null }).validBlues).toEqual([]);
  });
});
