// The hub's stable problem codes (the problem+json extension member "code"), in both languages.
// problemMessage() prefers these over the status-based sentence. Every code the hub sends is here
// (web-console/src/main/java/org/sanwang/console/api/ProblemCodes.java; ProblemCodesTest checks).
export const PROBLEM_CODES: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'alert.closed': '该呼叫已结束（已处置或已取消），不能再操作。',
    'alert.already_acknowledged': '已有人响应该呼叫并在赶去途中。',
    'alert.already_arrived': '已有人到达现场，只能办结或取消。',
    'alert.not_raised': '没有这条呼叫。',
    'alert.conflict': '该呼叫当前的状态不允许这个操作，请刷新后再试。',
    'community.secretary_only': '只有本社区书记或管理员可以修改社区设置。',
  },
  en: {
    'alert.closed': 'This call is over (resolved or cancelled); nothing more can be done on it.',
    'alert.already_acknowledged': 'Someone has already acknowledged this call and is on the way.',
    'alert.already_arrived': 'Someone is already at the door; the call can only be resolved or cancelled.',
    'alert.not_raised': 'There is no such call.',
    'alert.conflict': 'The call’s current state does not allow this; refresh and try again.',
    'community.secretary_only': 'Only the community secretary or an administrator may change the community’s settings.',
  },
};
