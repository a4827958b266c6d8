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
  tab: { calls: '呼叫', inbox: '通知', group: '群组', me: '我的' },
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
};
