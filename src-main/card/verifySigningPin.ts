import { analyzeCertificate } from '../cert';
import type { Localized } from '../contract/localized';
import type { PinAttemptResult } from '../contract/snapshot';
import { needsLowTriesConsent } from '../contract/pinPolicy';
import * as apdu from '../jpki/apdu';
import { EF, MAX_TRIES } from '../jpki/constants';
import { checkSigningPinFormat } from '../jpki/pinFormat';
import { pcscPort } from '../pcsc';
import { CardFailure, cardError, classifyPcscError } from '../pcsc/errors';
import type { PcscPort, PcscSession } from '../pcsc/port';
import { openJpkiCard } from './openJpkiCard';
import { runSignatureTest } from './signTest';
import { DEFAULT_APDU_TIMEOUT_MS } from './probe';

export interface VerifySigningPinOptions {
  pin: string;
  reader?: string;
  /** The person saw that only LOW_TRIES or fewer tries are left and still wants to try. */
  allowLowTries?: boolean;
  /**
   * The tries left the person was shown before typing. When the card now says
   * otherwise (card swapped, another program tried a PIN), nothing is sent.
   */
  expectedTriesLeft?: number;
  now?: Date;
  timeoutMs?: number;
  port?: PcscPort;
  /**
   * After a correct PIN, make one test signature over a random digest and check it
   * against the certificate and its CA (default true). Costs no try: the PIN is
   * already verified on this connection.
   */
  signatureTest?: boolean;
  /** Called once the VERIFY has gone out: from then on a try may be spent (callers with their own deadline need to know). */
  onVerifySent?: () => void;
}

/**
 * Verifies the signing password and, when right, reads the signing certificate.
 * Refuses (nothing sent) when the format cannot be valid, when the password is
 * locked, or when a miss would leave fewer than 2 tries (contract/pinPolicy) without
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
  // Where the VERIFY stands decides what a later failure means for the tries.
  let phase: 'not-sent' | 'in-flight' | 'verified' = 'not-sent';
  let triesLeft: number | undefined;
  try {
    const choice = await openJpkiCard(session, { reader: options.reader, timeoutMs });
    if (!choice.opened) return { ok: false, sent: false, error: (choice.failure ?? new CardFailure('no-card')).toCardError() };
    const { channel, card } = choice.opened;
    try {
      if (!choice.opened.jpkiApplet) {
        return { ok: false, sent: false, error: cardError('unexpected-sw', 'no JPKI applet on this card') };
      }
      const counter = await card.readPinCounter(EF.signPin);
      if (counter.kind !== 'tries') {
        return { ok: false, sent: false, error: new CardFailure('unexpected-sw', `no signing password on this card: ${counter.evidence}`, NO_USABLE_SIGNING_PASSWORD).toCardError() };
      }
      triesLeft = counter.triesLeft;
      if (triesLeft === 0) return { ok: false, sent: false, triesLeft, error: cardError('pin-locked') };
      if (options.expectedTriesLeft !== undefined && options.expectedTriesLeft !== triesLeft) {
        return { ok: false, sent: false, triesLeft, error: cardError('tries-changed', `shown ${options.expectedTriesLeft}, card has ${triesLeft}`) };
      }
      if (needsLowTriesConsent(triesLeft) && !options.allowLowTries) {
        return { ok: false, sent: false, triesLeft, error: cardError('pin-tries-too-low', `${triesLeft} tries left`) };
      }

      const pinBytes = Buffer.from(format.normalized, 'ascii');
      const command = apdu.verifyPin(pinBytes);
      pinBytes.fill(0);
      let outcome;
      try {
        outcome = await card.verify(EF.signPin, command, () => {
          phase = 'in-flight';
          options.onVerifySent?.();
        });
      } finally {
        command.fill(0);
      }
      if (!outcome.ok) {
        triesLeft = outcome.triesLeft;
        return { ok: false, sent: true, triesLeft, ...(triesLeft === 0 ? { error: cardError('pin-locked') } : {}) };
      }
      phase = 'verified';
      triesLeft = MAX_TRIES.sign;
      const signCaRead = await card.readCertificateFile(EF.signCaCert);
      const signRead = await card.readCertificateFile(EF.signCert);
      if (signRead.kind !== 'data') {
        return { ok: true, sent: true, triesLeft, error: cardError('unexpected-sw', `signing certificate not readable after the PIN: ${signRead.evidence}`) };
      }
      const slot = await analyzeCertificate(signRead.bytes, {
        now,
        expectedKind: 'signing',
        ...(signCaRead.kind === 'data' ? { issuerDer: signCaRead.bytes } : {}),
      });
      // Signed while the PIN is still verified on this connection; reset follows below.
      const signatureTest =
        options.signatureTest === false
          ? undefined
          : await runSignatureTest(card, {
              ...(slot.status === 'ok' ? { signCertDer: signRead.bytes } : {}),
              ...(signCaRead.kind === 'data' ? { signCaDer: signCaRead.bytes } : {}),
              now,
            });
      const withTest = signatureTest ? { signatureTest } : {};
      if (slot.status !== 'ok') {
        return { ok: true, sent: true, triesLeft, ...withTest, error: cardError('unexpected-sw', 'the signing certificate on the card could not be parsed') };
      }
      return { ok: true, sent: true, triesLeft, signCert: slot.cert, ...withTest };
    } finally {
      // Reset so that the verified state does not linger for other software.
      await channel.disconnect('reset').catch(() => undefined);
    }
  } catch (error) {
    return afterFailure(classifyPcscError(error), phase, triesLeft);
  } finally {
    session.close();
  }
}

/**
 * What a failure means depends on how far the VERIFY got: before it, nothing was
 * spent; after a 9000 the counter is back at its maximum; in between nobody knows.
 */
