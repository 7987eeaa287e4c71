import type { ReactElement } from 'react';
import type { StatusKind } from '../lib/cardStatus';

/** Drawn shapes (no emoji font needed), one per kind, so a state is told apart without colour. */
const SHAPES: Record<StatusKind, ReactElement> = {
  ok: <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />,
  expiring: (
    <>
      <circle cx="12" cy="13" r="8" fill="none" strokeWidth="2.2" />
      <path d="M12 8.5V13l3 2M9 2.5h6" fill="none" strokeWidth="2.2" strokeLinecap="round" />
    </>
  ),
  expired: (
    <>
      <path d="M6 3h12M6 21h12M7 3c0 5 10 6 10 9s-10 4-10 9M17 3c0 5-10 6-10 9s10 4 10 9" fill="none" strokeWidth="2" strokeLinecap="round" />
      <path d="M3 21L21 3" fill="none" strokeWidth="2.4" strokeLinecap="round" />
    </>
  ),
  revoked: (
    <>
      <circle cx="12" cy="12" r="9" fill="none" strokeWidth="2.4" />
      <path d="M5.8 18.2L18.2 5.8" fill="none" strokeWidth="2.4" />
    </>
  ),
  absent: <path d="M6 6l12 12M18 6L6 18" fill="none" strokeWidth="3" strokeLinecap="round" />,
  locked: (
    <>
      <rect x="5" y="10.5" width="14" height="10" rx="1.5" strokeWidth="0" />
      <path d="M8 10.5V7.5a4 4 0 018 0v3" fill="none" strokeWidth="2.4" />
    </>
  ),
  low: (
    <>
      <path d="M12 3L22 20H2z" fill="none" strokeWidth="2.2" strokeLinejoin="round" />
      <path d="M12 9.5v5" fill="none" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="12" cy="17.3" r="1.3" strokeWidth="0" />
    </>
  ),
  problem: (
    <>
      <circle cx="12" cy="12" r="9" fill="none" strokeWidth="2.2" />
      <path d="M12 7v6" fill="none" strokeWidth="2.6" strokeLinecap="round" />
      <circle cx="12" cy="16.6" r="1.4" strokeWidth="0" />
    </>
  ),
  unknown: (
    <>
      <circle cx="12" cy="12" r="9" fill="none" strokeWidth="2" strokeDasharray="3 2.5" />
      <path d="M9.3 9.3a2.8 2.8 0 115 1.7c-.9.8-2.3 1.3-2.3 2.8" fill="none" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="12" cy="17" r="1.3" strokeWidth="0" />
    </>
  ),
};

/** An icon whose accessible name is the state in words (`label`); colour comes from the kind's class. */
export function StatusIcon({ kind, label }: { kind: StatusKind; label: string }) {
  return (
    <span className={`status-icon status-${kind}`} role="img" aria-label={label} data-status={kind}>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" stroke="currentColor" fill="currentColor">
        {SHAPES[kind]}
      </svg>
    </span>
  );
}
