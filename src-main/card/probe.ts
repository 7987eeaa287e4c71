import type { analyzeCertificate } from '../cert';
import type { CardSnapshot, CertSlot, ReaderInfo } from '../contract/snapshot';
import { toHex } from '../jpki/apdu';
import type { CertFileRead, JpkiCardSession } from '../jpki/cardSession';
import { EF } from '../jpki/constants';
import { pcscPort } from '../pcsc';
import { CardFailure, classifyPcscError } from '../pcsc/errors';
import type { PcscPort, PcscSession } from '../pcsc/port';
import { openJpkiCard } from './openJpkiCard';
import { cardIdentity } from './cardIdentity';

export interface ProbeOptions {
  reader?: string;
  now?: Date;
  /** Per APDU. */
  timeoutMs?: number;
  /** Tests inject a fake port; the app uses the real one. */
  port?: PcscPort;
  /** Called with the reader list as soon as it is known, before any card is touched. */
  onReaders?: (readers: ReaderInfo[]) => void;
}

type Analyze = typeof analyzeCertificate;

export const DEFAULT_APDU_TIMEOUT_MS = 3000;

/**
 * Reads everything a JPKI card tells without a PIN. Never spends a PIN try (the
 * only VERIFY sent carries no data) and never throws: failures land in
 * snapshot.error, next to whatever was learned before them.
 */
export async function probeCard(options: ProbeOptions = {}): Promise<CardSnapshot> {
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? DEFAULT_APDU_TIMEOUT_MS;
  const snapshot: CardSnapshot = { takenAt: now.toISOString(), pcscService: 'unavailable', readers: [], apduCount: 0 };
  // The certificate parser (pkijs) takes a while to load: load it while the card
  // answers its first commands instead of before them.
  const analyzer = import('../cert').then((m) => m.analyzeCertificate);
  analyzer.catch(() => undefined); // a failure surfaces where it is awaited
  let session: PcscSession | undefined;
  try {
    session = await (options.port ?? pcscPort).open();
  } catch (error) {
    snapshot.error = classifyPcscError(error, 'pcsc-unavailable').toCardError();
    return snapshot;
  }
  snapshot.pcscService = 'ok';
  let card: JpkiCardSession | undefined;
  let extraApdus = 0;
  try {
    const choice = await openJpkiCard(session, { reader: options.reader, timeoutMs, ...(options.onReaders ? { onReaders: options.onReaders } : {}) });
    snapshot.readers = choice.readers;
    extraApdus = choice.apdusElsewhere;
    if (!choice.opened) {
      snapshot.error = (choice.failure ?? new CardFailure('no-card')).toCardError();
      return snapshot;
    }
    const { channel } = choice.opened;
    card = choice.opened.card;
    snapshot.reader = channel.reader;
    if (channel.atr.length > 0) snapshot.atr = toHex(channel.atr);
    snapshot.jpkiApplet = choice.opened.jpkiApplet;
    try {
      if (choice.opened.jpkiApplet) await readJpki(card, snapshot, now, analyzer);
    } catch (error) {
      let failure = classifyPcscError(error);
      if (failure.code === 'communication' && (await cardWentAway(session, channel.reader))) {
        failure = new CardFailure('card-removed', failure.detail);
      }
      snapshot.error = failure.toCardError();
    } finally {
      await channel.disconnect('leave');
    }
  } catch (error) {
    snapshot.error = classifyPcscError(error).toCardError();
  } finally {
    snapshot.apduCount = extraApdus + (card?.apduCount ?? 0);
    session.close();
  }
  return snapshot;
}

/**
 * Some stacks (vpcd among them) report a card pulled mid-command as an empty or
 * garbled answer rather than SCARD_W_REMOVED_CARD: look at the reader to tell.
 */
