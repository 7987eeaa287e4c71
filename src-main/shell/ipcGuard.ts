import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { Localized } from '../contract/localized';
import { isAppUrl } from './appProtocol';

/**
 * IPC is the way to the card (and to PIN tries), so it is answered only for the
 * main frame of a window we created, while that frame shows our app:// page.
 * A subframe, another window (the report printer), a page that got navigated
 * elsewhere or a frame already gone is refused with a typed error, before the
 * request is even parsed.
 */
export type IpcRefusalReason = 'no-frame' | 'not-our-window' | 'not-main-frame' | 'not-our-page';

export interface IpcRefusal {
  ok: false;
  error: { code: 'forbidden'; reason: IpcRefusalReason; message: Localized };
}

export const IPC_FORBIDDEN_MESSAGE: Localized = {
  ja: 'この呼び出しは許可されていません(jpki-doctor の画面からの呼び出しではありません)。',
  en: 'This call is not allowed (it did not come from the jpki-doctor window).',
};

type Frame = Pick<WebFrameMain, 'url' | 'processId' | 'routingId' | 'parent'>;
export type IpcSenderEvent = { sender: Pick<WebContents, 'id'> & { mainFrame: Frame }; senderFrame: Frame | null };

export interface IpcGuard {
  /** A window of ours: its main frame may call. Forgotten when its contents are destroyed. */
  trust(contents: Pick<WebContents, 'id' | 'once'>): void;
  /** Why the call is refused, or null when it may proceed. */
  refusal(event: IpcSenderEvent | IpcMainInvokeEvent): IpcRefusalReason | null;
}

const sameFrame = (a: Frame, b: Frame) => a.processId === b.processId && a.routingId === b.routingId;

export function createIpcGuard(): IpcGuard {
  const trusted = new Set<number>();
  return {
    trust(contents) {
      trusted.add(contents.id);
      contents.once('destroyed', () => trusted.delete(contents.id));
    },
    refusal(event) {
      const frame = event.senderFrame;
      if (!frame) return 'no-frame'; // navigated away or destroyed while the call was in flight
      if (!trusted.has(event.sender.id)) return 'not-our-window';
      if (frame.parent !== null || !sameFrame(frame, event.sender.mainFrame)) return 'not-main-frame';
      if (!isAppUrl(frame.url)) return 'not-our-page';
      return null;
    },
  };
}

export function ipcRefusal(reason: IpcRefusalReason): IpcRefusal {
  return { ok: false, error: { code: 'forbidden', reason, message: IPC_FORBIDDEN_MESSAGE } };
}
