// Main process. Decides whether an IPC message came from the app's own page in a window we created.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/** The web contents of windows this process created; any other contents (devtools, a stray popup) is foreign. */
export class TrustedContents {
  readonly #ids = new Set<number>();

  add(contents: Pick<WebContents, 'id' | 'once'>): void {
    const id = contents.id;
    this.#ids.add(id);
    contents.once('destroyed', () => this.#ids.delete(id));
  }

  has(id: number): boolean {
    return this.#ids.has(id);
  }
}

export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { readonly sender: Pick<WebContents, 'id'> };
export type SenderCheck = (event: SenderEvent) => boolean;

/**
 * The frame must still exist, be the top frame (no iframe may call the API), show an app:// page,
 * and belong to one of our windows.
 */
export function createSenderCheck(trusted: Pick<TrustedContents, 'has'>): SenderCheck {
  return function isTrustedSender(event) {
    const frame = event.senderFrame;
    if (frame === null || frame.detached) return false;
    if (frame.parent !== null) return false;
    if (!isAppUrl(frame.url)) return false;
    return trusted.has(event.sender.id);
  };
}
