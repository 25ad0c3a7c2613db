// Main process (also used by tests and benchmarks). The records the emulators hold, as the platforms see them.

/** One invoice record in the Wangdiantong ERP (发票管理), as a clerk would export it. Money in integer fen. */
export interface ErpRecord {
  /** The ERP's own invoice record id (发票编号), ≤20 characters. */
  readonly invoiceNo: string;
  readonly orderNo: string;
  readonly billType: '01';
  readonly shop: string;
  /** Suning merchant code (商户编码). */
  readonly saleOrg: string;
  readonly buyerTitle: string;
  readonly amountFen: number;
  readonly taxAmountFen: number;
  /** YYYY-MM-DD. */
  readonly invoiceDate: string;
  /** '' until the invoice result has been written back. */
  readonly invoiceCode: string;
  readonly invoiceNum: string;
  readonly pdfUrl: string;
  readonly status: 80;
  readonly errorInfo: string;
}

/** A record in the Wangdiantong emulator's store: the seeded record with what updates have changed. */
export interface ErpRecordState {
  readonly invoiceNo: string;
  readonly orderNo: string;
  readonly amountFen: number;
  status: 65 | 75 | 80;
  invoiceCode: string;
  invoiceNum: string;
  pdfUrl: string;
  errorInfo: string;
  /** How many accepted updates touched this record (an idempotent repeat still counts). */
  updateCount: number;
  /** Server-clock epoch ms of the last accepted update, null when never updated. */
  updatedAt: number | null;
}

/**
 * One `invItems` element exactly as Suning sends it: every value a string, optional fields absent when the
 * platform leaves them out (old* only on red invoices, logistics only on paper ones).
 */
export interface SuningWireInvoice {
  /** The order line (orderItem.orderItemId) this invoice belongs to. */
  readonly orderItemId: string;
  /** 01 专票, 02 普票, 04 电子发票. */
  readonly invoiceFlag: string;
  /** '1' blue, '-1' red. */
  readonly invoiceType: string;
  /** '' for 数电票. */
  readonly invoiceCode: string;
  readonly invoiceNum: string;
  /** As the platform writes it: "100", "100.5", "-90.00"; red ones signed or not. */
  readonly invoiceAmount: string;
  readonly invoiceNoTaxAmount?: string;
  readonly invoiceDate?: string;
  readonly invoiceSecurityCode?: string;
  readonly oldInvoiceCode?: string;
  readonly oldInvoiceNum?: string;
  readonly logisticsOrderId?: string;
  readonly logisticsComp?: string;
  /** '0' 无发票, '2' 正常. */
  readonly invoiceStatus?: string;
  readonly invoicePdfUrl?: string;
}

/** What the Wangdiantong emulator received, for tests to assert on. */
export interface ReceivedWdt {
  /** Server-clock epoch ms when the request arrived. */
  readonly time: number;
  /** Every form parameter as decoded, `sign` included. */
  readonly params: Readonly<Record<string, string>>;
  /** The `code` answered; null when a transport fault answered instead (see `fault`). */
  code: number | null;
  /** The injected fault that shaped the answer, if any. */
  fault: FaultKind | null;
}

/** What the Suning emulator received. */
export interface ReceivedSuning {
  readonly time: number;
  /** Request headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body as UTF-8 text. */
  readonly body: string;
  /** `sn_error.error_code`, or the `returnCode` ('0000' / '9999'); null when a transport fault answered. */
  outcome: string | null;
  fault: FaultKind | null;
}

export type FaultKind = 'hang' | 'http5xx' | 'html_error_page' | 'error_rate' | 'malformed_body' | 'truncated_body' | 'empty_body';
