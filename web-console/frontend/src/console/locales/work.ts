// The work pages' texts (issue 11: cases, wishes, appointments, party members, governance figures),
// zh-CN first and English complete. Codes (categories, levels, states) are labelled by shared/codes.ts.
// Merged into the console's messages the first time one of these pages opens.
import type { Messages } from '../../shared/i18n';

export const workMessages: Messages = {
  'zh-CN': {
    work: {
      all: '全部', allCommunities: '全部社区', community: '社区', refresh: '刷新', loading: '加载中…', close: '关闭', back: '返回',
      details: '详情', none: '无', at: '时间', by: '操作人', note: '备注', photos: '照片', photo: '照片', photoLink: '查看照片',
      photoFailed: '照片无法加载', live: '实时更新', done: '已{action}', count: '共{n}条', labelled: '{label}：{value}',
      stars: '{n}星', points: '{n}积分', auto: '（超时自动升级）', toLevel: '转至{level}', deadline: '办理时限',
      addPhoto: '添加照片', uploading: '正在上传照片…', removePhoto: '移除照片{n}', photoHint: '可选：JPG、PNG 或 WebP，不超过5MB',
      rating: '评价', ratingRequired: '请选择评价星级', noteRequired: '请填写{field}', timeline: '处理经过',
    },
    cases: {
      title: '案件', filters: '筛选', state: '状态', level: '层级', overdueOnly: '只看超时', overdue: '超时', open: '办理',
      waiting: '待受理 {n}', overdueCount: '超时 {n}', none: '没有符合条件的案件', description: '情况', location: '位置',
      where: '所在', reporter: '上报人', origin: '来源', reportedAt: '上报时间', acceptedBy: '受理人', resolution: '办结情况',
      closedAt: '结案时间', drawer: '案件详情', category: '类别',
      action: { accept: '受理', escalate: '上报上级', resolve: '办结', rate: '评价结案' },
      dialog: {
        acceptTitle: '受理案件', acceptText: '确认由您所在层级受理该案件？', acceptConfirm: '确认受理',
        escalateTitle: '上报上级', escalateText: '将案件转至{level}办理，期限按{level}重新计算。', escalateConfirm: '确认上报',
        resolveTitle: '办结案件', resolveText: '请写明处理结果，可附现场照片。', resolveConfirm: '确认办结',
        rateTitle: '评价并结案', rateText: '记录居民对处理结果的评价，评价后案件结案。', rateConfirm: '确认结案',
        notePlaceholder: '备注（可不填）', resolveNote: '处理结果',
      },
    },
    wishes: {
      title: '微心愿', post: '代居民发布心愿', resident: '居民', building: '楼栋', points: '积分', detail: '说明', phone: '联系电话',
      wishTitle: '心愿', postedAt: '发布时间', postedBy: '发布人', claimedBy: '认领人', fulfilNote: '完成情况', confirmedBy: '确认人',
      none: '暂无', pickBuilding: '请选择楼栋', pickState: '查看状态', origin: '来源',
      action: { claim: '认领', fulfil: '完成', confirm: '确认完成', cancel: '取消心愿' },
      dialog: {
        postTitle: '代居民发布微心愿', postConfirm: '发布', posted: '心愿已发布',
        residentName: '居民姓名', titleLabel: '心愿内容', titlePlaceholder: '如：帮忙更换厨房灯泡', detailPlaceholder: '补充说明（可不填）',
        phonePlaceholder: '可不填', needBuilding: '请选择楼栋', needResident: '请填写居民姓名', needTitle: '请填写心愿内容',
        cancelTitle: '取消心愿', cancelText: '确认取消“{title}”？取消后党员不能再认领。', cancelConfirm: '确认取消',
        confirmTitle: '确认心愿已完成', confirmText: '确认“{title}”已完成，并为认领党员记{points}积分。', confirmConfirm: '确认完成',
      },
    },
    appts: {
      title: '预约代办', resident: '居民', building: '楼栋', service: '事项', at: '预约时间', note: '说明', requestedAt: '提交时间',
      acceptedBy: '接单人', completedNote: '完成情况', none: '没有预约', actions: '操作', noTime: '未约定',
      action: { accept: '接单', complete: '完成', cancel: '取消预约' },
      dialog: {
        completeTitle: '完成预约', completeText: '为{name}办理的“{service}”已完成？', completeConfirm: '确认完成',
        cancelTitle: '取消预约', cancelText: '确认取消{name}的“{service}”预约？', cancelConfirm: '确认取消',
        notePlaceholder: '说明（可不填）',
      },
    },
    party: {
      title: '报到党员与积分', members: '报到党员（双报到）', name: '姓名', phone: '电话', building: '网上楼栋', workplace: '工作单位',
      memberId: '党员编号', activated: '账号', yes: '已激活', no: '待激活', reportedAt: '报到时间', remove: '移除', actions: '操作',
      removeTitle: '移除报到党员', removeText: '确认移除{name}在本社区的报到党员和网上楼栋长身份？', removeConfirm: '确认移除', removed: '已移除{name}',
      points: '积分', byCommunity: '各社区积分', byMember: '党员积分排行', total: '总积分', wishes: '完成心愿', rank: '名次',
      chart: '党员积分（前15名）', noneMembers: '暂无报到党员', noneSince: '暂无积分',
    },
    caseFigures: {
      title: '社会治理指标（案件）', byLevel: '按层级', byCommunity: '按社区', level: '层级', total: '案件数', closed: '已结案',
      closureRate: '结案率', onTime: '按时办结', onTimeRate: '按时率', median: '办结用时中位（小时）', overdue: '当前超时',
      chart: '各社区结案率与按时率', none: '该时段没有案件',
    },
  },
  en: {
    work: {
      all: 'All', allCommunities: 'All communities', community: 'Community', refresh: 'Refresh', loading: 'Loading…', close: 'Close', back: 'Go back',
      details: 'Details', none: 'None', at: 'Time', by: 'By', note: 'Note', photos: 'Photos', photo: 'Photo', photoLink: 'Open photo',
      photoFailed: 'Photo cannot be loaded', live: 'Live', done: '{action}: done', count: '{n} in all', labelled: '{label}: {value}',
      stars: '{n} stars', points: '{n} points', auto: ' (overdue, escalated automatically)', toLevel: 'to {level}', deadline: 'Deadline',
      addPhoto: 'Add photos', uploading: 'Uploading photo…', removePhoto: 'Remove photo {n}', photoHint: 'Optional: JPG, PNG or WebP, at most 5 MB',
      rating: 'Rating', ratingRequired: 'Choose a rating', noteRequired: 'Please enter the {field}', timeline: 'What happened',
    },
    cases: {
      title: 'Cases', filters: 'Filters', state: 'State', level: 'Level', overdueOnly: 'Overdue only', overdue: 'Overdue', open: 'Handle',
      waiting: 'Awaiting acceptance {n}', overdueCount: 'Overdue {n}', none: 'No cases match', description: 'What', location: 'Location',
      where: 'Where', reporter: 'Reported by', origin: 'Source', reportedAt: 'Reported', acceptedBy: 'Accepted by', resolution: 'Resolution',
      closedAt: 'Closed', drawer: 'Case', category: 'Category',
      action: { accept: 'Accept', escalate: 'Escalate', resolve: 'Resolve', rate: 'Rate and close' },
      dialog: {
        acceptTitle: 'Accept case', acceptText: 'Accept this case at your level?', acceptConfirm: 'Accept case',
        escalateTitle: 'Escalate', escalateText: 'Hand the case to the {level} level; its deadline starts again at that level.', escalateConfirm: 'Escalate case',
        resolveTitle: 'Resolve case', resolveText: 'Say what was done; photos of the site may be added.', resolveConfirm: 'Resolve case',
        rateTitle: 'Rate and close', rateText: 'Record the resident’s rating of the result; the case then closes.', rateConfirm: 'Close case',
        notePlaceholder: 'Note (optional)', resolveNote: 'What was done',
      },
    },
    wishes: {
      title: 'Micro-wishes', post: 'Post a wish for a resident', resident: 'Resident', building: 'Building', points: 'Points', detail: 'Details', phone: 'Phone',
      wishTitle: 'Wish', postedAt: 'Posted', postedBy: 'Posted by', claimedBy: 'Claimed by', fulfilNote: 'How it was done', confirmedBy: 'Confirmed by',
      none: 'None', pickBuilding: 'Choose a building', pickState: 'Show', origin: 'Source',
      action: { claim: 'Claim', fulfil: 'Fulfilled', confirm: 'Confirm done', cancel: 'Cancel wish' },
      dialog: {
        postTitle: 'Post a micro-wish for a resident', postConfirm: 'Post', posted: 'Wish posted',
        residentName: 'Resident’s name', titleLabel: 'The wish', titlePlaceholder: 'e.g. change the kitchen light bulb', detailPlaceholder: 'More details (optional)',
        phonePlaceholder: 'Optional', needBuilding: 'Choose a building', needResident: 'Enter the resident’s name', needTitle: 'Enter the wish',
        cancelTitle: 'Cancel wish', cancelText: 'Cancel “{title}”? Party members can no longer claim it.', cancelConfirm: 'Cancel the wish',
        confirmTitle: 'Confirm the wish was fulfilled', confirmText: 'Confirm “{title}” was fulfilled and award {points} points to the member.', confirmConfirm: 'Confirm done',
      },
    },
    appts: {
      title: 'Appointments', resident: 'Resident', building: 'Building', service: 'Service', at: 'Appointed time', note: 'Note', requestedAt: 'Requested',
      acceptedBy: 'Taken by', completedNote: 'How it went', none: 'No appointments', actions: 'Actions', noTime: 'Not set',
      action: { accept: 'Take it', complete: 'Complete', cancel: 'Cancel appointment' },
      dialog: {
        completeTitle: 'Complete appointment', completeText: 'Is “{service}” for {name} done?', completeConfirm: 'Complete',
        cancelTitle: 'Cancel appointment', cancelText: 'Cancel the “{service}” appointment of {name}?', cancelConfirm: 'Cancel the appointment',
        notePlaceholder: 'Note (optional)',
      },
    },
    party: {
      title: 'Party members and points', members: 'Reporting Party members', name: 'Name', phone: 'Phone', building: 'Online building', workplace: 'Workplace',
      memberId: 'Member no.', activated: 'Account', yes: 'Activated', no: 'Not activated yet', reportedAt: 'Reported', remove: 'Remove', actions: 'Actions',
      removeTitle: 'Remove Party member', removeText: 'Remove {name}’s Party member and online building head roles in this community?', removeConfirm: 'Remove member', removed: '{name} removed',
      points: 'Points', byCommunity: 'Points by community', byMember: 'Members by points', total: 'Total points', wishes: 'Wishes fulfilled', rank: 'Rank',
      chart: 'Members’ points (top 15)', noneMembers: 'No Party members have reported yet', noneSince: 'No points yet',
    },
    caseFigures: {
      title: 'Social-governance figures (cases)', byLevel: 'By level', byCommunity: 'By community', level: 'Level', total: 'Cases', closed: 'Closed',
      closureRate: 'Closure rate', onTime: 'Resolved on time', onTimeRate: 'On-time rate', median: 'Median hours to close', overdue: 'Overdue now',
      chart: 'Closure and on-time rate by community', none: 'No cases in this period',
    },
  },
};

/** Labels of the fields the hub may name in a 400 on these pages. */
const fields: Messages = {
  'zh-CN': {
    field: {
      category: '类别', description: '情况描述', photos: '照片', rating: '评价', title: '心愿内容', detail: '说明', residentName: '居民姓名',
      residentId: '居民编号', phone: '联系电话', points: '积分', building: '楼栋', community: '社区', location: '位置', since: '起始时间',
    },
  },
  en: {
    field: {
      category: 'Category', description: 'Description', photos: 'Photos', rating: 'Rating', title: 'Wish', detail: 'Details', residentName: 'Resident’s name',
      residentId: 'Resident id', phone: 'Phone', points: 'Points', building: 'Building', community: 'Community', location: 'Location', since: 'Since',
    },
  },
};

let merged = false;

/** Adds the work pages' texts to the console's i18n, once. */
export function loadWorkMessages(i18n: { global: { mergeLocaleMessage: (locale: string, m: Record<string, unknown>) => void } }): void {
  if (merged) return;
  merged = true;
  for (const locale of ['zh-CN', 'en'] as const) {
    i18n.global.mergeLocaleMessage(locale, workMessages[locale]);
    i18n.global.mergeLocaleMessage(locale, fields[locale]);
  }
}
