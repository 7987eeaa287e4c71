export * from './localized';
export * from './facts';
export * from './diagnosis';
export * from './snapshot';
export * from './pinPolicy';
export * from './signatureTest';
