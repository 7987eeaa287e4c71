import type { JpkiDoctorApi } from '../../src-preload/api';
import type { Localized, ReaderEvent } from '../../src-main/contract';

/** An error from the core, carrying a message the person can act on in both languages. */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    readonly localized: Localized,
    readonly field?: string,
  ) {
    super(localized.en);
    this.name = 'BridgeError';
  }
}

const UNREACHABLE: Localized = {
  ja: 'jpki-doctor の本体に接続できません。起動したターミナルが開いたままか確認し、`npm start` でもう一度起動してください。',
  en: 'Cannot reach the jpki-doctor core. Check that the terminal that started it is still open, then run `npm start` again.',
};

const KEY_PARAM = 'key';
const KEY_STORAGE = 'jpki-doctor.launch-key';

/**
 * The launch secret the local server printed in the address (#key=…). It comes
 * in the fragment because browsers never send the fragment to any server or in
 * a Referer. We take it out of the address bar at once (so it is not bookmarked,
 * shared in a screenshot or left in history) and keep it in sessionStorage:
 * that survives a reload of this tab, but not the tab, and no other tab, site or
 * later launch sees it (each launch has a new secret anyway). In memory only, a
 * reload would lock the person out of their own wizard.
 */
export function launchKey(): string {
  const fromUrl = new URLSearchParams(window.location.hash.replace(/^#/, '')).get(KEY_PARAM);
  if (fromUrl) {
    memoryKey = fromUrl;
    try {
      window.sessionStorage.setItem(KEY_STORAGE, fromUrl);
    } catch {
      // Storage disabled: the memory copy serves this page until it is reloaded.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromUrl;
  }
  if (memoryKey) return memoryKey;
  try {
    return window.sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}
let memoryKey = '';

async function call<T>(method: string, body: unknown = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`./api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-JPKI-Doctor': launchKey() },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new BridgeError('unreachable', UNREACHABLE);
  }
  let payload: { ok: boolean; result?: T; error?: { code: string; message: Localized; field?: string } };
  try {
    payload = await response.json();
  } catch {
    throw new BridgeError('unreachable', UNREACHABLE);
  }
  if (!payload.ok) {
    const error = payload.error ?? { code: 'internal', message: UNREACHABLE };
    throw new BridgeError(error.code, error.message, error.field);
  }
  return payload.result as T;
}

/** The bridge API over HTTP to the localhost server (the browser build). */
export function createHttpApi(): JpkiDoctorApi {
  launchKey(); // take the key out of the address bar before anything else runs
  return {
    shell: 'web',
    platform: () => call('platform'),
    diagnose: (facts, lang, options) => call('diagnose', { facts, lang, ...options }),
    flowchart: () => call('flowchart'),
    listReaders: () => call('listReaders'),
    probe: (options) => call('probe', options ?? {}),
    verifySigningPin: (request) => call('verifySigningPin', request),
    onReaderEvent(listener) {
      // EventSource cannot send headers: the key goes in the query (same origin, never logged).
      const source = new EventSource(`./api/events?${new URLSearchParams({ [KEY_PARAM]: launchKey() })}`);
      source.onmessage = (message) => {
        try {
          listener(JSON.parse(message.data) as ReaderEvent);
        } catch {
          // A malformed event is dropped; the next probe tells the truth anyway.
        }
      };
      return () => source.close();
    },
    // The browser prints the page itself (window.print with the print stylesheet).
    saveReportPdf: async () => null,
  };
}
