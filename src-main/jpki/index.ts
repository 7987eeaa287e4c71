export * from './constants';
export * as apdu from './apdu';
export { swMeaning, triesFromSw, type SwMeaning } from './statusWords';
export { planRemainingReads, type ReadChunk } from './readPlan';
export { parseTokenInfo, type TokenInfo, type TokenKind } from './token';
export { checkSigningPinFormat, pinFormatMessage, type PinFormatReason, type PinFormatResult } from './pinFormat';
export { JpkiCardSession, type CertFileRead, type PinCounterRead, type VerifyOutcome } from './cardSession';