function afterFailure(failure: CardFailure, phase: 'not-sent' | 'in-flight' | 'verified', triesLeft: number | undefined): PinAttemptResult {
  switch (phase) {
    case 'not-sent':
      return { ok: false, sent: false, ...(triesLeft !== undefined ? { triesLeft } : {}), error: failure.toCardError() };
    case 'verified':
      return {
        ok: true,
        sent: true,
        triesLeft: MAX_TRIES.sign,
        error: new CardFailure(failure.code, failure.detail, VERIFIED_THEN_LOST).toCardError(),
      };
    case 'in-flight':
      if (failure.code === 'unexpected-sw') {
        // The card did answer, just not with 9000 or a counter.
        return { ok: false, sent: true, error: new CardFailure('unexpected-sw', failure.detail, UNEXPECTED_VERIFY_ANSWER).toCardError() };
      }
      return { ok: false, sent: true, error: cardError('pin-outcome-unknown', `${failure.code}${failure.detail ? `: ${failure.detail}` : ''}`) };
  }
}

const NO_USABLE_SIGNING_PASSWORD: Localized = {
  ja: 'このカードには使える署名用パスワードがありません（顔認証マイナンバーカードなど、署名用電子証明書を持たないカードと考えられます）。カードには何も送っていません。署名が必要な場合は、市区町村の窓口で署名用電子証明書の発行を相談してください。',
  en: 'This card has no usable signing password (most likely a face-authentication card or another card without a signing certificate). Nothing was sent to the card. If you need to sign, ask your municipal office about issuing a signing certificate.',
};

const VERIFIED_THEN_LOST: Localized = {
  ja: 'パスワードは正しく、残り回数は最大（5回）に戻りました。ただし、その後の署名用電子証明書の読み取りかテスト署名が途中で失敗しました（カードが外れた、または通信が切れた可能性があります）。カードを差し直して、もう一度確認してください。',
  en: 'The password was right, and the tries are back to the maximum (5). But reading the signing certificate or making the test signature afterwards failed (the card may have been moved or the connection lost). Insert the card again and check again.',
};

const UNEXPECTED_VERIFY_ANSWER: Localized = {
  ja: 'パスワードを送ったところ、カードが想定外の応答を返しました。1回分を使った可能性があります。続けて入力せず、まず「カードの確認」で残り回数を確かめてください。',
  en: 'The card gave an unexpected answer to the password, so a try may have been used. Do not enter it again yet: first run the card check to see the tries left.',
};

