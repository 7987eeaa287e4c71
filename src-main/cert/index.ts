export { analyzeCertificate, parseCertificate, type AnalyzeOptions } from './analyze';
export { parseDerLength, MAX_DER_TOTAL_LENGTH, type DerLengthResult, type DerLengthError } from './derLength';
export { isBlankFile } from './blank';
export { formatDn, dnAttributes, dnValues, type DnAttribute } from './dn';
export { parseHolderFromSan, otherNameStrings, type Holder } from './holder';
export { encodeJpkiBirthDate, decodeJpkiBirthDate, eraOf, type Era } from './era';
export { malformedMessage, kindMismatchMessage, type MalformedReason } from './messages';
export { OID, OU_SIGNING, OU_AUTH, OU_JLIS } from './oids';
