// Renderer. The ONE way to call the main process: typed by the contract, outputs validated, failures thrown as ApiError.
import { z } from 'zod';
import { contract, type Channel, type ChannelInput, type ChannelOutput } from '../../shared/api/contract';
import { appErrorSchema } from '../../shared/errors';
import { ApiError, transportError } from './errors';
import { getTransport } from './transport';
import { takeEarly } from './early';

const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]);

export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const early = takeEarly(channel, input);
  // An early request that failed in transit is simply asked again, so its error surfaces the normal way.
  const raw = early ? await early.catch(() => getTransport().invoke(channel, input)) : await getTransport().invoke(channel, input);
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) {
    throw transportError(channel, 'host.bad_response',
      `应用后台返回的数据格式不正确（${channel}）`, `The app back end answered in an unexpected shape (${channel})`);
  }
  if (!envelope.data.ok) throw new ApiError(channel, envelope.data.error);
  const out = contract[channel].output.safeParse(envelope.data.value);
  if (!out.success) {
    console.error(`invoice-recon: ${channel} output failed validation`, out.error.issues.slice(0, 5));
    throw transportError(channel, 'host.bad_response',
      `应用后台返回的数据格式不正确（${channel}）`, `The app back end answered in an unexpected shape (${channel})`);
  }
  // The schema for `channel` produced this value, so it is ChannelOutput<C>; TS cannot narrow the indexed union.
  return out.data as ChannelOutput<C>;
}
