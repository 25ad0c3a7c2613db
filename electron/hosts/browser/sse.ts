// Main process (browser host). Server-Sent Events: the core's events to one page, with heartbeats so idle proxies and sleep are noticed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENT_NAMES, type EventName } from '../../../shared/api/contract';
import type { AppCore } from '../../services/app-core';
import { SECURITY_HEADERS } from './responses';

const ALLOWED: ReadonlySet<EventName> = new Set(EVENT_NAMES);

/** Opens the stream; returns a function that ends it (used when the host closes). */
export function openEventStream(req: IncomingMessage, res: ServerResponse, core: Pick<AppCore, 'onEvent'>, heartbeatMs: number): () => void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  // Reconnect quickly after a restart of the host; the page refetches on reconnect.
  res.write('retry: 2000\n\n');
  const off = core.onEvent((event, payload) => {
    if (!ALLOWED.has(event)) return;
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    off();
    res.end();
  };
  req.on('close', end);
  return end;
}
