import { describe, expect, it } from 'vitest';
import { readErrorCodeInput } from '../../../src/lib/errorCodeInput';
import { certValidity, daysUntil } from '../../../src/lib/certValidity';
import { answerToFacts } from '../../../src/lib/answerValue';
import { initialFlowScroll, layoutFlow, wrapLabel } from '../../../src/lib/flowLayout';
import { eventConcernsReadReader, noticeForReaderEvent, readersAfterEvent, withoutProbeFacts } from '../../../src/lib/readerNotice';
import { buildIntakeReport, holderView } from '../../../src/lib/reportModel';
import { describeEarliest } from '../../../src/lib/earliestSigning';
import { authCertStatus, signCertStatus, triesState } from '../../../src/lib/cardStatus';
import { readDateInput } from '../../../src/lib/dateInput';
import type { CertificateInfo, DiagnosisResult, FlowGraph, Question } from '../../../src-main/contract';

describe('error code input', () => {
  it('normalises full-width, spaces and case', () => {
    expect(readErrorCodeInput(' ｉｃｆ ４０３１ ')).toEqual({ ok: true, code: 'ICF4031' });
  });
  it('refuses empty, too long and non-code input with both languages', () => {
    for (const bad of ['', '   ', 'X'.repeat(40), 'エラー']) {
      const r = readErrorCodeInput(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message.ja.length).toBeGreaterThan(0);
        expect(r.message.en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('certificate validity', () => {
  const now = '2026-01-10T00:00:00Z';
  it('counts days left and days since expiry', () => {
    expect(daysUntil('2026-01-20T00:00:00Z', now)).toBe(10);
    expect(daysUntil('2026-01-09T12:00:00Z', now)).toBe(-1);
  });
  it('prefers the card slot, then the fact, and names absent/not-read', () => {
    expect(certValidity(undefined, '2025-12-01T00:00:00Z', now)).toMatchObject({ state: 'expired', daysAgo: 40 });
    expect(certValidity({ status: 'absent', evidence: '6A82' }, undefined, now)).toEqual({ state: 'absent' });
    expect(certValidity({ status: 'not-read', reason: 'pin' }, undefined, now)).toEqual({ state: 'not-read' });
    expect(certValidity(undefined, undefined, now)).toEqual({ state: 'unknown' });
  });
});

describe('answers', () => {
  const q = (kind: Question['kind']): Question => ({ fact: 'movedAt', kind, text: { ja: '引越し?', en: 'Moved?' } });
  it('accepts a date, never, and refuses an empty date', () => {
    expect(answerToFacts(q('date-or-never'), { kind: 'date', value: '2025-04-01' })).toEqual({ ok: true, patch: { movedAt: '2025-04-01' } });
    expect(answerToFacts(q('date-or-never'), { kind: 'never' })).toEqual({ ok: true, patch: { movedAt: null } });
    expect(answerToFacts(q('date'), { kind: 'date', value: '' }).ok).toBe(false);
    expect(answerToFacts(q('date'), { kind: 'never' }).ok).toBe(false);
  });
  it('refuses a non-boolean for a yes/no question', () => {
    const yn: Question = { fact: 'abroad', kind: 'boolean', text: { ja: '?', en: '?' } };
    expect(answerToFacts(yn, { kind: 'option', value: 'x' }).ok).toBe(false);
    expect(answerToFacts(yn, { kind: 'option', value: true })).toEqual({ ok: true, patch: { abroad: true } });
  });
});

describe('flowchart layout', () => {
  const graph: FlowGraph = {
    nodes: [
      { id: 'start', kind: 'start', label: { ja: '開始', en: 'Start' }, explain: { ja: 'a', en: 'a' } },
      { id: 'reader', kind: 'check', label: { ja: 'リーダーはありますか', en: 'Reader found?' }, explain: { ja: 'b', en: 'b' } },
      { id: 'no-reader', kind: 'diagnosis', label: { ja: 'リーダーなし', en: 'No reader' }, explain: { ja: 'c', en: 'c' } },
      { id: 'ok', kind: 'diagnosis', label: { ja: '署名できます', en: 'Ready' }, explain: { ja: 'd', en: 'd' } },
    ],
    edges: [
      { from: 'start', to: 'reader' },
      { from: 'reader', to: 'no-reader', label: { ja: 'いいえ', en: 'no' } },
      { from: 'reader', to: 'ok', label: { ja: 'はい', en: 'yes' } },
      { from: 'reader', to: 'ghost' },
    ],
  };
  it('places every node, drops edges to unknown nodes and numbers the path', () => {
    const l = layoutFlow(graph, 'en', ['start', 'reader', 'no-reader']);
    expect(l.nodes).toHaveLength(4);
    expect(l.edges).toHaveLength(3);
    expect(l.nodes.find((n) => n.id === 'no-reader')?.pathIndex).toBe(3);
    expect(l.nodes.find((n) => n.id === 'ok')?.pathIndex).toBe(0);
    expect(l.edges.find((e) => e.to === 'no-reader')?.onPath).toBe(true);
    expect(l.edges.find((e) => e.to === 'ok')?.onPath).toBe(false);
    const start = l.nodes.find((n) => n.id === 'start')!;
    const reader = l.nodes.find((n) => n.id === 'reader')!;
    expect(reader.y).toBeGreaterThan(start.y);
    expect(l.width).toBeGreaterThan(0);
  });
  it('wraps long Japanese labels', () => {
    expect(wrapLabel('署名用電子証明書の有効期限が切れていないかを確認します').length).toBeGreaterThan(1);
    expect(wrapLabel('Short')).toEqual(['Short']);
  });
});

describe('reader events', () => {
  it('a pulled card clears card facts but never answers', () => {
    const n = noticeForReaderEvent({ type: 'card-removed', reader: 'r' });
    expect(n.factsPatch).toEqual({ cardPresent: false });
    const stripped = withoutProbeFacts({ signPinTriesLeft: 3, movedAt: '2025-01-01', cardPresent: true });
    expect(stripped).toEqual({ movedAt: '2025-01-01' });
  });
  it('an inserted card asks for a new probe', () => {
    expect(noticeForReaderEvent({ type: 'card-inserted', reader: 'r' }).reprobe).toBe(true);
    expect(noticeForReaderEvent({ type: 'card-inserted', reader: 'r' }).reader).toBe('r');
    expect(noticeForReaderEvent({ type: 'service-down' }).reader).toBeUndefined();
  });
  it('only events about the reader that was read concern the card being checked', () => {
    expect(eventConcernsReadReader({ type: 'card-removed', reader: 'B' }, 'A')).toBe(false);
    expect(eventConcernsReadReader({ type: 'reader-detached', reader: 'B' }, 'A')).toBe(false);
    expect(eventConcernsReadReader({ type: 'card-removed', reader: 'A' }, 'A')).toBe(true);
    expect(eventConcernsReadReader({ type: 'service-down' }, 'A')).toBe(true);
    expect(eventConcernsReadReader({ type: 'card-inserted', reader: 'B' }, undefined)).toBe(true);
    expect(eventConcernsReadReader({ type: 'card-removed', reader: 'B' }, undefined)).toBe(false);
  });
  it('keeps a quiet list of readers and their cards', () => {
    const start = [{ name: 'A', cardPresent: true }];
    const withB = readersAfterEvent(start, { type: 'card-inserted', reader: 'B' });
    expect(withB).toEqual([{ name: 'A', cardPresent: true }, { name: 'B', cardPresent: true }]);
    expect(readersAfterEvent(withB, { type: 'card-removed', reader: 'B' })[1]).toEqual({ name: 'B', cardPresent: false });
    expect(readersAfterEvent(withB, { type: 'reader-detached', reader: 'A' })).toEqual([{ name: 'B', cardPresent: true }]);
  });
});

describe('intake report', () => {
  const cert: CertificateInfo = {
    subject: 's',
    issuer: 'i',
    serialNumber: '1',
    notBefore: '2022-01-01T00:00:00Z',
    notAfter: '2027-01-01T00:00:00Z',
    daysLeft: 300,
    kind: 'signing',
    holder: { name: '山田花子', birthDate: '1990-04-01', address: '東京都千代田区1-1' },
  };
  it('masks every holder field fully (no first character, no length) unless asked', () => {
    const masked = holderView(cert, false, '（非表示）')!;
    expect(masked).toEqual({ name: '（非表示）', birthDate: '（非表示）', address: '（非表示）' });
    const other = holderView({ ...cert, holder: { name: '佐', birthDate: '2001-12-31', address: '北' } }, false, '（非表示）')!;
    expect(other).toEqual(masked);
    expect(holderView(cert, true, '（非表示）')!.name).toBe('山田花子');
  });
  it('keeps the revocation answers, undefined when never asked', () => {
    expect(buildIntakeReport({ movedAt: null }, null, null, 'ja')).toMatchObject({ movedAt: null, nameChangedAt: undefined });
  });
  it('lists findings and the primary diagnosis steps', () => {
    const result: DiagnosisResult = {
      diagnoses: [
        {
          id: 'cert-expired',
          severity: 'blocker',
          title: { ja: '期限切れ', en: 'Expired' },
          summary: { ja: '証明書の期限切れ', en: 'The certificate expired' },
          evidence: [],
          steps: [{ id: 'counter', title: { ja: '窓口へ', en: 'Go to the counter' } }],
          earliestSigning: '2026-01-11T09:00:00Z',
        },
      ],
      nextQuestion: null,
      path: [],
      checked: [],
    };
    const r = buildIntakeReport({ now: '2026-01-10T00:00:00Z', signPinTriesLeft: 4 }, result, null, 'en');
    expect(r.findings[0]).toMatchObject({ id: 'cert-expired', title: 'Expired' });
    expect(r.nextSteps).toEqual(['Go to the counter']);
    expect(r.steps).toEqual([{ id: 'counter', title: 'Go to the counter' }]);
    expect(r.signPinTriesLeft).toBe(4);
    expect(r.earliestSigning).toBe('2026-01-11T09:00:00Z');
  });
});

describe('earliest signing moment', () => {
  const now = '2026-11-26T16:50:00Z'; // 01:50 on 27 November in Japan
  it('says "now" once the moment has come', () => {
    expect(describeEarliest('2026-11-26T16:51:00Z', now, 'ja')).toEqual({ kind: 'now' });
  });
  it('gives the Japan day and time when it is later', () => {
    expect(describeEarliest('2026-11-26T21:30:00Z', now, 'ja')).toEqual({ kind: 'from', text: '11月27日(金)6時30分ごろから' });
    expect(describeEarliest('2026-11-26T21:30:00Z', now, 'en')).toEqual({ kind: 'from', text: 'from Fri 27 Nov, around 6:30' });
    expect(describeEarliest('2027-01-05T00:00:00Z', now, 'ja')).toEqual({ kind: 'from', text: '2027年1月5日(火)9時ごろから' });
  });
  it('refuses what is not a date', () => {
    expect(describeEarliest('soon', now, 'en')).toBeNull();
  });
});

describe('flowchart opening position', () => {
  const graph: FlowGraph = {
    nodes: [
      { id: 's', kind: 'start', label: { ja: '開始', en: 'Start' }, explain: { ja: 'x', en: 'x' } },
      { id: 'a', kind: 'check', label: { ja: 'A', en: 'A' }, explain: { ja: 'x', en: 'x' } },
      { id: 'b', kind: 'diagnosis', label: { ja: 'B', en: 'B' }, explain: { ja: 'x', en: 'x' } },
    ],
    edges: [{ from: 's', to: 'a' }, { from: 'a', to: 'b' }],
  };
  it('centres the last node on the path, clamped to the drawing', () => {
    const layout = layoutFlow(graph, 'ja', ['s', 'a']);
    const a = layout.nodes.find((n) => n.id === 'a')!;
    const view = { width: 10, height: 10 };
    expect(initialFlowScroll(layout, view)).toEqual({
      left: Math.max(0, Math.min(a.x - 5, layout.width - 10)),
      top: Math.max(0, Math.min(a.y - 5, layout.height - 10)),
    });
  });
  it('falls back to the start node without a path', () => {
    const layout = layoutFlow(graph, 'ja', []);
    const s = layout.nodes.find((n) => n.id === 's')!;
    expect(initialFlowScroll(layout, { width: 10, height: 10 }).top).toBe(Math.max(0, Math.min(s.y - 5, layout.height - 10)));
    expect(initialFlowScroll(layout, { width: 10_000, height: 10_000 })).toEqual({ left: 0, top: 0 });
  });
});

describe('intake report: the office\'s own form', () => {
  it('never lists the step that sends the client to a scrivener, and carries the desk facts', () => {
    const result: DiagnosisResult = {
      diagnoses: [
        {
          id: 'sign-pin-locked',
          severity: 'blocker',
          title: { ja: 'ロック', en: 'Locked' },
          summary: { ja: 'ロック', en: 'Locked' },
          evidence: [],
          steps: [
            { id: 'kiosk-reset', title: { ja: 'コンビニで初期化', en: 'Reset at a store' }, detail: { ja: 'カードとスマホを持参', en: 'Bring the card and a phone' } },
            { id: 'professional-agent', title: { ja: '行政書士に依頼', en: 'Ask a scrivener' } },
          ],
        },
      ],
      nextQuestion: null,
      path: [],
      checked: [],
    };
    const r = buildIntakeReport({ errorCode: 'ICF4031', plannedSigningDate: '2026-12-10', signPinVerified: true, signPinTriesBeforeVerify: 2 }, result, null, 'ja');
    expect(r.steps).toEqual([{ id: 'kiosk-reset', title: 'コンビニで初期化', detail: 'カードとスマホを持参' }]);
    expect(r.nextSteps).toEqual(['コンビニで初期化']);
    expect(r).toMatchObject({ errorCode: 'ICF4031', plannedSigningDate: '2026-12-10', signPinVerified: true, signPinTriesBeforeVerify: 2 });
  });
});

describe('status at a glance', () => {
  const now = '2026-11-27T00:00:00Z';
  const authOk = { status: 'ok' as const, cert: { subject: 's', issuer: 'i', serialNumber: '01', notBefore: '2021-01-01T00:00:00Z', notAfter: '2025-06-01T00:00:00Z', daysLeft: -1, kind: 'auth' as const } };
  const snap = (over: object) => ({ takenAt: now, pcscService: 'ok' as const, readers: [], apduCount: 0, ...over });
  it('tries: locked at 0, low at 1 and 2, fine above, unknown when not read', () => {
    expect([0, 1, 2, 3, 5, undefined].map(triesState)).toEqual(['locked', 'low', 'low', 'ok', 'ok', 'unknown']);
  });
  it('the signing certificate follows the expired authentication certificate issued with it, and says so', () => {
    const facts = { signCert: 'present' as const, authCertNotAfter: '2025-06-01T00:00:00Z' };
    expect(authCertStatus(facts, snap({ authCert: authOk }), [], now)).toMatchObject({ state: 'expired' });
    expect(signCertStatus(facts, snap({ authCert: authOk }), ['cert-expired'], now)).toMatchObject({ state: 'expired', inferred: true, notAfter: '2025-06-01T00:00:00Z' });
  });
  it('a revocation found by the diagnosis wins over dates; its own dates win over inferred ones', () => {
    const facts = { signCert: 'present' as const, authCertNotAfter: '2029-06-01T00:00:00Z' };
    expect(signCertStatus(facts, null, ['cert-revoked-relocation'], now)).toEqual({ state: 'revoked', revokedBy: 'relocation' });
    expect(signCertStatus({ ...facts, signCertNotAfter: '2029-06-01T00:00:00Z' }, null, [], now)).toEqual({ state: 'valid', notAfter: '2029-06-01T00:00:00Z', days: expect.any(Number) });
    expect(signCertStatus(facts, null, [], now)).toMatchObject({ state: 'valid', inferred: true });
    expect(signCertStatus(facts, null, ['cert-expires-soon'], now)).toMatchObject({ state: 'expiring' });
    expect(signCertStatus({ signCert: 'absent' }, null, [], now)).toEqual({ state: 'absent' });
    expect(signCertStatus({}, null, [], now)).toEqual({ state: 'unknown' });
  });
});

describe('a date in one field', () => {
  it('reads the usual ways of typing a date, full-width digits too', () => {
    for (const typed of ['2026-12-10', '2026/12/10', '2026.12.10', '2026年12月10日', '20261210', '２０２６／１２／１０', ' 2026-1-5 ']) {
      const r = readDateInput(typed);
      expect(r.ok, typed).toBe(true);
    }
    expect(readDateInput('2026/1/5')).toEqual({ ok: true, date: '2026-01-05' });
  });
  it('refuses impossible or unclear dates with a message in both languages', () => {
    for (const typed of ['2026-02-30', '12/10/2026', 'あした', '']) {
      const r = readDateInput(typed);
      expect(r.ok, typed).toBe(false);
      if (!r.ok) expect(r.message.ja.length * r.message.en.length).toBeGreaterThan(0);
    }
  });
});
