// Main process (also tests and benchmarks). Deterministic practice data: ERP invoice records and what Suning
// reports for the same orders, with the mix of cases a clerk meets. Same options → byte-identical output.
//
// The mix (per mille of orders; the first 10 orders walk through every case but query_failure once, so even a
// tiny sandbox shows them; the rest are drawn by the seeded RNG). query_failure stays out of the walk-through
// because Suning answers 9999 for a whole request, so one such order fails every bill batched with it — rare,
// as on the real platform, not in every practice run:
//   fillable 400 — Suning has one blue invoice, the ERP record has no code/number yet
//   matched 200 — the ERP record already holds the same code, number and PDF
//   amount_mismatch 50 — Suning's amount differs from the ERP's by a few yuan or fen
//   number_mismatch 50 — the ERP holds a number that differs from Suning's (a typo)
//   reversed 50 — a blue and the red that reverses it
//   reissued 50 — a blue, its red, then a new blue for the same amount
//   split 50 — two blues on two order lines that add up to the ERP amount
//   digital 80 — a 数电票: 20-digit number and an empty code
//   not_issued 50 — Suning has nothing for the order yet
//   red_without_blue 15 — only a red whose blue Suning does not report
//   query_failure 5 — Suning answers returnCode 9999 for the order
//
// Every invoice also has a FILE behind its invoicePdfUrl (when the seed is given the emulator's fileOrigin, the
// Suning emulator serves it; see FILE_CASES). The file cases are drawn from their own RNG stream after the
// orders, so adding them changed none of the orders, amounts or numbers above.
// Electronic 普票 codes are 12 digits with digits 11–12 = '11' and a leading 0; numbers 8 digits, often with
// leading zeros. Amounts are written as the platform does: "100", "100.5" or "100.50"; reds signed or not.
import { AppError } from '../../shared/errors';
import { createRng, pick, randInt } from './rng';
import type { ErpRecord, SuningWireInvoice } from './types';

export const SEED_CASES = [
  'fillable',
  'matched',
  'amount_mismatch',
  'number_mismatch',
  'reversed',
  'reissued',
  'split',
  'digital',
  'not_issued',
  'red_without_blue',
  'query_failure',
] as const;
export type SeedCase = (typeof SEED_CASES)[number];

/** Per mille of orders in each case; sums to 1000. */
export const SEED_MIX: Readonly<Record<SeedCase, number>> = {
  fillable: 400,
  matched: 200,
  amount_mismatch: 50,
  number_mismatch: 50,
  reversed: 50,
  reissued: 50,
  split: 50,
  digital: 80,
  not_issued: 50,
  red_without_blue: 15,
  query_failure: 5,
};

/**
 * What the file behind an invoice's link is (per mille of invoices; the first invoices walk through every case
 * — see FILE_WALK_THROUGH — so even a small sandbox shows each):
 *   ok — a PDF e-invoice that states what Suning reports
 *   amount_differs 10 — the PDF's amounts (QR and text) differ from Suning's by a few fen or yuan
 *   number_differs 10 — the PDF carries another 发票号码
 *   expired_404 10 — the link answers 404 with an HTML page
 *   expired_page 10 — the link answers 200 with an HTML "链接已失效" page
 *   not_pdf 10 — 200, Content-Type application/pdf, but the body is not a PDF
 *   truncated 10 — the server announces the full length and stops halfway
 *   huge 1 — a PDF over 20 MB (streamed)
 *   slow 5 — the server stalls mid-file (SuningEmulatorOptions.slowFileMs) before sending the rest
 */
export const FILE_CASES = ['ok', 'amount_differs', 'number_differs', 'expired_404', 'expired_page', 'not_pdf', 'truncated', 'huge', 'slow'] as const;
export type FileCase = (typeof FILE_CASES)[number];
export const FILE_CASE_MIX: Readonly<Record<Exclude<FileCase, 'ok'>, number>> = {
  amount_differs: 10,
  number_differs: 10,
  expired_404: 10,
  expired_page: 10,
  not_pdf: 10,
  truncated: 10,
  huge: 1,
  slow: 5,
};
/**
 * The file cases of the first invoices, in generation order. The first two (the fillable and the matched
 * order's blues) and the 数电票 stay ok so a small sandbox shows matches of both formats.
 */
export const FILE_WALK_THROUGH: readonly FileCase[] = ['ok', 'ok', 'amount_differs', 'number_differs', 'expired_404', 'expired_page', 'not_pdf', 'truncated', 'huge', 'slow'];

