// Main process. PLACEHOLDER of helper "einvoice"'s parser (same signature, COORD.md); replaced whole when
// their branch is merged. It reads nothing: every file is answered "cannot be read yet".
import type { EinvoiceParse } from '../../../../shared/domain/einvoice-file';

export interface EinvoiceParser {
  parse(bytes: Uint8Array): Promise<EinvoiceParse>;
  close(): Promise<void>;
}

export function createEinvoiceParser(_opts?: { workers?: number }): EinvoiceParser {
  return {
    parse: () => Promise.resolve({ ok: false, reason: { zh: '解析器尚未就绪', en: 'The parser is not available yet' } }),
    close: () => Promise.resolve(),
  };
}
