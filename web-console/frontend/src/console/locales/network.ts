// The networks' pages' texts (issue 10), zh-CN first and English complete. Loaded with the page, not
// with the console: merged into the console's messages the first time a network's page opens (the
// navigation's names of the networks stay in messages.ts).
import type { Messages } from '../../shared/i18n';

export const networkMessages: Messages = {
  'zh-CN': {
    net: {
      title: '三网对接', labelled: '{label}：{value}',
      full: { party: '党建网', governance: '社会治理网格事件网', community: '社区管理网' },
      noAccess: '三网对接仅对系统管理员和区指挥中心开放。', unknown: '没有这个网络', refresh: '刷新', auto: '每5秒自动刷新', updated: '更新于 {at}',
      feedTag: '拉取', callbackTag: '回调', pending: '待处理事件', loading: '加载中…', event: '原始事件', close: '关闭', back: '返回', copyHint: '原始事件（JSON）',
      state: { ok: '正常', failing: '异常', disabled: '已停用', off: '未配置' },
      itemState: { pending: '待发送', delivered: '已送达', failed: '发送失败' },
      outcome: { applied: '已处理', stillQuarantined: '仍在隔离' },
      reason: {
        unmapped_subject: '对方编号未映射到枢纽编码', unknown_code: '枢纽中没有此编码', unknown_type: '暂不支持的事件类型',
        unknown_person: '找不到此人', bad_data: '数据不符合此类型', malformed: '格式错误（拉取）',
      },
      metric: { received: '收到', accepted: '受理', duplicates: '重复', quarantined: '隔离', rejected: '拒收' },
      window: { lastMinute: '近1分钟', lastHour: '近1小时', lastDay: '近24小时' },
      counters: { title: '事件计数', measure: '项目' },
      feed: {
        title: '拉取源', url: '地址', cursor: '游标', lastPoll: '最近拉取', lastEvent: '最近事件', state: '状态', lastError: '最近错误',
        off: '未配置拉取地址：该网络只向枢纽推送。', never: '尚未拉取', start: '（从头开始）',
      },
      outbox: {
        title: '回调发件箱', depth: '待发送', oldest: '最早待发', failed: '发送失败', delivered: '已送达', endpoint: '回调地址', state: '状态',
        lastError: '最近错误', lastErrorAt: '出错时间', disabledAt: '停用时间', noUrl: '未配置回调地址', waited: '已等待{d}',
        disabledHint: '对方返回 410，已停止向其回调。', enable: '重新启用回调', enableTitle: '重新启用回调', enableText: '确认重新启用{name}的回调地址？发件箱中的回调将继续发送。',
        enableConfirm: '确认启用', enabled: '回调已重新启用', enableAdminOnly: '仅系统管理员可以重新启用回调。',
        items: '回调记录', filter: '状态', all: '全部', type: '类型', subject: '对象', created: '创建时间', attempts: '尝试次数', next: '下次尝试',
        itemState: '状态', resend: '重发', resendTitle: '重发回调', resendText: '确认重发“{type}”（{subject}）？对方会再收到一次此事件（编号不变，对方可去重）。',
        resendConfirm: '确认重发', resent: '已重新排队，马上发送', none: '没有回调记录', view: '查看', actions: '操作',
      },
      q: {
        title: '隔离区', size: '共{n}条', offset: '序号', receivedAt: '收到时间', reason: '原因', event: '事件', type: '类型', subject: '对象',
        view: '查看原文', replay: '重放', replayLabel: '重放第{offset}条', replayAll: '全部重放', since: '起始时间', sincePlaceholder: '选择日期和时间',
        needSince: '请先选择起始时间', appliedOne: '第{offset}条已处理，已移出隔离区', stillOne: '第{offset}条仍在隔离：{reason}',
        appliedAll: '已重放{replayed}条：{applied}条已处理，{still}条仍在隔离', noneSince: '该时间之后没有隔离的事件', none: '隔离区为空',
        more: '加载更多', actions: '操作', replayAllHint: '重放此时间之后收到的全部隔离事件（按序号顺序）。',
      },
      map: {
        title: '编号映射', externalId: '对方编号', target: '映射到', code: '枢纽编码', personId: '人员编号', updatedAt: '更新时间', updatedBy: '更新人',
        add: '保存映射', added: '映射已保存', del: '删除', delLabel: '删除{id}的映射', delTitle: '删除映射', delText: '确认删除“{id}”的映射？之后以它为对象的事件将进入隔离区。',
        delConfirm: '确认删除', deleted: '映射已删除', none: '还没有映射', filter: '查找映射', filterPlaceholder: '按编号查找', size: '共{n}条',
        needExternalId: '请填写对方编号', needCode: '请填写枢纽编码', needPersonId: '请填写人员编号', value: '映射目标',
        externalPlaceholder: '如 GOV-BLD-7', codePlaceholder: '如 130803001001-B07', personPlaceholder: '如 p-001', actions: '操作', addTitle: '新增或修改映射',
      },
      secret: {
        button: '签名密钥', title: '签名密钥 · {name}', loading: '正在读取密钥…', signing: '签名密钥', verifying: '仍然有效的其他密钥',
        intro: '{name}用此密钥签名推送给枢纽的事件；枢纽用它签名回调和拉取请求。只通过安全渠道交给对方，不要截图或外传。',
        show: '显示', hide: '隐藏', showLabel: '显示密钥', copy: '复制', copyLabel: '复制签名密钥', copied: '签名密钥已复制到剪贴板',
        copyManual: '浏览器不允许自动复制：密钥已选中，请按 Ctrl+C 复制。', masked: '密钥已隐藏',
        rotation: '轮换：先把新密钥交给对方，再把 {setting} 设为“新密钥,旧密钥”并重启枢纽（所列密钥都可验证，第一个用于签名）。对方改用新密钥后，删去旧密钥再重启。',
      },
      type: {
        party_notice: '党建通知', party_member_reported: '党员双报到', party_wish_posted: '微心愿发布', party_wish_claimed: '微心愿认领',
        party_wish_fulfilled: '微心愿完成', party_wish_confirmed: '微心愿确认', party_wish_cancelled: '微心愿取消',
        governance_case_reported: '案件上报', governance_case_dispatched: '案件派遣', governance_case_escalated: '案件升级',
        governance_case_resolved: '案件办结', governance_case_rated: '案件评价', governance_case_closed: '案件结案',
        community_resident_upserted: '居民信息更新', community_resident_removed: '居民移除', community_notice: '社区通知',
        community_appointment_requested: '预约代办', community_alert_closed: '一键呼叫已结束',
      },
    },
  },
  en: {
    net: {
      title: 'Three networks', labelled: '{label}: {value}',
      full: { party: 'Party-building network', governance: 'Social-governance grid event network', community: 'Community-management network' },
      noAccess: 'The three networks are open to administrators and district command only.', unknown: 'No such network', refresh: 'Refresh',
      auto: 'Refreshed every 5 seconds', updated: 'Updated {at}', feedTag: 'Feed', callbackTag: 'Callback', pending: 'Events waiting to be applied',
      loading: 'Loading…', event: 'Original event', close: 'Close', back: 'Go back', copyHint: 'Original event (JSON)',
      state: { ok: 'OK', failing: 'Failing', disabled: 'Disabled', off: 'Not configured' },
      itemState: { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' },
      outcome: { applied: 'Applied', stillQuarantined: 'Still quarantined' },
      reason: {
        unmapped_subject: 'The network’s id is not mapped to a hub code', unknown_code: 'No such code in the hub', unknown_type: 'Event type not handled',
        unknown_person: 'No such person', bad_data: 'Data the type does not allow', malformed: 'Malformed event (from a pull feed)',
      },
      metric: { received: 'Received', accepted: 'Accepted', duplicates: 'Duplicates', quarantined: 'Quarantined', rejected: 'Rejected' },
      window: { lastMinute: 'Last minute', lastHour: 'Last hour', lastDay: 'Last 24 hours' },
      counters: { title: 'Event counts', measure: 'Measure' },
      feed: {
        title: 'Pull feed', url: 'URL', cursor: 'Cursor', lastPoll: 'Last poll', lastEvent: 'Last event', state: 'State', lastError: 'Last error',
        off: 'No feed configured: this network pushes to the hub.', never: 'Not polled yet', start: '(from the start)',
      },
      outbox: {
        title: 'Callback outbox', depth: 'Pending', oldest: 'Oldest pending', failed: 'Failed', delivered: 'Delivered', endpoint: 'Callback URL', state: 'State',
        lastError: 'Last error', lastErrorAt: 'Error at', disabledAt: 'Disabled at', noUrl: 'No callback URL configured', waited: 'waiting {d}',
        disabledHint: 'The network answered 410: callbacks to it have stopped.', enable: 'Re-enable callbacks', enableTitle: 'Re-enable callbacks',
        enableText: 'Re-enable the callback URL of the {name}? The outbox will send again.', enableConfirm: 'Re-enable', enabled: 'Callbacks re-enabled',
        enableAdminOnly: 'Only an administrator may re-enable callbacks.',
        items: 'Callbacks', filter: 'State', all: 'All', type: 'Type', subject: 'Subject', created: 'Created', attempts: 'Attempts', next: 'Next attempt',
        itemState: 'State', resend: 'Resend', resendTitle: 'Resend callback', resendText: 'Resend “{type}” ({subject})? The network receives the event again (same id, so it can drop the copy).',
        resendConfirm: 'Resend', resent: 'Queued again, sending now', none: 'No callbacks', view: 'View', actions: 'Actions',
      },
      q: {
        title: 'Quarantine', size: '{n} in all', offset: 'Offset', receivedAt: 'Received', reason: 'Reason', event: 'Event', type: 'Type', subject: 'Subject',
        view: 'View original', replay: 'Replay', replayLabel: 'Replay number {offset}', replayAll: 'Replay all', since: 'Since', sincePlaceholder: 'Choose a date and time',
        needSince: 'Choose the time to replay from first', appliedOne: 'Number {offset} applied and left quarantine', stillOne: 'Number {offset} is still quarantined: {reason}',
        appliedAll: '{replayed} replayed: {applied} applied, {still} still quarantined', noneSince: 'Nothing quarantined since then', none: 'Quarantine is empty',
        more: 'Load more', actions: 'Actions', replayAllHint: 'Replays every quarantined event received at or after this time, in offset order.',
      },
      map: {
        title: 'Id mappings', externalId: 'Network’s id', target: 'Maps to', code: 'Hub code', personId: 'Person id', updatedAt: 'Updated', updatedBy: 'Updated by',
        add: 'Save mapping', added: 'Mapping saved', del: 'Delete', delLabel: 'Delete the mapping of {id}', delTitle: 'Delete mapping',
        delText: 'Delete the mapping of “{id}”? Events naming it will go to quarantine.', delConfirm: 'Delete mapping', deleted: 'Mapping deleted',
        none: 'No mappings yet', filter: 'Find a mapping', filterPlaceholder: 'Find by id or code', size: '{n} in all',
        needExternalId: 'Enter the network’s id', needCode: 'Enter the hub code', needPersonId: 'Enter the person id', value: 'Target',
        externalPlaceholder: 'e.g. GOV-BLD-7', codePlaceholder: 'e.g. 130803001001-B07', personPlaceholder: 'e.g. p-001', actions: 'Actions', addTitle: 'Add or change a mapping',
      },
      secret: {
        button: 'Signing secret', title: 'Signing secret · {name}', loading: 'Reading the secret…', signing: 'Signing secret', verifying: 'Other secrets still accepted',
        intro: 'The {name} signs the events it pushes to the hub with this secret; the hub signs its callbacks and feed requests with it. Hand it over by a secure channel only.',
        show: 'Show', hide: 'Hide', showLabel: 'Show the secret', copy: 'Copy', copyLabel: 'Copy the signing secret', copied: 'Signing secret copied to the clipboard',
        copyManual: 'The browser does not allow copying here: the secret is selected, press Ctrl+C to copy it.', masked: 'Secret hidden',
        rotation: 'To rotate: give the network the new secret, then set {setting} to "new,old" and restart the hub (every listed secret verifies, the first signs). Once the network signs with the new one, remove the old one and restart.',
      },
      type: {
        party_notice: 'Party notice', party_member_reported: 'Party member reported', party_wish_posted: 'Wish posted', party_wish_claimed: 'Wish claimed',
        party_wish_fulfilled: 'Wish fulfilled', party_wish_confirmed: 'Wish confirmed', party_wish_cancelled: 'Wish cancelled',
        governance_case_reported: 'Case reported', governance_case_dispatched: 'Case dispatched', governance_case_escalated: 'Case escalated',
        governance_case_resolved: 'Case resolved', governance_case_rated: 'Case rated', governance_case_closed: 'Case closed',
        community_resident_upserted: 'Resident updated', community_resident_removed: 'Resident removed', community_notice: 'Community notice',
        community_appointment_requested: 'Appointment requested', community_alert_closed: 'One-key call closed',
      },
    },
  },
};

let merged = false;

/** Adds the networks' texts to the console's i18n, once. */
export function loadNetworkMessages(i18n: { global: { mergeLocaleMessage: (locale: string, m: Record<string, unknown>) => void } }): void {
  if (merged) return;
  merged = true;
  i18n.global.mergeLocaleMessage('zh-CN', networkMessages['zh-CN']);
  i18n.global.mergeLocaleMessage('en', networkMessages.en);
}