/** The file behind one invoice's link, with what the emulator needs to write it. */
export interface SeedFile {
  readonly orderNo: string;
  readonly invoice: SuningWireInvoice;
  /** 购买方名称: the ERP record's buyer title. */
  readonly buyerName: string;
  /** 销售方名称: the shop. */
  readonly sellerName: string;
  readonly fileCase: FileCase;
}

/** The emulator path of an invoice's file, `/dzfp/<code><number>.pdf`; the key is `<code><number>`. */
export function fileKeyOf(inv: Pick<SuningWireInvoice, 'invoiceCode' | 'invoiceNum'>): string {
  return `${inv.invoiceCode}${inv.invoiceNum}`;
}

export const DEFAULT_SALE_ORG = '70066253';
export const MAX_SEED_ORDERS = 2_000_000;

export interface SeedOptions {
  readonly orders: number;
  readonly seed: number;
  readonly saleOrg?: string;
  /**
   * `http://127.0.0.1:PORT` of the Suning emulator that serves the files: links then point there. Without it
   * they point at an unreachable practice host (fp.example.cn), as before files were served.
   */
  readonly fileOrigin?: string;
}

export interface SeedData {
  readonly saleOrg: string;
  readonly erpRecords: ErpRecord[];
  readonly invoicesByOrder: Map<string, SuningWireInvoice[]>;
  /** Orders the Suning emulator answers with returnCode 9999. */
  readonly failingOrders: Set<string>;
  /** What each order was generated as, so tests and benchmarks know the expected reconciliation. */
  readonly caseByOrder: Map<string, SeedCase>;
  /** The file behind every invoice's link, by fileKeyOf(invoice). */
  readonly files: Map<string, SeedFile>;
}

const SHOPS = ['苏宁易购官方旗舰店', '优品家电专营店', '华东数码专营店', '星河母婴旗舰店'] as const;
const BUYERS = [
  '个人',
  '个人',
  '个人',
  '南京云帆贸易有限公司',
  '上海"星河"科技有限公司',
  '北京恒通商贸有限公司,采购部',
  '苏州工业园区某某电子有限公司',
  'Acme (Shanghai) Trading Co., Ltd.',
] as const;
const CENTS = [0, 0, 0, 0, 50, 90, 99] as const;
const REGIONS = ['3200', '3100', '1100', '4403', '3301'] as const;

/** 61 consecutive dates: the application (and issue) dates of the practice orders. */
const DATES: readonly string[] = (() => {
  const out: string[] = [];
  const start = Date.UTC(2026, 8, 1);
  for (let d = 0; d <= 60; d++) out.push(new Date(start + d * 86_400_000).toISOString().slice(0, 10));
  return out;
})();

/** The cases the first orders show in turn. */
export const WALK_THROUGH: readonly SeedCase[] = SEED_CASES.filter((c) => c !== 'query_failure');

const CASE_THRESHOLDS: ReadonlyArray<readonly [number, SeedCase]> = (() => {
  let acc = 0;
  return SEED_CASES.map((c) => {
    acc += SEED_MIX[c];
    return [acc, c] as const;
  });
})();

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function validate(opts: SeedOptions): void {
  if (!Number.isInteger(opts.orders) || opts.orders < 0 || opts.orders > MAX_SEED_ORDERS) {
    throw new AppError('validation', {
      zh: `订单数必须是 0 到 ${MAX_SEED_ORDERS} 之间的整数，实际为 ${opts.orders}`,
      en: `orders must be an integer from 0 to ${MAX_SEED_ORDERS}, got ${opts.orders}`,
    });
  }
  if (!Number.isInteger(opts.seed)) {
    throw new AppError('validation', { zh: `种子必须是整数，实际为 ${opts.seed}`, en: `seed must be an integer, got ${opts.seed}` });
  }
  if (opts.saleOrg !== undefined && !/^[0-9A-Za-z]{1,32}$/.test(opts.saleOrg)) {
    throw new AppError('validation', { zh: '商户编码只能是 1–32 位字母或数字', en: 'saleOrg must be 1–32 letters or digits' });
  }
}

