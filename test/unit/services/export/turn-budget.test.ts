import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { TurnBudget } from '../../../../electron/services/export/turn-budget';
import { writeInvoicesCsv } from '../../../../electron/services/export/csv';
import { writeInvoicesXlsx } from '../../../../electron/services/export/xlsx';
import type { InvoiceRow } from '../../../../shared/domain/invoice';
import { invoiceRow } from './fixtures';

describe('TurnBudget', () => {
  it('is spent once its time has passed and starts over after yielding', async () => {
    expect(new TurnBudget(0).spent()).toBe(true);
    const long = new TurnBudget(60_000);
    expect(long.spent()).toBe(false);
    await long.yield();
    expect(long.spent()).toBe(false);
  });
});

/**
 * Counts turns of the event loop (setImmediate ticks) seen by the time the writer asks for its last row: a
 * writer that never yields would let none run while it works through a synchronous source.
 */
async function turnsSeenByLastRow(write: (rows: Iterable<InvoiceRow>, out: PassThrough) => Promise<unknown>): Promise<number> {
  const n = 20_000;
  let turns = 0;
  let atLast = -1;
  let running = true;
  const tick = (): void => {
    turns += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  function* rows(): Generator<InvoiceRow> {
    for (let i = 0; i < n; i += 1) {
      if (i === n - 1) atLast = turns;
      yield invoiceRow({ id: i, invoiceNo: `FP${i}` });
    }
  }
  const out = new PassThrough();
  out.resume();
  try {
    await write(rows(), out);
  } finally {
    running = false;
  }
  return atLast;
}

describe('long exports give the event loop back', () => {
  it('CSV', async () => {
    expect(await turnsSeenByLastRow((rows, out) => writeInvoicesCsv(rows, out))).toBeGreaterThan(1);
  });

  it('XLSX', async () => {
    expect(await turnsSeenByLastRow((rows, out) => writeInvoicesXlsx(rows, out))).toBeGreaterThan(1);
  });
});