async function cardWentAway(session: PcscSession, reader: string, waitMs = 600): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const status = (await session.readers()).find((r) => r.name === reader);
      if (!status || !status.cardPresent) return true;
    } catch {
      return false;
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readJpki(card: JpkiCardSession, snapshot: CardSnapshot, now: Date, analyzer: Promise<Analyze>): Promise<void> {
  const token = await card.readTokenInfo();
  snapshot.token = token.kind;
  snapshot.tokenLabel = token.label;

  // An unusable signing counter is evidence about the card, not a reason to stop reading it.
  const signPin = await card.readPinCounter(EF.signPin);
  if (signPin.kind === 'tries') snapshot.signPinTriesLeft = signPin.triesLeft;
  const authPin = await card.readPinCounter(EF.authPin);
  if (authPin.kind === 'tries') snapshot.authPinTriesLeft = authPin.triesLeft;
  if (authPin.kind === 'unusable') throw new CardFailure('unexpected-sw', authPin.evidence);

  // Each certificate is analysed while the card reads the next file (the card is
  // the slow part); what was read before a failure still lands in the snapshot.
  // The signing CA certificate (EF 0002) is not read here: it only serves to check
  // a signature, and the password check reads it for its test signature. That saves
  // 5 of the 24 commands a healthy card took.
  const analyses: Promise<void>[] = [];
  const analyse = (read: CertFileRead, kind: Parameters<typeof slotFrom>[2], put: (slot: CertSlot) => void) =>
    analyses.push(slotFrom(read, analyzer, kind).then(put));
  let signRead: CertFileRead;
  try {
    const authCaRead = await card.readCertificateFile(EF.authCaCert);
    const authCaDer = authCaRead.kind === 'data' ? authCaRead.bytes : undefined;
    analyse(authCaRead, { now, expectedKind: 'auth-ca' }, (slot) => (snapshot.authCaCert = slot));
    const authRead = await card.readCertificateFile(EF.authCert);
    analyse(authRead, { now, expectedKind: 'auth', issuerDer: authCaDer }, (slot) => {
      snapshot.authCert = slot;
      snapshot.cardId = cardIdentity(slot);
    });
    signRead = await card.readCertificateFile(EF.signCert);
    analyse(signRead, { now, expectedKind: 'signing' }, (slot) => (snapshot.signCert = slot));
  } finally {
    await Promise.all(analyses);
  }
  const signCert = snapshot.signCert!;

  switch (signPin.kind) {
    case 'missing':
      // Without a signing PIN no signing certificate can ever be used, whatever EF 0001 holds.
      snapshot.signCertPresence = { value: 'absent', evidence: signPin.evidence };
      return;
    case 'unusable':
      snapshot.signCertPresence =
        signRead.kind === 'not-found' || signRead.kind === 'blank'
          ? { value: 'absent', evidence: `${signRead.evidence}; ${signPin.evidence}` }
          : { value: 'unknown', evidence: signPin.evidence };
      return;
    case 'tries':
      snapshot.signCertPresence = presenceFrom(signRead, signCert);
  }
}

function presenceFrom(read: CertFileRead, slot: CertSlot): NonNullable<CardSnapshot['signCertPresence']> {
  switch (read.kind) {
    case 'not-found':
    case 'blank':
      return { value: 'absent', evidence: read.evidence };
    case 'protected':
      return { value: 'present', evidence: read.evidence };
    case 'data':
    case 'unsized':
      if (slot.status === 'ok') return { value: 'present', evidence: 'EF 0001 readable without the PIN and holds a certificate' };
      if (slot.status === 'absent') return { value: 'absent', evidence: slot.evidence };
      return { value: 'unknown', evidence: 'EF 0001 holds data that is not a readable certificate' };
  }
}

async function slotFrom(
  read: CertFileRead,
  analyzer: Promise<Analyze>,
  options: { now: Date; expectedKind: 'auth' | 'auth-ca' | 'signing'; issuerDer?: Uint8Array },
): Promise<CertSlot> {
  switch (read.kind) {
    case 'not-found':
    case 'blank':
      return { status: 'absent', evidence: read.evidence };
    case 'protected':
      return { status: 'not-read', reason: 'needs the signing password (PIN); not asked during a probe' };
    case 'data':
    case 'unsized':
      return withoutHolder(
        await (await analyzer)(read.bytes, {
          now: options.now,
          expectedKind: options.expectedKind,
          ...(options.issuerDer ? { issuerDer: options.issuerDer } : {}),
        }),
      );
  }
}

/** A probe report travels to logs and intake reports: holder data stays out of it. */
function withoutHolder(slot: CertSlot): CertSlot {
  if (slot.status !== 'ok' || !slot.cert.holder) return slot;
  const { holder: _holder, ...cert } = slot.cert;
  return { status: 'ok', cert };
}
