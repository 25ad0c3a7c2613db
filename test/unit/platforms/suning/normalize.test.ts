import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeQueryStorageResponse, suningStorageSchema, type SuningQueryOutcome } from '../../../../shared/domain/suning';
import { suningInvoiceSchema } from '../../../../shared/domain/invoice';
import { parseSuningBody } from '../../../../electron/platforms/suning/wire';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, '../../../fixtures/suning', name), 'utf8');

function parse(body: string, format: 'json' | 'xml'): SuningQueryOutcome {
  const p = parseSuningBody(body, format);
  if (!p.ok) throw new Error(p.reason.en);
  return normalizeQueryStorageResponse(p.tree);
}

function okBills(o: SuningQueryOutcome) {
  if (o.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(o)}`);
  return o.bills;
}

const SAMPLE_INVOICE = {
  orderNo: '123456',
  orderItemId: '12345678',
  saleOrg: '70066253',
  saleTaxNo: '111122223333444455',
  invoiceFlag: '04',
  invoiceType: 1,
  invoiceCode: '032001700211',
  invoiceNum: '88093702',
  amountFen: 10000,
  noTaxAmountFen: 9000,
  invoiceDate: '2019-11-11',
  securityCode: '59888377633810876652',
  oldInvoiceCode: '032001700211',
  oldInvoiceNum: '88093701',
  logisticsOrderId: '1111111111',
  logisticsComp: '苏宁',
  invoiceStatus: '2',
  // The sample's scheme-less `www.suning.com` is read as the https link it means.
  pdfUrl: 'https://www.suning.com',
};

describe('the seed document sample responses', () => {
  it('JSON sample normalises to one bill with one invoice, exactly', () => {
    const bills = okBills(parse(fixture('sample-response.json'), 'json'));
    expect(bills).toEqual([{ orderNo: '123456', saleOrg: '70066253', saleTaxNo: '111122223333444455', invoices: [SAMPLE_INVOICE] }]);
    expect(suningInvoiceSchema.parse(bills[0]?.invoices[0])).toEqual(SAMPLE_INVOICE);
  });

  it('XML sample (single-element lists) normalises to the same thing as the JSON', () => {
    const xml = parse(fixture('sample-response.xml'), 'xml');
    expect(xml).toEqual(parse(fixture('sample-response.json'), 'json'));
  });

  it('keeps the leading zero of 032001700211 from XML', () => {
    const inv = okBills(parse(fixture('sample-response.xml'), 'xml'))[0]?.invoices[0];
    expect(inv?.invoiceCode).toBe('032001700211');
    expect(inv?.oldInvoiceCode).toBe('032001700211');
  });
});

const xmlResponse = (retrunInv: string, returnCode = '0000'): string =>
  `<?xml version="1.0" encoding="UTF-8"?><sn_responseContent><sn_body><queryStorage><returnCode>${returnCode}</returnCode>` +
  `<returnMsg>ok</returnMsg>${retrunInv}</queryStorage></sn_body></sn_responseContent>`;

describe('list shapes', () => {
  it('several retrunInv / orderItem / invItems elements in XML become arrays in order', () => {
    const body = xmlResponse(
      '<retrunInv><orderNo>A1</orderNo><orderItem><orderItemId>L1</orderItemId>' +
        '<invItems><invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>10</invoiceAmount><invoiceNum>1</invoiceNum></invItems>' +
        '<invItems><invoiceFlag>04</invoiceFlag><invoiceType>-1</invoiceType><invoiceAmount>10</invoiceAmount><invoiceNum>2</invoiceNum></invItems>' +
        '</orderItem><orderItem><orderItemId>L2</orderItemId>' +
        '<invItems><invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>5.5</invoiceAmount><invoiceNum>3</invoiceNum></invItems>' +
        '</orderItem></retrunInv><retrunInv><orderNo>B2</orderNo></retrunInv>',
    );
    const bills = okBills(parse(body, 'xml'));
    expect(bills.map((b) => b.orderNo)).toEqual(['A1', 'B2']);
    expect(bills[0]?.invoices.map((i) => [i.orderItemId, i.invoiceNum, i.amountFen])).toEqual([
      ['L1', '1', 1000],
      ['L1', '2', -1000],
      ['L2', '3', 550],
    ]);
    expect(bills[1]?.invoices).toEqual([]);
  });

  it('a JSON object where a list is expected is taken as a list of one', () => {
    const tree = {
      sn_responseContent: {
        sn_body: {
          queryStorage: {
            returnCode: '0000',
            retrunInv: { orderNo: 'X', orderItem: { orderItemId: 'Y', invItems: { invoiceFlag: '02', invoiceType: '1', invoiceAmount: '1' } } },
          },
        },
      },
    };
    const bills = okBills(normalizeQueryStorageResponse(tree));
    expect(bills).toHaveLength(1);
    expect(bills[0]?.invoices[0]).toMatchObject({ orderNo: 'X', orderItemId: 'Y', invoiceFlag: '02', amountFen: 100 });
  });

  it('empty XML list elements mean "none", not a malformed entry', () => {
    const bills = okBills(parse(xmlResponse('<retrunInv><orderNo>A</orderNo><orderItem><orderItemId>1</orderItemId><invItems/></orderItem></retrunInv>'), 'xml'));
    expect(bills).toEqual([{ orderNo: 'A', saleOrg: '', saleTaxNo: '', invoices: [] }]);
  });

  it('a success without retrunInv has no bills', () => {
    expect(okBills(parse(xmlResponse(''), 'xml'))).toEqual([]);
  });
});

describe('field normalisation', () => {
  const one = (fields: string): SuningQueryOutcome =>
    parse(xmlResponse(`<retrunInv><orderNo>O</orderNo><orderItem><orderItemId>I</orderItemId><invItems>${fields}</invItems></orderItem></retrunInv>`), 'xml');

  it('missing optional fields become empty strings or null', () => {
    const inv = okBills(one('<invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>100</invoiceAmount>'))[0]?.invoices[0];
    expect(inv).toEqual({
      orderNo: 'O', orderItemId: 'I', saleOrg: '', saleTaxNo: '', invoiceFlag: '04', invoiceType: 1, invoiceCode: '', invoiceNum: '',
      amountFen: 10000, noTaxAmountFen: null, invoiceDate: null, securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '',
      logisticsOrderId: '', logisticsComp: '', invoiceStatus: '', pdfUrl: '',
    });
  });

  it.each([
    ['-1', '-90.00', '-80', -9000, -8000],
    ['-1', '90', '80.5', -9000, -8050],
    ['1', '-90', '-80', 9000, 8000],
    ['1', '100.5', '90', 10050, 9000],
  ])('invoiceType %s with amount %s / %s → %i / %i fen', (type, amount, noTax, fen, noTaxFen) => {
    const inv = okBills(one(`<invoiceFlag>04</invoiceFlag><invoiceType>${type}</invoiceType><invoiceAmount>${amount}</invoiceAmount><invoiceNoTaxAmount>${noTax}</invoiceNoTaxAmount>`))[0]?.invoices[0];
    expect(inv?.amountFen).toBe(fen);
    expect(inv?.noTaxAmountFen).toBe(noTaxFen);
  });

  it('removes every space from the security code and normalises dates', () => {
    const inv = okBills(one('<invoiceFlag>4</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>1</invoiceAmount><invoiceSecurityCode> 1234 5678  9012 </invoiceSecurityCode><invoiceDate>2026-11-03 10:20:30</invoiceDate>'))[0]?.invoices[0];
    expect(inv?.securityCode).toBe('123456789012');
    expect(inv?.invoiceDate).toBe('2026-11-03');
    expect(inv?.invoiceFlag).toBe('04');
  });

  it('a 数电票 with an empty code keeps the empty code and the 20-digit number', () => {
    const inv = okBills(one('<invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>1</invoiceAmount><invoiceCode></invoiceCode><invoiceNum>24322000000012345678</invoiceNum>'))[0]?.invoices[0];
    expect(inv?.invoiceCode).toBe('');
    expect(inv?.invoiceNum).toBe('24322000000012345678');
  });

  it('a bad amount is malformed and names the exact path', () => {
    const body = xmlResponse(
      '<retrunInv><orderNo>O</orderNo><orderItem><orderItemId>1</orderItemId><invItems><invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>1</invoiceAmount></invItems></orderItem>' +
        '<orderItem><orderItemId>2</orderItemId><invItems><invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>1.2.3</invoiceAmount></invItems></orderItem></retrunInv>',
    );
    const o = parse(body, 'xml');
    expect(o).toEqual({
      kind: 'malformed',
      reason: {
        zh: 'retrunInv[0].orderItem[1].invItems[0].invoiceAmount: "1.2.3" 不是金额',
        en: 'retrunInv[0].orderItem[1].invItems[0].invoiceAmount: "1.2.3" is not an amount',
      },
    });
  });

  it.each([
    ['<invoiceFlag>04</invoiceFlag><invoiceType>2</invoiceType><invoiceAmount>1</invoiceAmount>', 'invItems[0].invoiceType'],
    ['<invoiceFlag>03</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>1</invoiceAmount>', 'invItems[0].invoiceFlag'],
    ['<invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType>', 'invItems[0].invoiceAmount'],
    ['<invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>1</invoiceAmount><invoiceDate>2026-02-30</invoiceDate>', 'invItems[0].invoiceDate'],
    ['<invoiceFlag>04</invoiceFlag><invoiceType>1</invoiceType><invoiceAmount>1.005</invoiceAmount>', 'invItems[0].invoiceAmount'],
  ])('malformed field %#: path %s', (fields, suffix) => {
    const o = one(fields);
    expect(o.kind).toBe('malformed');
    if (o.kind === 'malformed') expect(o.reason.en.startsWith(`retrunInv[0].orderItem[0].${suffix}:`)).toBe(true);
  });
});

describe('outcomes other than success', () => {
  it('returnCode 9999 is a business failure with its message', () => {
    const body = '{"sn_responseContent":{"sn_body":{"queryStorage":{"returnCode":"9999","returnMsg":"调用失败"}}}}';
    expect(parse(body, 'json')).toEqual({ kind: 'business_failure', returnCode: '9999', message: '调用失败' });
  });

  it('sn_error (JSON and XML) is an error with code and message, including no-result', () => {
    expect(parse('{"sn_responseContent":{"sn_error":{"error_code":"biz.handler.data-get:no-result","error_msg":"查询没结果"}}}', 'json')).toEqual({
      kind: 'error', code: 'biz.handler.data-get:no-result', message: '查询没结果',
    });
    expect(parse('<sn_responseContent><sn_error><error_code>sys.check.app-sign:error</error_code><error_msg>签名信息错误</error_msg></sn_error></sn_responseContent>', 'xml')).toEqual({
      kind: 'error', code: 'sys.check.app-sign:error', message: '签名信息错误',
    });
  });

  it.each([
    [null, '(root)'],
    [{ foo: 1 }, 'sn_responseContent'],
    [{ sn_responseContent: { sn_body: {} } }, 'sn_body.queryStorage'],
    [{ sn_responseContent: { sn_body: { queryStorage: { returnMsg: 'x' } } } }, 'queryStorage.returnCode'],
    [{ sn_responseContent: { sn_body: { queryStorage: { returnCode: '0000', retrunInv: [{ orderItem: [] }] } } } }, 'retrunInv[0].orderNo'],
    [{ sn_responseContent: { sn_body: { queryStorage: { returnCode: '0000', retrunInv: ['x'] } } } }, 'retrunInv[0]'],
    [{ sn_responseContent: { sn_error: { error_msg: 'x' } } }, 'sn_error.error_code'],
  ])('wrong shape %# is malformed naming %s', (tree, where) => {
    const o = normalizeQueryStorageResponse(tree);
    expect(o.kind).toBe('malformed');
    if (o.kind === 'malformed') {
      expect(o.reason.en).toContain(where);
      expect(o.reason.zh).toContain(where);
    }
  });

  it('does not accept the correctly spelled "returnInv": the platform spells it retrunInv', () => {
    const tree = { sn_responseContent: { sn_body: { queryStorage: { returnCode: '0000', returnInv: [{ orderNo: 'A' }] } } } };
    expect(okBills(normalizeQueryStorageResponse(tree))).toEqual([]);
  });
});

describe('parseSuningBody', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', 'HTML'],
    ['<html><head></head><body>nginx</body></html>', 'HTML'],
    ['{"sn_responseContent":{"sn_body":', 'JSON'],
    ['<sn_responseContent><sn_body><queryStorage><returnCode>0000</returnCode>', 'XML'],
    ['Service Unavailable', 'JSON'],
  ])('refuses %j as %s', (body, word) => {
    const p = parseSuningBody(body, 'json');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason.en).toContain(word);
  });
});

describe('suningStorageSchema', () => {
  it('accepts a good storage and refuses empty billNo, bad billType, empty saleOrg, over-long billNo', () => {
    expect(suningStorageSchema.parse({ billNo: '32281421244', billType: '01', saleOrg: '70066253' })).toEqual({ billNo: '32281421244', billType: '01', saleOrg: '70066253' });
    expect(suningStorageSchema.safeParse({ billNo: ' ', billType: '01', saleOrg: 'x' }).success).toBe(false);
    const badType = suningStorageSchema.safeParse({ billNo: '1', billType: '05', saleOrg: 'x' });
    expect(badType.success).toBe(false);
    if (!badType.success) expect(badType.error.issues[0]?.message).toContain('01, 02, 03 or 04');
    expect(suningStorageSchema.safeParse({ billNo: '1', billType: '01', saleOrg: '' }).success).toBe(false);
    expect(suningStorageSchema.safeParse({ billNo: '𠀋'.repeat(64), billType: '01', saleOrg: 'x' }).success).toBe(true);
    expect(suningStorageSchema.safeParse({ billNo: '1'.repeat(65), billType: '01', saleOrg: 'x' }).success).toBe(false);
  });
});

describe('boundaries of a Suning answer', () => {
  const jsonWith = (inv: Record<string, unknown>, returnCode: unknown = '0000'): unknown => ({
    sn_responseContent: { sn_body: { queryStorage: { returnCode, returnMsg: 'ok', retrunInv: [{ orderNo: 'O1', orderItem: [{ orderItemId: 'L1', invItems: [
      { invoiceFlag: '04', invoiceType: '1', invoiceAmount: '10', invoiceCode: '', invoiceNum: '24322000000012345678', ...inv },
    ] }] }] } } },
  });

  it.each([
    ['https://fp.example.cn/a.pdf', 'https://fp.example.cn/a.pdf'],
    ['www.suning.com/fp/a.pdf', 'https://www.suning.com/fp/a.pdf'],
    ['', ''],
  ])('invoicePdfUrl %j is kept as the web link %j', (raw, url) => {
    expect(okBills(normalizeQueryStorageResponse(jsonWith({ invoicePdfUrl: raw })))[0]?.invoices[0]?.pdfUrl).toBe(url);
  });

  it.each(['javascript:alert(1)', 'file:///C:/a.pdf', 'data:text/html,<script>x</script>'])('invoicePdfUrl %j makes the answer malformed, naming the path', (raw) => {
    const o = normalizeQueryStorageResponse(jsonWith({ invoicePdfUrl: raw }));
    expect(o.kind).toBe('malformed');
    if (o.kind === 'malformed') {
      expect(o.reason.en).toContain('retrunInv[0].orderItem[0].invItems[0].invoicePdfUrl');
      expect(o.reason.en).toContain('only http:// or https://');
      expect(o.reason.zh).toContain('只接受 http:// 或 https://');
    }
  });

  it.each([
    ['invoiceNum', '2432200000\\u202E0012345678', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['invoiceCode', '0320017\\u200B00211', 'U+200B ZERO WIDTH SPACE'],
    ['oldInvoiceNum', '880\\uFEFF93701', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['invoiceNum', '2432200000001234567\\uD800', 'U+D800 LONE SURROGATE'],
  ])('an identifier %s with a hidden character is malformed, naming %s', (field, escaped, label) => {
    // JSON escapes are how such characters (a lone surrogate above all) arrive from the wire.
    const body = JSON.stringify(jsonWith({ [field]: 'X' })).replace('"X"', `"${escaped}"`);
    const p = parseSuningBody(body, 'json');
    if (!p.ok) throw new Error(p.reason.en);
    const o = normalizeQueryStorageResponse(p.tree);
    expect(o.kind).toBe('malformed');
    if (o.kind === 'malformed') {
      expect(o.reason.en).toContain(`invItems[0].${field}`);
      expect(o.reason.en).toContain(label);
      expect(o.reason.zh).toContain(label);
    }
  });

  it('an order number with a bidi override is malformed', () => {
    const o = normalizeQueryStorageResponse({ sn_responseContent: { sn_body: { queryStorage: { returnCode: '0000', retrunInv: [{ orderNo: 'O\u202E1' }] } } } });
    expect(o).toMatchObject({ kind: 'malformed', reason: { en: expect.stringContaining('retrunInv[0].orderNo') } });
  });

  it.each([' 0000', '0000 ', '00000', '0', 0])('returnCode %j looks like success but is not exactly "0000": malformed, not success', (code) => {
    const o = normalizeQueryStorageResponse(jsonWith({}, code));
    expect(o.kind).toBe('malformed');
    if (o.kind === 'malformed') expect(o.reason.en).toContain('exactly "0000"');
  });

  it('any other returnCode is still a business failure', () => {
    expect(normalizeQueryStorageResponse(jsonWith({}, '9999'))).toMatchObject({ kind: 'business_failure', returnCode: '9999' });
    expect(normalizeQueryStorageResponse(jsonWith({}, 9999))).toMatchObject({ kind: 'business_failure', returnCode: '9999' });
  });
});

describe('suningStorageSchema refuses hidden characters in identifiers', () => {
  it.each([
    ['billNo', '3228\u202E1421244'],
    ['saleOrg', '7006\u200B6253'],
    ['saleTaxNo', '91320106773973920L\uFEFF'],
    ['billNo', '3228142124\uDC00'],
  ])('%s %j', (field, value) => {
    const r = suningStorageSchema.safeParse({ billNo: '32281421244', billType: '01', saleOrg: '70066253', [field]: value });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]?.path).toEqual([field]);
      expect(r.error.issues[0]?.message).toMatch(/U\+[0-9A-F]{4} [A-Z]/);
    }
  });
});
