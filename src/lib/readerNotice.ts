import type { Facts, ReaderEvent, ReaderInfo } from '../../src-main/contract';

export interface ReaderNotice {
  /** i18n key of the message to show. */
  messageKey: string;
  tone: 'problem' | 'info';
  /** Facts that are now known to have changed (answers are never touched). */
  factsPatch: Partial<Facts>;
  /** Whether a fresh probe (which spends no try) should follow. */
  reprobe: boolean;
  /** The reader the event was about (none for the PC/SC service itself). */
  reader?: string;
}

/** What a hot-plug event means for the screen: a message, fact changes, and whether to read again. */
export function noticeForReaderEvent(event: ReaderEvent): ReaderNotice {
  const notice = noticeWithoutReader(event);
  return 'reader' in event ? { ...notice, reader: event.reader } : notice;
}

function noticeWithoutReader(event: ReaderEvent): ReaderNotice {
  switch (event.type) {
    case 'card-removed':
      return { messageKey: 'reader.cardRemoved', tone: 'problem', factsPatch: { cardPresent: false }, reprobe: false };
    case 'card-inserted':
      return { messageKey: 'reader.cardInserted', tone: 'info', factsPatch: { cardPresent: true }, reprobe: true };
    case 'reader-detached':
      return { messageKey: 'reader.readerDetached', tone: 'problem', factsPatch: {}, reprobe: true };
    case 'reader-attached':
      return { messageKey: 'reader.readerAttached', tone: 'info', factsPatch: {}, reprobe: true };
    case 'service-down':
      return { messageKey: 'reader.serviceDown', tone: 'problem', factsPatch: { pcscService: 'unavailable' }, reprobe: false };
    case 'service-up':
      return { messageKey: 'reader.serviceUp', tone: 'info', factsPatch: { pcscService: 'ok' }, reprobe: true };
  }
}

/** Facts the probe owns: cleared before a new probe's facts are merged so stale card data cannot linger. */
export const PROBE_FACTS: (keyof Facts)[] = [
  'pcscService',
  'readerCount',
  'cardPresent',
  'cardReadable',
  'cardInUse',
  'jpkiApplet',
  'token',
  'signCert',
  'signCertNotBefore',
  'signCertNotAfter',
  'authCertNotBefore',
  'authCertNotAfter',
  'certMalformed',
  'signPinTriesLeft',
  'authPinTriesLeft',
];

export function withoutProbeFacts(facts: Facts): Facts {
  const copy: Facts = { ...facts };
  for (const key of PROBE_FACTS) delete copy[key];
  return copy;
}

/**
 * Whether an event is about the card being checked. With a reader read, only events
 * naming that reader count; before any card was read, a card or reader arriving
 * anywhere is worth a fresh read, but something leaving elsewhere is not news.
 */
export function eventConcernsReadReader(event: ReaderEvent, readReader: string | undefined): boolean {
  if (event.type === 'service-down' || event.type === 'service-up') return true;
  if (readReader !== undefined) return event.reader === readReader;
  return event.type === 'card-inserted' || event.type === 'reader-attached';
}

/** The quiet reader list after an event: card presence per reader, readers added and removed. */
export function readersAfterEvent(readers: ReaderInfo[], event: ReaderEvent): ReaderInfo[] {
  switch (event.type) {
    case 'service-down':
      return [];
    case 'service-up':
      return readers;
    case 'reader-detached':
      return readers.filter((r) => r.name !== event.reader);
    case 'reader-attached':
      return readers.some((r) => r.name === event.reader) ? readers : [...readers, { name: event.reader, cardPresent: false }];
    case 'card-inserted':
    case 'card-removed': {
      const cardPresent = event.type === 'card-inserted';
      const known = readers.some((r) => r.name === event.reader);
      return known
        ? readers.map((r) => (r.name === event.reader ? { ...r, cardPresent } : r))
        : [...readers, { name: event.reader, cardPresent }];
    }
  }
}
