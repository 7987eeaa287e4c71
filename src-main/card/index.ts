export { probeCard, DEFAULT_APDU_TIMEOUT_MS, type ProbeOptions } from './probe';
export { snapshotToFacts } from './snapshotToFacts';
export { verifySigningPin, type VerifySigningPinOptions } from './verifySigningPin';
export { listReaders, watchReaders } from './readers';
export { checkSigningPinFormat } from '../jpki/pinFormat';
