import { MAX_READ_CHUNK } from './constants';

export interface ReadChunk {
  offset: number;
  length: number;
}

/**
 * The READ BINARY commands still needed once `alreadyRead` bytes of a file of
 * `totalLength` bytes are in hand (the first chunk is read before the length is
 * known, big enough to contain the DER header).
 */
export function planRemainingReads(totalLength: number, alreadyRead: number, chunk = MAX_READ_CHUNK): ReadChunk[] {
  if (chunk < 1 || chunk > 256) throw new RangeError(`chunk size out of range: ${chunk}`);
  const plan: ReadChunk[] = [];
  for (let offset = alreadyRead; offset < totalLength; offset += chunk) {
    plan.push({ offset, length: Math.min(chunk, totalLength - offset) });
  }
  return plan;
}
