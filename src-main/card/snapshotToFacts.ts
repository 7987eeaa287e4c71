import type { Facts } from '../contract/facts';
import type { CardErrorCode, CardSnapshot, CertSlot } from '../contract/snapshot';

/** Errors that mean "a card is there but we could not talk to it". */
const UNREADABLE: ReadonlySet<CardErrorCode> = new Set(['card-removed', 'timeout', 'communication']);

/** What the diagnosis engine needs from a probe. Unknown stays absent, never false. */
export function snapshotToFacts(snapshot: CardSnapshot): Facts {
  // Our own binding did not load: nothing is known about the service, readers or card.
  if (snapshot.error?.code === 'pcsc-binding-missing') {
    return { now: snapshot.takenAt, pcscBinding: snapshot.error.binding ?? 'load-failed' };
  }
  const facts: Facts = { now: snapshot.takenAt, pcscService: snapshot.pcscService };
  if (snapshot.pcscService !== 'ok') return facts;
  facts.readerCount = snapshot.readers.length;
  const chosen = snapshot.reader ? snapshot.readers.find((r) => r.name === snapshot.reader) : undefined;
  const cardPresent = chosen ? chosen.cardPresent : snapshot.readers.some((r) => r.cardPresent);
  if (snapshot.error?.code === 'no-reader' && snapshot.readers.length > 0) {
    // A named reader was not found: say nothing about cards.
    return facts;
  }
  facts.cardPresent = cardPresent || snapshot.error?.code === 'card-removed';
  if (!facts.cardPresent) return facts;
  if (snapshot.error?.code === 'card-in-use') {
    // Nothing was read, but nothing says the card is faulty either: readability stays unknown.
    facts.cardInUse = true;
    return facts;
  }
  const unreadable = snapshot.error !== undefined && UNREADABLE.has(snapshot.error.code);
  facts.cardReadable = !unreadable;
  if (snapshot.error === undefined) facts.cardInUse = false;
  if (snapshot.jpkiApplet !== undefined) facts.jpkiApplet = snapshot.jpkiApplet;
  if (snapshot.token) facts.token = snapshot.token;
  if (snapshot.signCertPresence) facts.signCert = snapshot.signCertPresence.value;
  if (snapshot.signCert?.status === 'ok') {
    facts.signCertNotBefore = snapshot.signCert.cert.notBefore;
    facts.signCertNotAfter = snapshot.signCert.cert.notAfter;
  }
  if (snapshot.authCert?.status === 'ok') {
    facts.authCertNotBefore = snapshot.authCert.cert.notBefore;
    facts.authCertNotAfter = snapshot.authCert.cert.notAfter;
  }
  const slots = [snapshot.authCert, snapshot.authCaCert, snapshot.signCert].filter(
    (s): s is CertSlot => s !== undefined,
  );
  if (slots.some((s) => s.status === 'malformed')) facts.certMalformed = true;
  else if (snapshot.authCert && !unreadable) facts.certMalformed = false;
  if (snapshot.signPinTriesLeft !== undefined) facts.signPinTriesLeft = clamp(snapshot.signPinTriesLeft, 5);
  if (snapshot.authPinTriesLeft !== undefined) facts.authPinTriesLeft = clamp(snapshot.authPinTriesLeft, 3);
  return facts;
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(max, Math.trunc(value)));
}
