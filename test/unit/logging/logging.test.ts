// Node (Vitest). Log redaction and size-based rotation, on real files in a temp folder.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createLogger } from '../../../electron/logging/logger';
import { redact, REDACTED } from '../../../electron/logging/redact';
import { RotatingFile } from '../../../electron/logging/rotating-file';

describe('redact', () => {
  const cases: readonly [string, string][] = [
    ['appsecret=abc123&sid=x', `appsecret=${REDACTED}&sid=x`],
    ['POST body: sid=s&appkey=k&sign=0123abcdef&timestamp=1', `POST body: sid=s&appkey=k&sign=${REDACTED}&timestamp=1`],
    ['{"appSecret":"xyz-987","appKey":"k"}', `{"appSecret":"${REDACTED}","appKey":"k"}`],
    ['signInfo: ABCDEF==', `signInfo: ${REDACTED}`],
    ['access_token=tok.en.value', `access_token=${REDACTED}`],
    ["{ accessToken: 'abc' }", `{ accessToken: '${REDACTED}' }`],
    ['APPSECRET = loud', `APPSECRET = ${REDACTED}`],
    ['design=blue assign=x', 'design=blue assign=x'],
    ['signature check failed', 'signature check failed'],
    // A platform's error code names a key but is not a key/value pair.
    ['苏宁：签名错误（sys.check.app-sign:error）', '苏宁：签名错误（sys.check.app-sign:error）'],
  ];
  it.each(cases)('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('removes registered secret values wherever they appear, also URL-encoded', () => {
    const secret = 'p@ss w0rd/é';
    const text = `header x=${secret} and url=${encodeURIComponent(secret)} end`;
    const out = redact(text, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).toBe(`header x=${REDACTED} and url=${REDACTED} end`);
  });

  it('scrubs password and token keys in a log line too (one redactor for logs and platforms)', () => {
    expect(redact('retry with password=hunter2 token: abc.def refresh_token=r1')).toBe(`retry with password=${REDACTED} token: ${REDACTED} refresh_token=${REDACTED}`);
  });

  it('leaves very short values alone so ordinary words survive', () => {
    expect(redact('a b c', ['a'])).toBe('a b c');
  });
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RotatingFile', () => {
  it('rolls over by size and keeps only N old files, newest first', () => {
    const file = new RotatingFile({ dir, name: 'main', maxBytes: 20, keep: 2 });
    for (let i = 0; i < 6; i += 1) file.append(`line-${i}-padding\n`); // 15 bytes each: one line per file
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    expect(readFileSync(path.join(dir, 'main.log'), 'utf8')).toBe('line-5-padding\n');
    expect(readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('line-4-padding\n');
    expect(readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toBe('line-3-padding\n');
  });

  it('continues an existing file after a restart, counting its size', () => {
    new RotatingFile({ dir, name: 'main', maxBytes: 40, keep: 1 }).append('0123456789012345678901234567890\n');
    new RotatingFile({ dir, name: 'main', maxBytes: 40, keep: 1 }).append('second start\n');
    expect(readFileSync(path.join(dir, 'main.log'), 'utf8')).toBe('second start\n');
    expect(existsSync(path.join(dir, 'main.1.log'))).toBe(true);
  });
});

describe('createLogger', () => {
  it('writes timestamped, redacted lines under <dataDir>/logs', () => {
    const log = createLogger({ dataDir: dir, now: () => new Date('2026-11-23T10:00:00Z') });
    log.addSecret('SuperSecretValue42');
    log.info('sent appsecret=plain-secret to wangdian');
    log.error('request failed', new Error('server echoed SuperSecretValue42'));
    log.warn('coded', new AppError('platform.auth', { zh: '认证失败', en: 'auth failed' }));
    const text = readFileSync(path.join(dir, 'logs', 'main.log'), 'utf8');
    expect(log.dir).toBe(path.join(dir, 'logs'));
    expect(text).toContain('2026-11-23T10:00:00.000Z INFO sent appsecret=***');
    expect(text).toContain('ERROR request failed Error: server echoed ***');
    expect(text).toContain('WARN coded [platform.auth] auth failed');
    expect(text).not.toContain('plain-secret');
    expect(text).not.toContain('SuperSecretValue42');
  });
});
