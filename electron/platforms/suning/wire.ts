// Main process. Suning request bodies (JSON or XML, exact bytes) and response text → tree.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { SUNING_LIST_TAGS, type SuningStorage } from '../../../shared/domain/suning';
import type { Bilingual } from '../../../shared/errors';
import { describeUnparseable } from '../../http/errors';

export type SuningFormat = 'json' | 'xml';

const LIST_TAGS: ReadonlySet<string> = new Set(SUNING_LIST_TAGS);
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

// Values stay text (`032001700211` keeps its zero) and lists stay lists even with one element.
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (tagName) => LIST_TAGS.has(tagName),
});

function storageTree(storages: readonly SuningStorage[]): { sn_request: { sn_body: { queryStorage: { storage: object[] } } } } {
  const storage = storages.map((s) => {
    const item: Record<string, string> = { billNo: s.billNo, billType: s.billType, saleOrg: s.saleOrg };
    if (s.saleTaxNo !== undefined && s.saleTaxNo !== '') item['saleTaxNo'] = s.saleTaxNo;
    return item;
  });
  return { sn_request: { sn_body: { queryStorage: { storage } } } };
}

/** The exact body bytes for a queryStorage request (what is signed is what is sent). */
export function buildQueryStorageBody(storages: readonly SuningStorage[], format: SuningFormat): Uint8Array {
  const tree = storageTree(storages);
  const text = format === 'json' ? JSON.stringify(tree) : XML_DECLARATION + String(builder.build(tree));
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export type ParsedBody = { readonly ok: true; readonly tree: unknown } | { readonly ok: false; readonly reason: Bilingual };

/**
 * Parses a response body as JSON or XML by its first character, whatever Format was asked (gateways
 * answer errors in their own format). HTML pages, empty and truncated bodies come back as reasons.
 */
export function parseSuningBody(body: string, expected: SuningFormat): ParsedBody {
  const t = body.replace(/^\uFEFF/, '').trim();
  const looksXml = t.startsWith('<');
  const looksJson = t.startsWith('{') || t.startsWith('[');
  const expectedLabel = expected === 'json' ? 'JSON' : 'XML';
  if (looksJson) {
    try {
      return { ok: true, tree: JSON.parse(t) };
    } catch {
      return { ok: false, reason: describeUnparseable(body, 'JSON') };
    }
  }
  if (looksXml) {
    const unparseable = describeUnparseable(body, 'XML');
    if (unparseable.en.startsWith('got an HTML page')) return { ok: false, reason: unparseable };
    if (XMLValidator.validate(t) !== true) return { ok: false, reason: unparseable };
    try {
      return { ok: true, tree: parser.parse(t) };
    } catch {
      return { ok: false, reason: unparseable };
    }
  }
  return { ok: false, reason: describeUnparseable(body, expectedLabel) };
}
