import type { CardSnapshot, CertificateInfo, DiagnosisResult, Facts, Lang } from '../../src-main/contract';
import { pick } from './localize';

export interface HolderView {
  name: string;
  birthDate: string;
  address: string;
}

/**
 * Holder data for the report. Until the person explicitly chooses to show it, every
 * field is the same placeholder: not even the first character or the length leaks.
 */
export function holderView(cert: CertificateInfo | undefined, showPersonal: boolean, masked: string): HolderView | null {
  const holder = cert?.holder;
  if (!holder) return null;
  if (showPersonal) {
    return { name: holder.name ?? '', birthDate: holder.birthDate ?? '', address: holder.address ?? '' };
  }
  return { name: masked, birthDate: masked, address: masked };
}

export interface ReportFinding {
  id: string;
  severity: string;
  title: string;
  summary: string;
}

/** A step on the sheet: what to do and, in its detail, what to bring. */
export interface ReportStep {
  id: string;
  title: string;
  detail?: string;
  /** Alternatives of one set (exactly one applies) share this; see groupSteps. */
  alternativeGroup?: string;
}

/**
 * Steps the sheet never lists: it is the scrivener office's own form, so advice to
 * go and ask a scrivener would point the client back at the desk.
 */
export const OFFICE_OWN_STEPS: readonly string[] = ['professional-agent'];

export interface IntakeReport {
  date: string;
  findings: ReportFinding[];
  nextSteps: string[];
  /** The primary diagnosis's steps with their details, without OFFICE_OWN_STEPS. */
  steps: ReportStep[];
  /** What the client said (undefined: not asked); null = no code shown. */
  errorCode?: string | null;
  plannedSigningDate?: string;
  /** A signing-password check done at the desk. */
  signPinVerified?: boolean;
  signPinTriesBeforeVerify?: number;
  /** The test signature made after that check (issue #11), with when. */
  signatureTest?: { outcome: NonNullable<Facts['signatureTest']>; at?: string };
  signCert?: Facts['signCert'];
  earliestSigning?: string;
  signPinTriesLeft?: number;
  authPinTriesLeft?: number;
  signCertNotAfter?: string;
  authCertNotAfter?: string;
  cardPresent?: boolean;
  jpkiApplet?: boolean;
  token?: Facts['token'];
  reader?: string;
  /** Answers about events that revoke the signing certificate; undefined = never asked or not known. */
  movedAt?: string | null;
  nameChangedAt?: string | null;
}

/** Everything the intake report shows, except holder data (kept separate so it is masked by default). */
export function buildIntakeReport(facts: Facts, result: DiagnosisResult | null, snapshot: CardSnapshot | null, lang: Lang): IntakeReport {
  const primary = result?.diagnoses[0];
  return {
    date: facts.now ?? new Date().toISOString(),
    findings: (result?.diagnoses ?? []).map((d) => ({
      id: d.id,
      severity: d.severity,
      title: pick(d.title, lang),
      summary: pick(d.summary, lang),
    })),
    nextSteps: (primary?.steps ?? []).filter((s) => !OFFICE_OWN_STEPS.includes(s.id)).map((s) => pick(s.title, lang)),
    steps: (primary?.steps ?? [])
      .filter((s) => !OFFICE_OWN_STEPS.includes(s.id))
      .map((s) => ({
        id: s.id,
        title: pick(s.title, lang),
        ...(s.detail ? { detail: pick(s.detail, lang) } : {}),
        ...(s.alternativeGroup ? { alternativeGroup: s.alternativeGroup } : {}),
      })),
    errorCode: facts.errorCode,
    plannedSigningDate: facts.plannedSigningDate,
    signPinVerified: facts.signPinVerified,
    signPinTriesBeforeVerify: facts.signPinTriesBeforeVerify,
    signatureTest: facts.signatureTest ? { outcome: facts.signatureTest, at: facts.signatureTestAt } : undefined,
    signCert: facts.signCert,
    earliestSigning: primary?.earliestSigning,
    signPinTriesLeft: facts.signPinTriesLeft,
    authPinTriesLeft: facts.authPinTriesLeft,
    signCertNotAfter: facts.signCertNotAfter,
    authCertNotAfter: facts.authCertNotAfter,
    cardPresent: facts.cardPresent,
    jpkiApplet: facts.jpkiApplet,
    token: facts.token,
    reader: snapshot?.reader,
    movedAt: facts.movedAt,
    nameChangedAt: facts.nameChangedAt,
  };
}
