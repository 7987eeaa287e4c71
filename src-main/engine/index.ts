export { loadRules, RuleLoadError, type LoadRulesOptions } from './loadRules';
export { diagnose } from './diagnose';
export { flowGraph } from './flowPath';
export { parseFacts, type ParseFactsResult } from './parseFacts';
export { normalizeErrorCode } from './normalizeErrorCode';
export type { RuleSet } from './ruleSet';
