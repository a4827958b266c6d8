// The hub's stable problem codes (the problem+json extension member "code"), in both languages.
// problemMessage() prefers these over the status-based sentence.
export const PROBLEM_CODES: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
