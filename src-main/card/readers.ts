import type { ReaderEvent, ReaderInfo } from '../contract/snapshot';
import { pcscPort } from '../pcsc';
import type { PcscPort } from '../pcsc/port';

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
  } catch {
    return { pcscService: 'unavailable', readers: [] };
  } finally {
    session.close();
  }
}

export function watchReaders(listener: (event: ReaderEvent) => void, port: PcscPort = pcscPort): () => void {
  return port.watch(listener);
}
