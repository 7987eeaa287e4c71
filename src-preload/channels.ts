/** IPC channel names shared by the main process and the preload script. */
export const CHANNELS = {
  platform: 'jpki:platform',
  diagnose: 'jpki:diagnose',
  flowchart: 'jpki:flowchart',
  listReaders: 'jpki:list-readers',
  probe: 'jpki:probe',
  verifySigningPin: 'jpki:verify-signing-pin',
  saveReportPdf: 'jpki:save-report-pdf',
  watchReaders: 'jpki:watch-readers',
  readerEvent: 'jpki:reader-event',
} as const;

/** Prefix of an Error message that carries an ErrorPayload across the bridge as JSON. */
export const BRIDGE_ERROR_PREFIX = 'JPKI_BRIDGE_ERROR:';

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: { ja: string; en: string }; field?: string } };
