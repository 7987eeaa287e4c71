import type { CardSnapshot, CertificateInfo, DiagnosisResult, Facts, Lang } from '../../src-main/contract';
import { pick } from './localize';

export interface HolderView {
  name: string;
  birthDate: string;
  address: string;
}

/** Keeps the first character so staff can tell records apart, hides the rest. */
export function maskText(value: string | undefined): string {
  if (!value) return '';
  const chars = [...value.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '●'.repeat(Math.min(Math.max(chars.length - 1, 2), 8));
}

export function maskDate(value: string | undefined): string {
  if (!value) return '';
  return value.replace(/\d/g, '*');
}

/** Holder data for the report: masked unless the person explicitly chose to show it. */
export function holderView(cert: CertificateInfo | undefined, showPersonal: boolean): HolderView | null {
  const holder = cert?.holder;
  if (!holder) return null;
  if (showPersonal) {
    return { name: holder.name ?? '', birthDate: holder.birthDate ?? '', address: holder.address ?? '' };
  }
  return { name: maskText(holder.name), birthDate: maskDate(holder.birthDate), address: maskText(holder.address) };
}

export interface ReportFinding {
  id: string;
  severity: string;
  title: string;
  summary: string;
}

export interface IntakeReport {
  date: string;
  findings: ReportFinding[];
  nextSteps: string[];
  earliestSigning?: string;
  signPinTriesLeft?: number;
  authPinTriesLeft?: number;
  signCertNotAfter?: string;
  authCertNotAfter?: string;
  cardPresent?: boolean;
  jpkiApplet?: boolean;
  token?: Facts['token'];
  reader?: string;
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
    nextSteps: (primary?.steps ?? []).map((s) => pick(s.title, lang)),
    earliestSigning: primary?.earliestSigning,
    signPinTriesLeft: facts.signPinTriesLeft,
    authPinTriesLeft: facts.authPinTriesLeft,
    signCertNotAfter: facts.signCertNotAfter,
    authCertNotAfter: facts.authCertNotAfter,
    cardPresent: facts.cardPresent,
    jpkiApplet: facts.jpkiApplet,
    token: facts.token,
    reader: snapshot?.reader,
  };
}
