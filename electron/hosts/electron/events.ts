// Main process. Forwards the core's events to the window as `event:<name>`; only contract events pass.
import type { WebContents } from 'electron';
import { EVENT_NAMES, type EventName } from '../../../shared/api/contract';
import type { AppCore } from '../../services/app-core';

export const EVENT_CHANNEL_PREFIX = 'event:';

export function eventChannel(name: EventName): string {
  return `${EVENT_CHANNEL_PREFIX}${name}`;
}

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

/** `getTarget` is asked on every event, so a re-created window keeps receiving them. */
export function forwardEvents(core: Pick<AppCore, 'onEvent'>, getTarget: () => EventTarget | null): () => void {
  return core.onEvent(function forwardEvent(name, payload) {
    if (!EVENT_NAMES.includes(name)) return;
    const target = getTarget();
    if (target === null || target.isDestroyed()) return;
    target.send(eventChannel(name), payload);
  });
}
