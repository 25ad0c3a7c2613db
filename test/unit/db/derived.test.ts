// The Suning amount a row carries (and the signed difference local − Suning shown beside it): the sum of the
// order's valid blue invoices, so a split order has one too; fully reversed blues do not count.
import { describe, expect, it } from 'vitest';
import type { SuningInvoice } from '../../../shared/domain/invoice';
import { reconcile } from '../../../electron/domain/reconcile';
import { suningAmountOf } from '../../../electron/db/derived';

const CODE = '032001700211';
function inv(over: Partial<SuningInvoice>): SuningInvoice {
  return {
    orderNo: '1', orderItemId: '1', saleOrg: '', saleTaxNo: '', invoiceFlag: '04', invoiceType: 1, invoiceCode: CODE, invoiceNum: '88093702',
    amountFen: 10000, noTaxAmountFen: null, invoiceDate: null, securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '',
    logisticsComp: '', invoiceStatus: '2', pdfUrl: '', ...over,
  };
}
const local = { amountFen: 10000, invoiceCode: '', invoiceNum: '', pdfUrl: '', invoiceDate: null };
const amountOf = (suning: SuningInvoice[]) => suningAmountOf(reconcile({ local, suning, lastQuery: { outcome: 'found' } }));

describe('suningAmountOf', () => {
  it('is the one valid blue for an ordinary order', () => {
    expect(amountOf([inv({ amountFen: 9950 })])).toBe(9950);
  });
  it('sums every valid blue of a split order, not counting a fully reversed one', () => {
    const suning = [inv({ invoiceNum: '1', amountFen: 6000 }), inv({ invoiceNum: '2', amountFen: 4500 }), inv({ invoiceNum: '3', amountFen: 700 }),
      inv({ invoiceType: -1, invoiceNum: '9', oldInvoiceNum: '3', oldInvoiceCode: CODE, amountFen: -700 })];
    expect(reconcile({ local, suning, lastQuery: { outcome: 'found' } }).validBlues.map((b) => b.invoiceNum)).toEqual(['1', '2']);
    expect(amountOf(suning)).toBe(10500);
  });
  it('is null when no blue is valid (reversed, not issued)', () => {
    expect(amountOf([inv({}), inv({ invoiceType: -1, invoiceNum: '9', oldInvoiceNum: '88093702', oldInvoiceCode: CODE, amountFen: -10000 })])).toBeNull();
    expect(amountOf([])).toBeNull();
  });
});
