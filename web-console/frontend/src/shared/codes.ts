// Every code the hub sends to a page, with its zh-CN and English label. A page never shows a raw
// code: label() falls back to a readable form and the unit test checks every known code has both.

export type Labels = Record<string, { zh: string; en: string }>;

export const ROLES: Labels = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  district_command: { zh: '区指挥中心', en: 'District command' },
  street_command: { zh: '街道指挥中心', en: 'Street command' },
  community_secretary: { zh: '社区书记', en: 'Community secretary' },
  community_duty: { zh: '社区值班', en: 'Community duty desk' },
  grid_head: { zh: '网格长', en: 'Grid head' },
  grid_member: { zh: '网格员', en: 'Grid member' },
  building_head: { zh: '楼栋长', en: 'Building head' },
  online_building_head: { zh: '网上楼栋长', en: 'Online building head' },
  unit_head: { zh: '单元长', en: 'Unit head' },
  party_member: { zh: '报到党员', en: 'Reporting Party member' },
  resident: { zh: '居民', en: 'Resident' },
  family: { zh: '家属', en: 'Family' },
};

export const ALERT_STATES: Labels = {
  raised: { zh: '待响应', en: 'Waiting' },
  acknowledged: { zh: '已响应', en: 'Acknowledged' },
  arrived: { zh: '已到场', en: 'At the door' },
  resolved: { zh: '已办结', en: 'Resolved' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  open: { zh: '进行中', en: 'Open' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const TIMELINE: Labels = {
  raised: { zh: '发起呼叫', en: 'Call raised' },
  pressed: { zh: '再次按键', en: 'Pressed again' },
  press: { zh: '再次按键', en: 'Pressed again' },
  notified: { zh: '已通知', en: 'Notified' },
  delivered: { zh: '已送达', en: 'Delivered' },
  received: { zh: '已接收', en: 'Received' },
  read: { zh: '已读', en: 'Read' },
  pending: { zh: '发送中', en: 'Sending' },
  unavailable: { zh: '无法送达', en: 'Could not be delivered' },
  failed: { zh: '发送失败', en: 'Failed' },
  step: { zh: '逐级通知', en: 'Escalation step' },
  escalation: { zh: '升级', en: 'Escalated' },
  escalated: { zh: '升级', en: 'Escalated' },
  empty_role: { zh: '岗位无人', en: 'Nobody holds the role' },
  gave_up: { zh: '通知失败', en: 'Gave up' },
  arrival_overdue: { zh: '到场超时', en: 'Arrival overdue' },
  acknowledged: { zh: '已响应', en: 'Acknowledged' },
  arrived: { zh: '已到场', en: 'At the door' },
  resolved: { zh: '已办结', en: 'Resolved' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  board: { zh: '上墙', en: 'On the board' },
  alert: { zh: '呼叫', en: 'Call' },
  now: { zh: '现在', en: 'Now' },
};

export const CHANNELS: Labels = {
  inbox: { zh: '站内消息', en: 'In-app inbox' },
  sms: { zh: '短信', en: 'SMS' },
  push: { zh: '推送', en: 'Push' },
  webpush: { zh: '浏览器推送', en: 'Web Push' },
  web_push: { zh: '浏览器推送', en: 'Web Push' },
  voice: { zh: '语音电话', en: 'Voice call' },
  board: { zh: '值班大屏', en: 'Duty board' },
};

export const SOURCES: Labels = {
  party: { zh: '党建网', en: 'Party-building network' },
  governance: { zh: '社会治理网', en: 'Social-governance network' },
  community: { zh: '社区管理网', en: 'Community-management network' },
  hub: { zh: '三网枢纽', en: 'Sanwang Hub' },
  device: { zh: '呼叫设备', en: 'Call device' },
  person: { zh: '人员', en: 'Person' },
  system: { zh: '系统', en: 'System' },
};

export const FLAGS: Labels = {
  living_alone: { zh: '独居', en: 'Lives alone' },
  over_85: { zh: '85岁以上', en: 'Over 85' },
  over_80: { zh: '80岁以上', en: 'Over 80' },
  disabled: { zh: '残疾', en: 'Disabled' },
  bedridden: { zh: '卧床', en: 'Bedridden' },
  chronic_illness: { zh: '慢性病', en: 'Chronic illness' },
  dementia: { zh: '认知障碍', en: 'Dementia' },
  low_income: { zh: '低保', en: 'Low income' },
  empty_nest: { zh: '空巢', en: 'Empty nest' },
  check_in: { zh: '每日报平安', en: 'Daily check-in' },
};

export const OUTCOMES: Labels = {
  resolved: { zh: '已办结', en: 'Resolved' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const LEVELS: Labels = {
  district: { zh: '区', en: 'District' },
  street: { zh: '街道', en: 'Street' },
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  building: { zh: '楼栋', en: 'Building' },
  unit: { zh: '单元', en: 'Unit' },
};

export const RELATIONS: Labels = {
  son: { zh: '儿子', en: 'Son' },
  daughter: { zh: '女儿', en: 'Daughter' },
  spouse: { zh: '配偶', en: 'Spouse' },
  relative: { zh: '亲属', en: 'Relative' },
  neighbour: { zh: '邻居', en: 'Neighbour' },
  neighbor: { zh: '邻居', en: 'Neighbour' },
  niece: { zh: '侄女/外甥女', en: 'Niece' },
  nephew: { zh: '侄子/外甥', en: 'Nephew' },
  grandson: { zh: '孙子/外孙', en: 'Grandson' },
  granddaughter: { zh: '孙女/外孙女', en: 'Granddaughter' },
  friend: { zh: '朋友', en: 'Friend' },
  other: { zh: '其他', en: 'Other' },
};

// Issue 11: cases (随手拍 / 网格事件), micro-wishes, appointments. A network may send a category of
// its own: label() shows such text as it came.
export const CATEGORIES: Labels = {
  environment: { zh: '环境卫生', en: 'Environment and sanitation' },
  safety: { zh: '安全隐患', en: 'Safety hazard' },
  facility: { zh: '设施损坏', en: 'Damaged facility' },
  neighbour: { zh: '邻里纠纷', en: 'Neighbour dispute' },
  elderly: { zh: '为老服务', en: 'Elderly care' },
  other: { zh: '其他', en: 'Other' },
};

export const CASE_STATES: Labels = {
  reported: { zh: '待受理', en: 'Awaiting acceptance' },
  accepted: { zh: '已受理', en: 'Accepted' },
  resolved: { zh: '已办结', en: 'Resolved' },
  closed: { zh: '已结案', en: 'Closed' },
};

export const CASE_EVENTS: Labels = {
  reported: { zh: '上报', en: 'Reported' },
  accepted: { zh: '受理', en: 'Accepted' },
  escalated: { zh: '升级', en: 'Escalated' },
  resolved: { zh: '办结', en: 'Resolved' },
  rated: { zh: '评价', en: 'Rated' },
  closed: { zh: '结案', en: 'Closed' },
};

export const WISH_STATES: Labels = {
  posted: { zh: '待认领', en: 'Waiting to be claimed' },
  claimed: { zh: '已认领', en: 'Claimed' },
  fulfilled: { zh: '已完成', en: 'Fulfilled' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const WISH_EVENTS: Labels = {
  posted: { zh: '发布', en: 'Posted' },
  claimed: { zh: '认领', en: 'Claimed' },
  fulfilled: { zh: '完成', en: 'Fulfilled' },
  confirmed: { zh: '确认', en: 'Confirmed' },
  cancelled: { zh: '取消', en: 'Cancelled' },
};

export const APPOINTMENT_STATES: Labels = {
  requested: { zh: '待接单', en: 'Requested' },
  accepted: { zh: '已接单', en: 'Accepted' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const APPOINTMENT_EVENTS: Labels = {
  requested: { zh: '预约', en: 'Requested' },
  accepted: { zh: '接单', en: 'Accepted' },
  completed: { zh: '完成', en: 'Completed' },
  cancelled: { zh: '取消', en: 'Cancelled' },
};

/** The networks' colours on white: each at least 4.5:1 (WCAG AA), so a label in that colour reads. */
export const NETWORK_COLOURS: Record<string, string> = {
  party: '#9a5b00',       // 党建网: dark amber, 5.5:1 on white (the old #d4a000 yellow was 2.4:1)
  governance: '#0050a8',  // 社会治理网
  community: '#17702f',   // 社区管理网
  hub: '#b30000',
  device: '#5b21b6',
  system: '#4b5563',
};

export const ALL: Record<string, Labels> = {
  role: ROLES, alertState: ALERT_STATES, timeline: TIMELINE, channel: CHANNELS, source: SOURCES,
  flag: FLAGS, outcome: OUTCOMES, level: LEVELS, relation: RELATIONS,
  category: CATEGORIES, caseState: CASE_STATES, caseEvent: CASE_EVENTS, wishState: WISH_STATES, wishEvent: WISH_EVENTS,
  appointmentState: APPOINTMENT_STATES, appointmentEvent: APPOINTMENT_EVENTS,
};

/** The label of {@code code} in {@code locale}; an unknown code reads as itself, never as blank. */
export function label(kind: keyof typeof ALL, code: string | null | undefined, locale: string): string {
  if (code == null || code === '') return '';
  const entry = ALL[kind][code];
  if (!entry) return code;
  return locale.startsWith('zh') ? entry.zh : entry.en;
}