export function generateSeed(opts: SeedOptions): SeedData {
  validate(opts);
  const rng = createRng(opts.seed);
  const saleOrg = opts.saleOrg ?? DEFAULT_SALE_ORG;
  const yy = '26';
  const codes = Array.from({ length: 4 }, () => `0${pick(rng, REGIONS)}${yy}${pad(randInt(rng, 0, 999), 3)}11`);
  const orderBase = 30_000_000_000 + randInt(rng, 0, 900_000_000);
  // Small starting points so numbers keep leading zeros ("00004127").
  let paperNum = randInt(rng, 1, 50_000);
  let digitalNum = randInt(rng, 1, 50_000);
  const digitalPrefix = `${yy}${pad(randInt(rng, 11, 65), 2)}`;

  const erpRecords: ErpRecord[] = [];
  const invoicesByOrder = new Map<string, SuningWireInvoice[]>();
  const failingOrders = new Set<string>();
  const caseByOrder = new Map<string, SeedCase>();

  const amountText = (fen: number): string => {
    const abs = Math.abs(fen);
    const sign = fen < 0 ? '-' : '';
    const yuan = Math.floor(abs / 100);
    const cents = abs % 100;
    if (rng() < 0.5) return `${sign}${yuan}.${pad(cents, 2)}`;
    if (cents === 0) return `${sign}${yuan}`;
    return `${sign}${yuan}.${cents % 10 === 0 ? String(cents / 10) : pad(cents, 2)}`;
  };
  const taxOf = (fen: number): number => Math.round((fen * 13) / 113);
  const securityCode = (): string => {
    const d = pad(Math.floor(rng() * 1e10), 10) + pad(Math.floor(rng() * 1e10), 10);
    return `${d.slice(0, 5)} ${d.slice(5, 10)} ${d.slice(10, 15)} ${d.slice(15)}`;
  };
  // The draw stays even with a fileOrigin (the emulator speaks plain http), so every later value is unchanged.
  const pdfUrl = (code: string, num: string): string => {
    const scheme = rng() < 0.8 ? 'https' : 'http';
    return opts.fileOrigin === undefined ? `${scheme}://fp.example.cn/dzfp/${code}${num}.pdf` : `${opts.fileOrigin}/dzfp/${code}${num}.pdf`;
  };
  const nextPaper = (): { code: string; num: string } => ({ code: pick(rng, codes), num: pad(paperNum++, 8) });
  const nextDigital = (): { code: string; num: string } => ({ code: '', num: `${digitalPrefix}${pad(digitalNum++, 16)}` });

  const blue = (orderItemId: string, fen: number, id: { code: string; num: string }, date: string): SuningWireInvoice => ({
    orderItemId,
    invoiceFlag: '04',
    invoiceType: '1',
    invoiceCode: id.code,
    invoiceNum: id.num,
    invoiceAmount: amountText(fen),
    invoiceNoTaxAmount: amountText(fen - taxOf(fen)),
    invoiceDate: date,
    invoiceSecurityCode: securityCode(),
    invoiceStatus: '2',
    invoicePdfUrl: pdfUrl(id.code, id.num),
  });
  const red = (orderItemId: string, fen: number, of: { code: string; num: string }, date: string): SuningWireInvoice => {
    // The platform sends red amounts sometimes signed, sometimes not.
    const signed = rng() < 0.5 ? -1 : 1;
    const id = nextPaper();
    return {
      orderItemId,
      invoiceFlag: '04',
      invoiceType: '-1',
      invoiceCode: id.code,
      invoiceNum: id.num,
      invoiceAmount: amountText(signed * fen),
      invoiceNoTaxAmount: amountText(signed * (fen - taxOf(fen))),
      invoiceDate: date,
      invoiceSecurityCode: securityCode(),
      oldInvoiceCode: of.code,
      oldInvoiceNum: of.num,
      invoiceStatus: '2',
      invoicePdfUrl: pdfUrl(id.code, id.num),
    };
  };

  for (let i = 0; i < opts.orders; i++) {
    const orderNo = String(orderBase + i * 3 + randInt(rng, 0, 2));
    const kind: SeedCase = i < WALK_THROUGH.length ? (WALK_THROUGH[i] ?? 'fillable') : drawCase(rng());
    const fen = randInt(rng, 5, 2999) * 100 + (rng() < 0.85 ? pick(rng, CENTS) : randInt(rng, 1, 99));
    const dateIndex = randInt(rng, 0, DATES.length - 3);
    const appliedOn = DATES[dateIndex] ?? '2026-09-01';
    const issuedOn = DATES[dateIndex + randInt(rng, 0, 2)] ?? appliedOn;
    const item1 = `${orderNo}01`;
    let erp = { invoiceCode: '', invoiceNum: '', pdfUrl: '' };
    let invoices: SuningWireInvoice[] = [];

    switch (kind) {
      case 'fillable':
        invoices = [blue(item1, fen, nextPaper(), issuedOn)];
        break;
      case 'matched': {
        const inv = blue(item1, fen, nextPaper(), issuedOn);
        invoices = [inv];
        erp = { invoiceCode: inv.invoiceCode, invoiceNum: inv.invoiceNum, pdfUrl: inv.invoicePdfUrl ?? '' };
        break;
      }
      case 'amount_mismatch': {
        const delta = randInt(rng, 1, 500) * (rng() < 0.5 ? -1 : 1);
        invoices = [blue(item1, fen + delta, nextPaper(), issuedOn)];
        break;
      }
      case 'number_mismatch': {
        const id = nextPaper();
        invoices = [blue(item1, fen, id, issuedOn)];
        const last = Number(id.num.slice(-1));
        erp = { invoiceCode: id.code, invoiceNum: `${id.num.slice(0, -1)}${(last + 1) % 10}`, pdfUrl: '' };
        break;
      }
      case 'reversed': {
        const id = nextPaper();
        invoices = [blue(item1, fen, id, appliedOn), red(item1, fen, id, issuedOn)];
        break;
      }
      case 'reissued': {
        const id = nextPaper();
        invoices = [blue(item1, fen, id, appliedOn), red(item1, fen, id, issuedOn), blue(item1, fen, nextPaper(), issuedOn)];
        break;
      }
      case 'split': {
        const first = Math.round((fen * randInt(rng, 30, 70)) / 100);
        invoices = [blue(item1, first, nextPaper(), issuedOn), blue(`${orderNo}02`, fen - first, nextPaper(), issuedOn)];
        break;
      }
      case 'digital':
        invoices = [blue(item1, fen, nextDigital(), issuedOn)];
        break;
      case 'not_issued':
        break;
      case 'red_without_blue':
        invoices = [red(item1, fen, nextPaper(), issuedOn)];
        break;
      case 'query_failure':
        invoices = [blue(item1, fen, nextPaper(), issuedOn)];
        failingOrders.add(orderNo);
        break;
    }

    if (invoices.length > 0) invoicesByOrder.set(orderNo, invoices);
    caseByOrder.set(orderNo, kind);
    erpRecords.push({
      invoiceNo: `DZ${appliedOn.replaceAll('-', '')}${pad(i + 1, 6)}`,
      orderNo,
      billType: '01',
      shop: pick(rng, SHOPS),
      saleOrg,
      buyerTitle: pick(rng, BUYERS),
      amountFen: fen,
      taxAmountFen: taxOf(fen),
      invoiceDate: appliedOn,
      invoiceCode: erp.invoiceCode,
      invoiceNum: erp.invoiceNum,
      pdfUrl: erp.pdfUrl,
      status: 80,
      errorInfo: '',
    });
  }
  return { saleOrg, erpRecords, invoicesByOrder, failingOrders, caseByOrder, files: seedFiles(opts.seed, erpRecords, invoicesByOrder) };
}

