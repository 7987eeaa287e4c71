import { describe, expect, it } from 'vitest';
import { renderText, templateProblems } from '../../src-main/engine/template';

const NOW = Date.parse('2026-01-14T10:00:00+09:00');

describe('text templates with units', () => {
  it('says "1 day" but "9 days", and counts in Japanese with the counter word', () => {
    const text = { ja: '{daysSince:signCertNotAfter|day}前', en: '{daysSince:signCertNotAfter|day} ago' };
    expect(renderText(text, { signCertNotAfter: '2026-01-13T12:00:00+09:00' }, NOW)).toEqual({ ja: '1日前', en: '1 day ago' });
    expect(renderText(text, { signCertNotAfter: '2026-01-05T12:00:00+09:00' }, NOW)).toEqual({ ja: '9日前', en: '9 days ago' });
  });

  it('pluralises tries and hours, and leaves an unknown count as a word', () => {
    const tries = { ja: '残り{authPinTriesLeft|try}', en: '{authPinTriesLeft|try} left' };
    expect(renderText(tries, { authPinTriesLeft: 1 }, NOW).en).toBe('1 try left');
    expect(renderText(tries, { authPinTriesLeft: 3 }, NOW)).toEqual({ ja: '残り3回', en: '3 tries left' });
    expect(renderText(tries, {}, NOW).en).toBe('unknown left');
    const hours = { ja: '{hoursSince:certRenewedAt|hour}前', en: '{hoursSince:certRenewedAt|hour} ago' };
    expect(renderText(hours, { certRenewedAt: '2026-01-14T09:00:00+09:00' }, NOW).en).toBe('1 hour ago');
  });

  it('rejects an unknown unit and a unit on something that is not a number', () => {
    expect(templateProblems('{daysSince:signCertNotAfter|week}')[0]).toMatch(/unknown unit "week"/);
    expect(templateProblems('{signCertNotAfter|day}')[0]).toMatch(/needs a number/);
    expect(templateProblems('{signPinTriesLeft|try} {daysUntil:authCertNotAfter|day}')).toEqual([]);
  });
});
