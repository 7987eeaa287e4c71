export type { CardChannel, Disposition, PcscPort, PcscSession, ReaderStatus } from './port';
export { CardFailure, cardError, cardErrorMessage, classifyPcscError } from './errors';
export { openPcscliteSession } from './pcscliteSession';
export { watchReaderEvents } from './readerWatcher';
export { loadPcsclite } from './loadPcsclite';

import type { PcscPort } from './port';
import { openPcscliteSession } from './pcscliteSession';
import { watchReaderEvents } from './readerWatcher';

/** The real PC/SC port, backed by npm pcsclite. */
export const pcscPort: PcscPort = {
  open: () => openPcscliteSession(),
  watch: (listener) => watchReaderEvents(listener),
};
