import type { ReaderInfo } from '../contract/snapshot';
import { CardFailure, classifyPcscError } from '../pcsc/errors';
import type { CardChannel, PcscSession, ReaderStatus } from '../pcsc/port';
import { JpkiCardSession } from '../jpki/cardSession';

export interface OpenedCard {
  channel: CardChannel;
  card: JpkiCardSession;
  jpkiApplet: boolean;
}

export interface ReaderChoice {
  readers: ReaderInfo[];
  /** Set when a card could be connected to, JPKI or not. */
  opened?: OpenedCard;
  /** Why nothing could be opened. */
  failure?: CardFailure;
  /** APDUs spent on readers that turned out not to hold a JPKI card. */
  apdusElsewhere: number;
}

/**
 * Finds the card to talk to. With several readers (common: a contact reader plus
 * a built-in NFC one) the first card answering the JPKI applet wins; a named
 * reader is used as is. Detection is by applet, never by ATR.
 */
export async function openJpkiCard(
  session: PcscSession,
  options: { reader?: string; timeoutMs: number; onReaders?: (readers: ReaderInfo[]) => void },
): Promise<ReaderChoice> {
  const statuses: ReaderStatus[] = await session.readers();
  const readers = statuses.map(({ name, cardPresent }) => ({ name, cardPresent }));
  options.onReaders?.(readers);
  const result: ReaderChoice = { readers, apdusElsewhere: 0 };
  if (statuses.length === 0) return { ...result, failure: new CardFailure('no-reader') };

  let candidates: ReaderStatus[];
  if (options.reader !== undefined) {
    const named = statuses.find((s) => s.name === options.reader);
    if (!named) {
      return { ...result, failure: new CardFailure('no-reader', `reader "${options.reader}" not found; present: ${statuses.map((s) => s.name).join(', ')}`) };
    }
    candidates = [named];
  } else {
    candidates = statuses.filter((s) => s.cardPresent);
  }
  if (candidates.every((c) => !c.cardPresent)) return { ...result, failure: new CardFailure('no-card') };

  let firstNonJpki: OpenedCard | undefined;
  let firstFailure: CardFailure | undefined;
  for (const candidate of candidates) {
    if (candidate.cardMute) {
      firstFailure ??= new CardFailure('communication', `${candidate.name}: the reader reports the card as mute (contacts or orientation)`);
      continue;
    }
    let channel: CardChannel;
    try {
      channel = await session.connect(candidate.name, options.timeoutMs);
    } catch (error) {
      firstFailure ??= classifyPcscError(error);
      continue;
    }
    const card = new JpkiCardSession(channel, options.timeoutMs);
    try {
      const { selected } = await card.selectApplet();
      if (selected) {
        if (firstNonJpki) {
          result.apdusElsewhere += firstNonJpki.card.apduCount;
          await firstNonJpki.channel.disconnect('leave');
        }
        return { ...result, opened: { channel, card, jpkiApplet: true } };
      }
      if (!firstNonJpki) firstNonJpki = { channel, card, jpkiApplet: false };
      else {
        result.apdusElsewhere += card.apduCount;
        await channel.disconnect('leave');
      }
    } catch (error) {
      result.apdusElsewhere += card.apduCount;
      firstFailure ??= classifyPcscError(error);
      await channel.disconnect('leave');
    }
  }
  if (firstNonJpki) return { ...result, opened: firstNonJpki };
  return { ...result, failure: firstFailure ?? new CardFailure('no-card') };
}
