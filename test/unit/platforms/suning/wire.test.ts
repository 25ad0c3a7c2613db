import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { buildQueryStorageBody, parseSuningBody } from '../../../../electron/platforms/suning/wire';

const storages = [
  { billNo: '032281421244', billType: '01' as const, saleOrg: '70066253', saleTaxNo: '91320106773973920L' },
  { billNo: 'A&B<1>', billType: '03' as const, saleOrg: '70066253' },
];

describe('queryStorage request body', () => {
  it('JSON: the documented tree with a storage list', () => {
    const text = Buffer.from(buildQueryStorageBody(storages, 'json')).toString('utf8');
    expect(JSON.parse(text)).toEqual({
      sn_request: {
        sn_body: {
          queryStorage: {
            storage: [
              { billNo: '032281421244', billType: '01', saleOrg: '70066253', saleTaxNo: '91320106773973920L' },
              { billNo: 'A&B<1>', billType: '03', saleOrg: '70066253' },
            ],
          },
        },
      },
    });
  });

  it('XML: declaration, the same tree, values escaped and kept as text', () => {
    const text = Buffer.from(buildQueryStorageBody(storages, 'xml')).toString('utf8');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?><sn_request><sn_body><queryStorage><storage>')).toBe(true);
    expect(text).toContain('<billNo>A&amp;B&lt;1&gt;</billNo>');
    const tree = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'storage' }).parse(text) as {
      sn_request: { sn_body: { queryStorage: { storage: Array<Record<string, string>> } } };
    };
    expect(tree.sn_request.sn_body.queryStorage.storage.map((s) => s['billNo'])).toEqual(['032281421244', 'A&B<1>']);
  });

  it('one storage in XML parses back as a one-element list', () => {
    const text = Buffer.from(buildQueryStorageBody(storages.slice(0, 1), 'xml')).toString('utf8');
    const p = parseSuningBody(text, 'xml');
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(p.tree).toEqual({
        sn_request: { sn_body: { queryStorage: { storage: [{ billNo: '032281421244', billType: '01', saleOrg: '70066253', saleTaxNo: '91320106773973920L' }] } } },
      });
    }
  });
});
