// Unit: the renderer's one client over a bridge — outputs validated, failures thrown as typed ApiError.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiBridge } from '../../../shared/api/contract';

let answer: unknown = null;
const calls: Array<{ channel: string; input: unknown }> = [];
const bridge: ApiBridge = {
  invoke: async (channel, input) => { calls.push({ channel, input }); return answer; },
  on: () => () => undefined,
};

let invoke: typeof import('../../../renderer/api/client').invoke;
let ApiError: typeof import('../../../renderer/api/errors').ApiError;
let validationIssues: typeof import('../../../renderer/api/errors').validationIssues;

beforeAll(async () => {
  // The Electron preload's bridge: the client must prefer it over HTTP.
  vi.stubGlobal('window', { api: bridge });
  ({ invoke } = await import('../../../renderer/api/client'));
  ({ ApiError, validationIssues } = await import('../../../renderer/api/errors'));
});

describe('invoke', () => {
  it('sends channel and input through the bridge and returns the validated value', async () => {
    answer = { ok: true, value: { count: 42 } };
    await expect(invoke('invoices:countSelection', { selection: { kind: 'ids', ids: [1] } })).resolves.toEqual({ count: 42 });
    expect(calls.at(-1)).toEqual({ channel: 'invoices:countSelection', input: { selection: { kind: 'ids', ids: [1] } } });
  });

  it('throws ApiError with the platform code and both messages on ok:false', async () => {
    answer = { ok: false, error: { code: 'platform.signature', message: '签名错误', messageEn: 'Signature wrong' } };
    const e = await invoke('settings:testConnection', { platform: 'suning' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'platform.signature', messageZh: '签名错误', messageEn: 'Signature wrong', channel: 'settings:testConnection' });
  });

  it('refuses an output that does not match the contract', async () => {
    answer = { ok: true, value: { count: 'many' } };
    await expect(invoke('invoices:countSelection', { selection: { kind: 'ids', ids: [1] } })).rejects.toMatchObject({ code: 'host.bad_response' });
    answer = 'not an envelope';
    await expect(invoke('app:info', {})).rejects.toMatchObject({ code: 'host.bad_response' });
  });

  it('exposes field issues of validation errors', async () => {
    answer = { ok: false, error: { code: 'validation', message: '无效', messageEn: 'Invalid', details: { issues: [{ path: ['patch', 'invoiceNum'], message: 'too long' }] } } };
    const e = await invoke('invoices:update', { id: 1, patch: { invoiceNum: 'x' } }).catch((x: unknown) => x);
    expect(validationIssues(e)).toEqual([{ path: ['patch', 'invoiceNum'], message: 'too long' }]);
  });
});
