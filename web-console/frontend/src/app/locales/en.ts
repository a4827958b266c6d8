// The responder app's own words in English (same keys as zh-CN.ts).
export default {
  title: 'Sanwang Responder',
  login: {
    heading: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in',
    failed: 'Wrong username or password', required: 'Please enter the {field}',
    hint: 'Building heads and grid members sign in with the account their community gave them',
  },
  conn: {
    offline: 'Offline: no network; showing what was saved last',
    hubDown: 'Offline: the hub cannot be reached; showing what was saved last',
    connecting: 'Connecting to the hub…',
    savedAt: 'saved {at}',
  },
  tab: { calls: 'Calls', inbox: 'Notices', group: 'Groups', me: 'Me' },
  calls: {
    heading: 'Emergency calls', none: 'No open calls', newCall: 'New emergency call: {name}, {address}',
    titleFlash: '[New call] {name}', waiting: 'Waiting {time}', raisedAt: 'Called at {time}',
    presses: 'Pressed {n} times', state: 'State', acknowledgedBy: 'Responder', arrivedBy: 'At the door', closedBy: 'Closed by',
    family: 'Family phones', call: 'Call', noFamily: 'No family phone on record', mute: 'Mute', muted: 'Muted',
    done: 'Done: {action}',
  },
  action: {
    acknowledge: 'I will handle it', arrive: 'I am at the door', resolve: 'Resolve', cancel: 'Cancel call',
  },
  confirm: {
    resolveTitle: 'Resolve this call?', resolveBody: 'Confirm that {name} has been helped. The call closes and cannot be reopened.',
    resolveOk: 'Resolve',
    cancelTitle: 'Cancel this call?', cancelBody: 'Only when pressed by mistake or nobody needs to go. The call closes and cannot be reopened.',
    cancelOk: 'Cancel the call',
    back: 'Back',
  },
  inbox: {
    heading: 'Notices', none: 'No notices', unread: 'Unread', read: 'Read', open: 'Show the call', more: 'Open',
    kind: { alert: 'Emergency call', device: 'Device', task: 'Task', notice: 'Notice', message: 'Message' },
  },
  group: {
    heading: 'Building group', community: 'Community channel', none: 'You belong to no group', empty: 'No messages yet', message: 'Message', send: 'Send',
    placeholder: 'Type a message', loading: 'Loading…',
  },
  me: {
    heading: 'Me', language: 'Language', roles: 'Roles', push: 'Push alerts on this phone',
    pushOn: 'On', pushOff: 'Turn on', pushDenied: 'Notifications are blocked; allow them in the browser settings',
    pushUnsupported: 'This browser cannot receive push alerts', sound: 'Call sound', soundTest: 'Play', logout: 'Sign out',
    logoutConfirm: 'After signing out this phone gets no call alerts.', logoutOk: 'Sign out',
  },
};
