// The console's own texts, zh-CN first and English complete (codes are labelled by shared/codes.ts).
import type { Messages } from '../../shared/i18n';

export const messages: Messages = {
  'zh-CN': {
    console: { title: '指挥台', full: '三网枢纽 · 社区一键呼叫指挥台' },
    login: {
      title: '工作人员登录', username: '用户名', password: '密码', submit: '登录', failed: '用户名或密码不正确',
      required: '请填写用户名和密码',
    },
    top: { logout: '退出登录', notifyOn: '开启桌面提醒', notifyGranted: '桌面提醒已开启', notifyDenied: '桌面提醒已被浏览器禁止', soundOn: '开启提示音', soundBlocked: '浏览器在您点击页面之前不允许播放声音，新呼叫目前没有提示音。', live: '实时连接正常', reconnecting: '连接中断，正在重连…', menu: '菜单' },
    nav: {
      board: '呼叫值守', history: '历史呼叫', dashboard: '流量态势', org: '组织与居民', policy: '升级策略',
      figures: '统计报表', links: '呼叫链接', cases: '案件', wishes: '微心愿', appointments: '预约', party: '党员', networks: '三网对接',
      groupNetworks: '三网对接', network: { party: '党建网', governance: '治理网', community: '社区网' }, groupDuty: '值守', groupData: '数据', groupManage: '管理', groupWork: '社区治理',
    },
    board: {
      title: '一键呼叫', open: '未处理呼叫', none: '目前没有未处理的呼叫', waited: '已等待', step: '第{n}步', presses: '按键{n}次',
      takenBy: '响应人', arrivedBy: '到场人', family: '家属', noFamily: '无家属联系方式', timeline: '时间线', mute: '静音', muted: '已静音',
      announce: '新的一键呼叫：{who}，{where}', closedNotice: '{who}的呼叫已{state}，时间线已关闭',
      acknowledge: '响应', arrive: '已到场', resolve: '办结', cancel: '取消呼叫', address: '地址',
      resolveTitle: '办结呼叫', resolveText: '确认已处理完毕并办结{who}的呼叫？', resolveConfirm: '确认办结',
      cancelTitle: '取消呼叫', cancelText: '确认取消{who}的呼叫？取消后不再通知任何人。', cancelConfirm: '确认取消呼叫',
      back: '返回', notePlaceholder: '处理情况（可不填）', done: '已{action}', flashTitle: '【新呼叫】{who}', flashMany: '【{n}个新呼叫】{who}',
      notifyTitle: '新的一键呼叫', closeTimeline: '关闭时间线', selectHint: '点击呼叫卡片上的“时间线”查看处理过程',
      via: '经', attempt: '第{n}次', to: '通知', by: '操作人',
      tl: {
        raised: '{who}（{where}）按下了呼叫', press: '第{n}次按键', step: '开始第{n}步通知', cycle: '（第{n}轮）',
        notified: '通知{role} {name}，方式：{channel}', emptyRole: '{role}无人担任，继续升级', delivery: '{name}，{channel}',
        attempt: '，第{n}次', action: '操作人：{by}', note: '备注：{note}', overdue: '响应后超时无人到场，重新升级', entry: '记录',
      },
    },
    history: {
      title: '历史呼叫', q: '居民', qPlaceholder: '姓名或编号', building: '楼栋', allBuildings: '全部楼栋', period: '时间段',
      from: '开始日期', to: '结束日期', outcome: '结果', allOutcomes: '全部', search: '查询', reset: '重置',
      resident: '居民', address: '地址', raisedAt: '呼叫时间', ackAt: '响应时间', arrivedAt: '到场时间', closedAt: '关闭时间',
      who: '处理人', result: '结果', count: '共{n}条', none: '没有符合条件的呼叫', open: '查看时间线',
    },
    dash: {
      title: '流量态势', perSecond: '近一分钟每秒消息（按网络）', perMinute: '近一小时每分钟消息（按网络）', busiest: '消息最多的社区（近一小时）',
      map: '全区社区态势（面积＝消息量，颜色＝未处理呼叫）', latest: '最新消息', pause: '暂停', resume: '继续', paused: '已暂停，新消息暂不显示',
      allNetworks: '全部网络', allCommunities: '全部社区', network: '网络', community: '社区', rate: '当前每秒', lastMinute: '近一分钟',
      lastHour: '近一小时', openCalls: '未处理呼叫', messages: '消息', none: '暂无消息', total: '合计',
    },
    org: {
      title: '组织与居民', tree: '组织架构', role: '岗位', holders: '岗位人员', residents: '居民', group: '群聊', pick: '请在左侧选择区、街道、社区或楼栋',
      name: '姓名', room: '房间', flags: '标签', devices: '呼叫设备', battery: '电量', heartbeat: '最近心跳', offline: '离线', online: '在线',
      noHeartbeat: '尚无心跳', contacts: '家属', send: '发送', message: '输入消息', sendFailed: '发送失败', noResidents: '没有居民',
      unitRoom: '{unit}单元{room}', noMessages: '暂无消息', groupOf: '{name} 群',
    },
    policy: {
      title: '呼叫升级策略', community: '社区', step: '第{n}步', after: '呼叫后（分钟）', notify: '通知对象', addStep: '增加一步',
      removeStep: '删除此步', repeat: '无人响应时整轮重复间隔（分钟）', arrive: '响应后到场时限（分钟）', save: '保存策略', saved: '已保存',
      readOnly: '您的岗位不能修改本社区的策略（仅社区书记或系统管理员可修改）', noAccess: '您无权查看该社区的策略',
      pickRoles: '选择岗位', minutes: '分钟', pickCommunity: '请选择社区', problem: '请检查：{fields}', reload: '还原',
    },
    figures: {
      title: '统计报表', period: '统计时段', show: '查询', csv: '导出 CSV', community: '社区', alerts: '呼叫数', acknowledged: '已响应',
      ackMedian: '响应中位（秒）', ackP90: '响应P90（秒）', ack60: '60秒内响应', ack180: '180秒内响应', arrived: '已到场',
      arriveMedian: '到场中位（秒）', devices: '设备', offline: '离线设备', messages: '消息数', chartAlerts: '各社区呼叫与响应',
      chartAck: '响应用时中位（秒）',
    },
    links: {
      title: '一键呼叫链接', building: '楼栋', resident: '居民', pickBuilding: '请选择楼栋', pickResident: '请选择居民',
      issue: '生成新链接', revoke: '作废', issuedAt: '生成时间', issuedBy: '生成人', state: '状态', active: '有效', revoked: '已作废',
      url: '链接', once: '该链接只显示这一次，请复制后发给居民或家属。', copy: '复制', copied: '已复制', close: '关闭',
      revokeTitle: '作废链接', revokeText: '作废后该链接立即失效，居民需要新链接才能呼叫。确认作废？', revokeConfirm: '确认作废', back: '返回',
      none: '该居民还没有链接', lastUsed: '最近使用', id: '编号',
    },
    common: { loading: '加载中…', refresh: '刷新', yes: '是', no: '否', none: '无', unknown: '未知' },
  },
  en: {
    console: { title: 'Command console', full: 'Sanwang Hub · one-key call command console' },
    login: {
      title: 'Staff sign-in', username: 'Username', password: 'Password', submit: 'Sign in', failed: 'Wrong username or password',
      required: 'Please enter your username and password',
    },
    top: { logout: 'Sign out', notifyOn: 'Turn on desktop alerts', notifyGranted: 'Desktop alerts on', notifyDenied: 'Desktop alerts blocked by the browser', soundOn: 'Turn the alarm sound on', soundBlocked: 'The browser keeps this page silent until you click it: new calls make no sound yet.', live: 'Live', reconnecting: 'Connection lost, reconnecting…', menu: 'Menu' },
    nav: {
      board: 'Call duty', history: 'Call history', dashboard: 'Live traffic', org: 'Organisation', policy: 'Escalation policy',
      figures: 'Figures', links: 'Call links', cases: 'Cases', wishes: 'Micro-wishes', appointments: 'Appointments', party: 'Party members', networks: 'Three networks',
      groupNetworks: 'Three networks', network: { party: 'Party network', governance: 'Governance network', community: 'Community network' }, groupDuty: 'Duty', groupData: 'Data', groupManage: 'Management', groupWork: 'Community governance',
    },
    board: {
      title: 'One-key calls', open: 'Open calls', none: 'No open calls', waited: 'Waiting', step: 'Step {n}', presses: '{n} presses',
      takenBy: 'Taken by', arrivedBy: 'At the door', family: 'Family', noFamily: 'No family contact', timeline: 'Timeline', mute: 'Mute', muted: 'Muted',
      announce: 'New one-key call: {who}, {where}', closedNotice: 'The call of {who} is {state}; its timeline was closed',
      acknowledge: 'Acknowledge', arrive: 'At the door', resolve: 'Resolve', cancel: 'Cancel call', address: 'Address',
      resolveTitle: 'Resolve call', resolveText: 'Has the call of {who} been dealt with? Resolve it?', resolveConfirm: 'Resolve call',
      cancelTitle: 'Cancel call', cancelText: 'Cancel the call of {who}? Nobody will be notified any more.', cancelConfirm: 'Cancel the call',
      back: 'Go back', notePlaceholder: 'What was done (optional)', done: '{action}: done', flashTitle: '【New call】{who}', flashMany: '【{n} new calls】{who}',
      notifyTitle: 'New one-key call', closeTimeline: 'Close timeline', selectHint: 'Choose “Timeline” on a call to follow it',
      via: 'via', attempt: 'attempt {n}', to: 'to', by: 'by',
      tl: {
        raised: '{who} ({where}) pressed the call button', press: 'Press number {n}', step: 'Step {n} of the escalation started', cycle: ' (round {n})',
        notified: '{role} {name} notified by {channel}', emptyRole: 'Nobody holds {role}; escalating further', delivery: '{name}, {channel}',
        attempt: ', attempt {n}', action: 'By {by}', note: 'Note: {note}', overdue: 'Acknowledged but nobody arrived in time; escalating again', entry: 'Entry',
      },
    },
    history: {
      title: 'Call history', q: 'Resident', qPlaceholder: 'Name or id', building: 'Building', allBuildings: 'All buildings', period: 'Period',
      from: 'From', to: 'To', outcome: 'Outcome', allOutcomes: 'All', search: 'Search', reset: 'Reset',
      resident: 'Resident', address: 'Address', raisedAt: 'Raised', ackAt: 'Acknowledged', arrivedAt: 'At the door', closedAt: 'Closed',
      who: 'Handled by', result: 'Outcome', count: '{n} calls', none: 'No calls match', open: 'Timeline',
    },
    dash: {
      title: 'Live traffic', perSecond: 'Messages per second, last minute (by network)', perMinute: 'Messages per minute, last hour (by network)',
      busiest: 'Busiest communities (last hour)', map: 'Communities of the district (area = messages, colour = open calls)', latest: 'Latest messages',
      pause: 'Pause', resume: 'Resume', paused: 'Paused: new messages are held back', allNetworks: 'All networks', allCommunities: 'All communities',
      network: 'Network', community: 'Community', rate: 'Now per second', lastMinute: 'Last minute', lastHour: 'Last hour',
      openCalls: 'Open calls', messages: 'Messages', none: 'No messages yet', total: 'Total',
    },
    org: {
      title: 'Organisation and residents', tree: 'Organisation', role: 'Role', holders: 'Role holders', residents: 'Residents', group: 'Group chat',
      pick: 'Choose a district, street, community or building on the left', name: 'Name', room: 'Room', flags: 'Flags', devices: 'Call devices',
      battery: 'Battery', heartbeat: 'Last heartbeat', offline: 'Offline', online: 'Online', noHeartbeat: 'No heartbeat yet', contacts: 'Family',
      send: 'Send', message: 'Type a message', sendFailed: 'Not sent', noResidents: 'No residents', unitRoom: 'Unit {unit}, room {room}',
      noMessages: 'No messages yet', groupOf: '{name} group',
    },
    policy: {
      title: 'Escalation policy', community: 'Community', step: 'Step {n}', after: 'Minutes after the call', notify: 'Notify', addStep: 'Add a step',
      removeStep: 'Remove this step', repeat: 'Repeat the whole round every (minutes) while nobody responds', arrive: 'Arrive within (minutes) of acknowledging',
      save: 'Save policy', saved: 'Saved', readOnly: 'Your role may not change this community’s policy (only the community secretary or an administrator may)',
      noAccess: 'You may not see this community’s policy', pickRoles: 'Choose roles', minutes: 'min', pickCommunity: 'Choose a community',
      problem: 'Please check: {fields}', reload: 'Revert',
    },
    figures: {
      title: 'Figures', period: 'Period', show: 'Show', csv: 'Download CSV', community: 'Community', alerts: 'Calls', acknowledged: 'Acknowledged',
      ackMedian: 'Ack median (s)', ackP90: 'Ack p90 (s)', ack60: 'Ack ≤ 60 s', ack180: 'Ack ≤ 180 s', arrived: 'At the door',
      arriveMedian: 'Arrive median (s)', devices: 'Devices', offline: 'Offline', messages: 'Messages', chartAlerts: 'Calls and acknowledgements by community',
      chartAck: 'Median time to acknowledge (s)',
    },
    links: {
      title: 'One-key call links', building: 'Building', resident: 'Resident', pickBuilding: 'Choose a building', pickResident: 'Choose a resident',
      issue: 'Issue a new link', revoke: 'Revoke', issuedAt: 'Issued', issuedBy: 'Issued by', state: 'State', active: 'Active', revoked: 'Revoked',
      url: 'Link', once: 'This link is shown only once: copy it and send it to the resident or their family.', copy: 'Copy', copied: 'Copied', close: 'Close',
      revokeTitle: 'Revoke link', revokeText: 'The link stops working at once; the resident needs a new one to call. Revoke it?', revokeConfirm: 'Revoke link', back: 'Go back',
      none: 'This resident has no links yet', lastUsed: 'Last used', id: 'Id',
    },
    common: { loading: 'Loading…', refresh: 'Refresh', yes: 'Yes', no: 'No', none: 'None', unknown: 'Unknown' },
  },
};

/** Field labels for problems the hub names (problemMessage looks up field.<path>). */
export const fieldLabels: Messages = {
  'zh-CN': {
    steps: { after: '通知时间（呼叫后分钟数）', notify: '通知对象', _: '通知步骤' },
    repeatEvery: '整轮重复间隔', arriveWithin: '到场时限', note: '处理情况', text: '消息内容', q: '居民', building: '楼栋',
    from: '开始日期', to: '结束日期', outcome: '结果', limit: '条数', deadline: '报平安截止时间', username: '用户名', password: '密码',
    externalId: '对方编号', code: '枢纽编码', personId: '人员编号', since: '起始时间', after: '序号', state: '状态',
  },
  en: {
    steps: { after: 'Minutes after the call', notify: 'Notify', _: 'Steps' },
    repeatEvery: 'Repeat interval', arriveWithin: 'Arrive within', note: 'Note', text: 'Message', q: 'Resident', building: 'Building',
    from: 'From', to: 'To', outcome: 'Outcome', limit: 'Limit', deadline: 'Check-in deadline', username: 'Username', password: 'Password',
    externalId: 'Network’s id', code: 'Hub code', personId: 'Person id', since: 'Since', after: 'Offset', state: 'State',
  },
};
