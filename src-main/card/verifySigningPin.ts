import { analyzeCertificate } from '../cert';
import type { PinAttemptResult } from '../contract/snapshot';
import { LOW_TRIES, needsLowTriesConsent } from '../contract/pinPolicy';
import * as apdu from '../jpki/apdu';
import { EF, MAX_TRIES } from '../jpki/constants';
import { checkSigningPinFormat } from '../jpki/pinFormat';
import { pcscPort } from '../pcsc';
import { CardFailure, cardError, classifyPcscError } from '../pcsc/errors';
import type { PcscPort, PcscSession } from '../pcsc/port';
import { openJpkiCard } from './openJpkiCard';
import { DEFAULT_APDU_TIMEOUT_MS } from './probe';

export interface VerifySigningPinOptions {
  pin: string;
  reader?: string;
  /** The person saw that only LOW_TRIES or fewer tries are left and still wants to try. */
  allowLowTries?: boolean;
  now?: Date;
  timeoutMs?: number;
  port?: PcscPort;
}

/**
 * Verifies the signing password and, when right, reads the signing certificate.
 * Refuses (nothing sent) when the format cannot be valid, when the password is
 * locked, or when a miss would leave fewer than 2 tries (LOW_TRIES) without
 * allowLowTries. The PIN is never logged, stored or returned; the byte buffers
 * that held it are wiped.
 */
export async function verifySigningPin(options: VerifySigningPinOptions): Promise<PinAttemptResult> {
  const format = checkSigningPinFormat(options.pin);
  if (!format.ok) {
    return { ok: false, sent: false, error: { code: 'pin-format', message: format.message, detail: format.reason } };
  }
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? DEFAULT_APDU_TIMEOUT_MS;
  let session: PcscSession;
  try {
    session = await (options.port ?? pcscPort).open();
  } catch (error) {
    return { ok: false, sent: false, error: classifyPcscError(error, 'pcsc-unavailable').toCardError() };
  }
  let sent = false;
  let triesLeft: number | undefined;
  try {
    const choice = await openJpkiCard(session, { reader: options.reader, timeoutMs });
    if (!choice.opened) return { ok: false, sent, error: (choice.failure ?? new CardFailure('no-card')).toCardError() };
    const { channel, card } = choice.opened;
    try {
      if (!choice.opened.jpkiApplet) {
        return { ok: false, sent, error: cardError('unexpected-sw', 'no JPKI applet on this card') };
      }
      const counter = await card.readPinCounter(EF.signPin);
      if (counter.kind === 'missing') {
        return { ok: false, sent, error: cardError('unexpected-sw', `no signing password on this card: ${counter.evidence}`) };
      }
      triesLeft = counter.triesLeft;
      if (triesLeft === 0) return { ok: false, sent, triesLeft, error: cardError('pin-locked') };
      if (needsLowTriesConsent(triesLeft) && !options.allowLowTries) {
        return { ok: false, sent, triesLeft, error: cardError('pin-tries-too-low', `${triesLeft} tries left`) };
      }

      const pinBytes = Buffer.from(format.normalized, 'ascii');
      const command = apdu.verifyPin(pinBytes);
      pinBytes.fill(0);
      let outcome;
      try {
        sent = true;
        outcome = await card.verify(EF.signPin, command);
      } finally {
        command.fill(0);
      }
      if (!outcome.ok) {
        triesLeft = outcome.triesLeft;
        return { ok: false, sent, triesLeft, ...(triesLeft === 0 ? { error: cardError('pin-locked') } : {}) };
      }
      triesLeft = MAX_TRIES.sign;
      const signCaRead = await card.readCertificateFile(EF.signCaCert);
      const signRead = await card.readCertificateFile(EF.signCert);
      if (signRead.kind !== 'data') {
        return { ok: true, sent, triesLeft, error: cardError('unexpected-sw', `signing certificate not readable after the PIN: ${signRead.evidence}`) };
      }
      const slot = await analyzeCertificate(signRead.bytes, {
        now,
        expectedKind: 'signing',
        ...(signCaRead.kind === 'data' ? { issuerDer: signCaRead.bytes } : {}),
      });
      if (slot.status !== 'ok') {
        return { ok: true, sent, triesLeft, error: cardError('unexpected-sw', 'the signing certificate on the card could not be parsed') };
      }
      return { ok: true, sent, triesLeft, signCert: slot.cert };
    } finally {
      // Reset so that the verified state does not linger for other software.
      await channel.disconnect('reset');
    }
  } catch (error) {
    return { ok: false, sent, ...(triesLeft !== undefined && !sent ? { triesLeft } : {}), error: classifyPcscError(error).toCardError() };
  } finally {
    session.close();
  }
}

export { LOW_TRIES };
