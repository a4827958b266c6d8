// The responder app's own words in Chinese (the common ones and every code label come from src/shared).
export default {
  title: '三网枢纽 · 响应',
  login: {
    heading: '登录', username: '用户名', password: '密码', submit: '登录',
    failed: '用户名或密码不正确', required: '请填写{field}',
    hint: '楼栋长、网格员使用社区发给您的账号登录',
  },
  conn: {
    offline: '离线：网络未连接，显示的是上次保存的内容',
    hubDown: '离线：暂时连不上枢纽，显示的是上次保存的内容',
    connecting: '正在连接枢纽…',
    savedAt: '保存于 {at}',
  },
  tab: { calls: '呼叫', inbox: '通知', tasks: '任务', group: '群组', me: '我的' },
  calls: {
    heading: '紧急呼叫', none: '目前没有待处理的呼叫', newCall: '新的紧急呼叫：{name}，{address}',
    titleFlash: '【新呼叫】{name}', waiting: '已等待 {time}', raisedAt: '呼叫时间 {time}',
    presses: '按键 {n} 次', state: '状态', acknowledgedBy: '响应人', arrivedBy: '到场人', closedBy: '处理人',
    family: '家属电话', call: '拨打', noFamily: '没有登记家属电话', mute: '静音', muted: '已静音',
    done: '已完成：{action}',
  },
  action: {
    acknowledge: '我来处理', arrive: '我已到场', resolve: '办结', cancel: '取消呼叫',
  },
  confirm: {
    resolveTitle: '办结这次呼叫？', resolveBody: '确认{name}已经得到帮助。办结后呼叫关闭，不能撤回。',
    resolveOk: '确认办结',
    cancelTitle: '取消这次呼叫？', cancelBody: '只在误按或已无需上门时取消。取消后呼叫关闭，不能撤回。',
    cancelOk: '确认取消呼叫',
    back: '返回',
  },
  inbox: {
    heading: '通知', none: '暂无通知', unread: '未读', read: '已读', open: '查看呼叫', more: '展开',
    kind: { alert: '紧急呼叫', device: '设备提醒', task: '待办', notice: '通知', message: '消息' },
  },
  group: {
    heading: '楼栋群', community: '社区群', none: '您没有所属的群', empty: '还没有消息', message: '消息', send: '发送',
    placeholder: '输入消息', loading: '正在加载…',
  },
  me: {
    heading: '我的', language: '语言', roles: '岗位', push: '手机推送提醒',
    pushOn: '已开启', pushOff: '开启', pushDenied: '浏览器已禁止通知，请在浏览器设置里允许',
    pushUnsupported: '此浏览器不支持推送提醒', sound: '呼叫提示音', soundTest: '试听', logout: '退出登录',
    logoutConfirm: '退出后，这部手机不再收到呼叫提醒。', logoutOk: '确认退出',
  },
  tasks: {
    heading: '任务', live: '实时更新', reconnecting: '正在重新连接…', loading: '正在加载…', close: '关闭提示',
    section: { wishes: '微心愿', cases: '案件', appointments: '预约', report: '随手拍' },
    wishes: { open: '待认领的心愿', mine: '我认领的心愿', confirm: '待确认完成', none: '暂无心愿', noneMine: '您还没有认领心愿', waiting: '已完成，等待确认' },
    cases: { heading: '待处理案件', none: '暂无待处理案件' },
    appts: { heading: '预约代办', none: '暂无预约', takenBy: '接单人：{name}' },
    points: '{n}积分', resident: '居民：{name}', claimedBy: '认领人：{name}', at: '预约时间：{at}', noTime: '时间未约定', deadline: '办理时限',
    action: {
      claim: '认领', fulfil: '完成', confirm: '确认完成', accept: '受理', resolve: '办结', resolveOk: '确认办结',
      apptAccept: '接单', apptComplete: '完成', cancel: '返回',
    },
    done: {
      claim: '已认领，请尽快联系居民', fulfil: '已完成，等待楼栋长确认', confirm: '已确认，积分已记入', accept: '已受理', resolve: '已办结',
      apptAccept: '已接单', apptComplete: '已完成', report: '已上报，案件编号 {id}',
    },
    resolveNote: '处理结果', resolveNoteHint: '写明处理结果（必填）', needNote: '请写明处理结果', rating: '居民评价（可不选）',
    photo: { take: '拍照或选择照片', retake: '重新拍照', remove: '删除照片', preview: '已选照片', optional: '照片（可不拍）' },
    report: {
      building: '楼栋', pickBuilding: '请选择楼栋', category: '类别', description: '情况描述', descriptionHint: '发生了什么，在哪里',
      location: '具体位置（可不填）', locationHint: '如：2单元楼道', submit: '上报', needBuilding: '请选择楼栋', needCategory: '请选择类别',
      needDescription: '请描述情况', noBuildings: '您的账号没有可选的楼栋',
    },
  },
  activate: {
    heading: '设置登录密码', loading: '正在读取激活链接…', hello: '{name}同志，您好', community: '报到社区：{name}',
    username: '登录用户名', password: '新密码', again: '再次输入新密码', hint: '至少10个字符', expires: '链接有效期至 {at}',
    submit: '设置密码', short: '密码至少需要10个字符', mismatch: '两次输入的密码不一致',
    done: '密码已设置。请用用户名 {username} 和新密码登录。', login: '去登录',
    notFound: '链接无效或已使用。如需帮助，请联系报到社区。', expired: '链接已过期。请联系报到社区重新发送激活短信。',
  },
};
