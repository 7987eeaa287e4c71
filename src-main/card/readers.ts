import type { ReaderEvent, ReaderInfo } from '../contract/snapshot';
import { pcscPort } from '../pcsc';
import type { PcscPort } from '../pcsc/port';
import { CardFailure } from '../pcsc/errors';

export async function listReaders(
  port: PcscPort = pcscPort,
): Promise<{ pcscService: 'ok' | 'unavailable'; readers: ReaderInfo[] }> {
  let session;
  try {
    session = await port.open();
  } catch {
    return { pcscService: 'unavailable', readers: [] };
  }
  try {
    const readers = await session.readers();
    return { pcscService: 'ok', readers: readers.map(({ name, cardPresent }) => ({ name, cardPresent })) };
  } catch (error) {
    // Windows stops its service when the last reader leaves: that is "no readers", not "service down".
    if (error instanceof CardFailure && error.code === 'no-reader') return { pcscService: 'ok', readers: [] };
    return { pcscService: 'unavailable', readers: [] };
  } finally {
    session.close();
  }
}

export function watchReaders(listener: (event: ReaderEvent) => void, port: PcscPort = pcscPort): () => void {
  return port.watch(listener);
}
