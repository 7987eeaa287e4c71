/** Object identifiers used by JPKI certificates (see /work/shared/JPKI-NOTES.md). */
export const OID = {
  policySigning: '1.2.392.200149.8.5.1.1',
  policyAuth: '1.2.392.200149.8.5.1.3',
  holderName: '1.2.392.200149.8.5.5.1',
  holderNameFlags: '1.2.392.200149.8.5.5.2',
  holderSex: '1.2.392.200149.8.5.5.3',
  holderBirthDate: '1.2.392.200149.8.5.5.4',
  holderAddress: '1.2.392.200149.8.5.5.5',
  holderAddressFlags: '1.2.392.200149.8.5.5.6',
  extBasicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.15',
  extCertificatePolicies: '2.5.29.32',
  extSubjectAltName: '2.5.29.17',
  extSubjectKeyIdentifier: '2.5.29.14',
  extAuthorityKeyIdentifier: '2.5.29.35',
  attrCountry: '2.5.4.6',
  attrOrganization: '2.5.4.10',
  attrOrganizationalUnit: '2.5.4.11',
  attrCommonName: '2.5.4.3',
} as const;

/** Organizational units that name the two JPKI CAs. */
export const OU_SIGNING = 'JPKI for digital signature';
export const OU_AUTH = 'JPKI for user authentication';
export const OU_JLIS = 'Japan Agency for Local Authority Information Systems';
