// Node (Vitest). The one call pipeline (electron/hosts/invoke.ts) every host uses: parse, call, shape errors, log, secret hook.
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type HandlerTable } from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors';
import { invoke, type InvokeContext } from '../../../electron/hosts/invoke';
import { secretInput, writes } from '../../../electron/services/handlers/behaviour';

function table(overrides: Partial<Record<string, unknown>>): HandlerTable {
  const base = Object.fromEntries(CHANNELS.map((c) => [c, async (input: unknown) => ({ echoed: input })]));
  return { ...base, ...overrides } as unknown as HandlerTable;
}

function context() {
  const ctx = { host: 'browser', logError: vi.fn<(message: string, error: unknown) => void>(), onSecret: vi.fn<(value: string) => void>() } as const;
  return ctx satisfies InvokeContext;
}

describe('invoke', () => {
  it('parses the input with the channel schema and hands the handler only the call context', async () => {
    const seen = vi.fn(async () => ({ count: 3 }));
    const ctx = context();
    const r = await invoke(table({ 'invoices:countSelection': seen }), 'invoices:countSelection', { selection: { kind: 'ids', ids: [1, 2, 3] } }, ctx);
    expect(r).toEqual({ outcome: 'ok', result: { ok: true, value: { count: 3 } } });
    expect(seen).toHaveBeenCalledExactlyOnceWith({ selection: { kind: 'ids', ids: [1, 2, 3] } }, { host: 'browser' });
  });

  it('refuses input the contract does not accept without calling the handler', async () => {
    const handler = vi.fn();
    const r = await invoke(table({ 'invoices:get': handler }), 'invoices:get', { id: 'seven' }, context());
    expect(r.outcome).toBe('invalid');
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error.messageEn).toContain('Invalid input for invoices:get');
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes a handler's AppError through and hides anything else behind a logged internal error", async () => {
    const ctx = context();
    const failed = await invoke(table({ 'invoices:get': async () => { throw new AppError('not_found', { zh: '无', en: 'none' }); } }), 'invoices:get', { id: 1 }, ctx);
    expect(failed.outcome).toBe('failed');
    expect(ctx.logError).not.toHaveBeenCalled();
    const internal = await invoke(table({ 'app:info': async () => { throw new Error('SQLITE_CORRUPT /home/clerk'); } }), 'app:info', {}, ctx);
    expect(internal.outcome).toBe('internal');
    expect(JSON.stringify(internal.result)).not.toContain('SQLITE_CORRUPT');
    expect(ctx.logError).toHaveBeenCalledOnce();
  });

  it('tells the host each secret only for handlers declared secretInput, before the handler runs', async () => {
    const ctx = context();
    const order: string[] = [];
    ctx.onSecret.mockImplementation(() => order.push('hook'));
    const setSecret = secretInput(async (input: { readonly value: string }) => { order.push('handler'); return input; });
    const input = { name: 'wangdian.appsecret', value: 'S3cret-Value-123' };
    await invoke(table({ 'settings:setSecret': setSecret }), 'settings:setSecret', input, ctx);
    expect(ctx.onSecret).toHaveBeenCalledExactlyOnceWith('S3cret-Value-123');
    expect(order).toEqual(['hook', 'handler']);
    await invoke(table({ 'settings:setSecret': writes(async () => ({})) }), 'settings:setSecret', input, ctx);
    expect(ctx.onSecret).toHaveBeenCalledOnce();
  });
});