const FILE_THRESHOLDS: ReadonlyArray<readonly [number, FileCase]> = (() => {
  let acc = 0;
  return (Object.entries(FILE_CASE_MIX) as [Exclude<FileCase, 'ok'>, number][]).map(([c, n]) => {
    acc += n;
    return [acc, c] as const;
  });
})();

function drawFileCase(r: number): FileCase {
  const x = r * 1000;
  for (const [limit, c] of FILE_THRESHOLDS) if (x < limit) return c;
  return 'ok';
}

/** The file case of every invoice, from a stream of its own (so the orders' stream is untouched). */
function seedFiles(seed: number, erpRecords: readonly ErpRecord[], invoicesByOrder: ReadonlyMap<string, readonly SuningWireInvoice[]>): Map<string, SeedFile> {
  const rng = createRng((seed ^ 0x5eed_f11e) | 0);
  const files = new Map<string, SeedFile>();
  let n = 0;
  for (const record of erpRecords) {
    for (const invoice of invoicesByOrder.get(record.orderNo) ?? []) {
      const r = rng();
      const walk = FILE_WALK_THROUGH[n];
      // The walk-through keeps the 数电票 ok: its own file format must be seen matching.
      const fileCase = walk !== undefined ? (invoice.invoiceCode === '' ? 'ok' : walk) : drawFileCase(r);
      files.set(fileKeyOf(invoice), { orderNo: record.orderNo, invoice, buyerName: record.buyerTitle, sellerName: record.shop, fileCase });
      n++;
    }
  }
  return files;
}

function drawCase(r: number): SeedCase {
  const x = r * 1000;
  for (const [limit, c] of CASE_THRESHOLDS) if (x < limit) return c;
  return 'fillable';
}
