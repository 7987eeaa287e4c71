import type { Facts } from '../contract/facts';
import type { PinAttemptResult } from '../contract/snapshot';

/**
 * The facts a successful password check with its test signature establishes. Pure
 * (no Node imports): the renderer's store and the CLI both use it.
 * `triesBefore` is what the card showed before the check (it resets to 5 on success).
 */
export function pinResultFacts(result: PinAttemptResult, triesBefore?: number): Facts {
  if (!result.ok) return {};
  const facts: Facts = { signPinVerified: true };
  if (typeof triesBefore === 'number') facts.signPinTriesBeforeVerify = triesBefore;
  if (result.signCert) {
    facts.signCert = 'present';
    facts.signCertNotBefore = result.signCert.notBefore;
    facts.signCertNotAfter = result.signCert.notAfter;
  }
  return { ...facts, ...signatureTestFacts(result) };
}

/** Only the test-signature facts (for a store that keeps card facts elsewhere). */
export function signatureTestFacts(result: PinAttemptResult): Facts {
  const test = result.ok ? result.signatureTest : undefined;
  if (!test) return {};
  return {
    signatureTest: test.outcome,
    signatureTestAt: test.at,
    ...(test.outcome === 'refused' && test.sw ? { signatureTestSw: test.sw } : {}),
  };
}
