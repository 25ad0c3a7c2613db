// Benchmark (plain Node). Messages between the bench and its emulator child process.
import type { Faults } from '../../electron/sandbox/faults';

export interface TrafficStats {
  /** HTTP requests that reached the server since the last reset. */
  readonly requests: number;
  /** Answered as a success (Suning: found or no-result; Wangdiantong: code 0). */
  readonly ok: number;
  /** Answered with the platform's rate-limit code. */
  readonly rateLimited: number;
  /** Most requests that arrived within any 1 s window. */
  readonly busiestSecond: number;
  /** First to last arrival, ms. */
  readonly spanMs: number;
}

export interface Endpoints {
  readonly wangdian: { readonly url: string; readonly sid: string; readonly appkey: string; readonly appsecret: string };
  readonly suning: { readonly url: string; readonly appKey: string; readonly appSecret: string; readonly saleOrg: string };
}

export type ChildRequest =
  | { readonly type: 'setFaults'; readonly id: number; readonly platform: 'wangdian' | 'suning'; readonly faults: Faults }
  | { readonly type: 'reset'; readonly id: number }
  /** Whether the seed's 9999 orders fail (switched off only to prepare the store quickly). */
  | { readonly type: 'failingOrders'; readonly id: number; readonly enabled: boolean }
  | { readonly type: 'stats'; readonly id: number; readonly platform: 'wangdian' | 'suning' }
  | { readonly type: 'close'; readonly id: number };

export type ChildReply =
  | ({ readonly type: 'ready' } & Endpoints)
  | { readonly type: 'ok'; readonly id: number }
  | { readonly type: 'stats'; readonly id: number; readonly stats: TrafficStats };
