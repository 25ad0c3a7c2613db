// Benchmark child process (plain Node). Hosts both emulators outside the measured process, so the
// platforms' own CPU work and timers never show up in the app's event-loop delay or RSS — as with the
// real platforms, which run on someone else's machine.
import { startSandbox } from '../../electron/sandbox/sandbox';
import type { ChildReply, ChildRequest, TrafficStats } from './emulator-protocol';

function send(msg: ChildReply): void {
  process.send?.(msg);
}

/** Requests in the busiest 1 s window (times sorted ascending, ms). */
function busiestSecond(times: readonly number[]): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while ((times[hi] ?? 0) - (times[lo] ?? 0) >= 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

async function main(): Promise<void> {
  const [orders, seed, latency] = process.argv.slice(2).map(Number);
  const sb = await startSandbox({ orders: orders ?? 0, seed: seed ?? 1, latencyMs: latency ?? 0 });

  const seededFailing = [...sb.suningEmulator.failingOrders];

  function stats(platform: 'wangdian' | 'suning'): TrafficStats {
    if (platform === 'wangdian') {
      const rec = sb.wangdianEmulator.received;
      const times = rec.map((r) => r.time).sort((a, b) => a - b);
      return {
        requests: sb.wangdianEmulator.requestCount(),
        ok: rec.filter((r) => r.code === 0).length,
        rateLimited: rec.filter((r) => r.code === 1040).length,
        busiestSecond: busiestSecond(times),
        spanMs: times.length > 1 ? (times[times.length - 1] ?? 0) - (times[0] ?? 0) : 0,
      };
    }
    const rec = sb.suningEmulator.received;
    const times = rec.map((r) => r.time).sort((a, b) => a - b);
    return {
      requests: sb.suningEmulator.requestCount(),
      ok: rec.filter((r) => r.outcome === '0000' || r.outcome === 'biz.handler.data-get:no-result').length,
      rateLimited: rec.filter((r) => r.outcome === 'sys.controller.api-frequency:limit').length,
      busiestSecond: busiestSecond(times),
      spanMs: times.length > 1 ? (times[times.length - 1] ?? 0) - (times[0] ?? 0) : 0,
    };
  }

  process.on('message', (raw: ChildRequest) => {
    switch (raw.type) {
      case 'setFaults': {
        if (raw.platform === 'wangdian') sb.wangdianEmulator.setFaults(raw.faults);
        else sb.suningEmulator.setFaults(raw.faults);
        send({ type: 'ok', id: raw.id });
        return;
      }
      case 'reset':
        sb.wangdianEmulator.resetCounters();
        sb.suningEmulator.resetCounters();
        send({ type: 'ok', id: raw.id });
        return;
      case 'failingOrders':
        if (raw.enabled) for (const o of seededFailing) sb.suningEmulator.failingOrders.add(o);
        else sb.suningEmulator.failingOrders.clear();
        send({ type: 'ok', id: raw.id });
        return;
      case 'stats':
        send({ type: 'stats', id: raw.id, stats: stats(raw.platform) });
        return;
      case 'close':
        void sb.close().then(() => {
          send({ type: 'ok', id: raw.id });
          process.disconnect?.();
        });
        return;
      default: {
        const never: never = raw;
        throw new Error(`unknown request ${JSON.stringify(never)}`);
      }
    }
  });

  send({
    type: 'ready',
    wangdian: sb.wangdian,
    suning: sb.suning,
  });
}

main().catch((e: unknown) => {
  console.error('bench emulator child failed:', e);
  process.exit(1);
});
