// Node (integration test helper). Retry policies whose waits are recorded, so tests count attempts without timing.
import type { RetryOptions } from '../../../electron/http/retry';
import type { ErpRecord } from '../../../electron/sandbox/types';

export interface RecordedRetry {
  readonly retry: RetryOptions;
  /** Backoff delays the transport asked for, in order. */
  readonly sleeps: number[];
}

/** Waits are skipped (resolved at once) after running `onSleep`, which a test may use to change faults mid-way. */
export function instantRetry(maxAttempts: number, onSleep?: (n: number) => void | Promise<void>): RecordedRetry {
  const sleeps: number[] = [];
  return {
    sleeps,
    retry: {
      maxAttempts,
      baseDelayMs: 100,
      maxDelayMs: 2_000,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        await onSleep?.(sleeps.length);
      },
    },
  };
}

export function erpRecord(invoiceNo: string, orderNo = `O-${invoiceNo}`): ErpRecord {
  return {
    invoiceNo,
    orderNo,
    billType: '01',
    shop: '苏宁旗舰店',
    saleOrg: '70066253',
    buyerTitle: '个人',
    amountFen: 10000,
    taxAmountFen: 1150,
    invoiceDate: '2026-11-20',
    invoiceCode: '',
    invoiceNum: '',
    pdfUrl: '',
    status: 80,
    errorInfo: '',
  };
}

/** Catches what a promise rejects with, failing the test when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, got a value');
}
