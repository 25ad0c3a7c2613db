// Main process (browser host). Security headers and the JSON envelopes every API answer uses.
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../security/csp';
import type { AppErrorShape, ErrorCode } from '../../../shared/errors';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function errorShape(code: ErrorCode, zh: string, en: string, details?: unknown): AppErrorShape {
  const shape: AppErrorShape = { code, message: zh, messageEn: en };
  if (details !== undefined) shape.details = details;
  return shape;
}

export function sendError(res: ServerResponse, status: number, shape: AppErrorShape): void {
  sendJson(res, status, { ok: false, error: shape });
}
