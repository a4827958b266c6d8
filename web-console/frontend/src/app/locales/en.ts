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
  tab: { calls: 'Calls', inbox: 'Notices', tasks: 'Tasks', group: 'Groups', me: 'Me' },
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
  tasks: {
    heading: 'Tasks', live: 'Live', reconnecting: 'Reconnecting…', loading: 'Loading…', close: 'Dismiss',
    section: { wishes: 'Wishes', cases: 'Cases', appointments: 'Appointments', report: 'Report' },
    wishes: { open: 'Wishes to claim', mine: 'Wishes I claimed', confirm: 'To confirm', none: 'No wishes', noneMine: 'You have not claimed a wish yet', waiting: 'Fulfilled, waiting for confirmation' },
    cases: { heading: 'Open cases', none: 'No open cases' },
    appts: { heading: 'Appointments', none: 'No appointments', takenBy: 'Taken by {name}' },
    points: '{n} points', resident: 'Resident: {name}', claimedBy: 'Claimed by {name}', at: 'Appointed: {at}', noTime: 'No time set', deadline: 'Deadline',
    action: {
      claim: 'Claim', fulfil: 'Fulfilled', confirm: 'Confirm done', accept: 'Accept', resolve: 'Resolve', resolveOk: 'Resolve case',
      apptAccept: 'Take it', apptComplete: 'Done', cancel: 'Go back',
    },
    done: {
      claim: 'Claimed: contact the resident soon', fulfil: 'Fulfilled: waiting for the building head to confirm', confirm: 'Confirmed: the points are awarded',
      accept: 'Accepted', resolve: 'Resolved', apptAccept: 'Taken', apptComplete: 'Completed', report: 'Reported, case {id}',
    },
    resolveNote: 'What was done', resolveNoteHint: 'Say what was done (required)', needNote: 'Please say what was done', rating: 'Resident’s rating (optional)',
    photo: { take: 'Take or choose a photo', retake: 'Take another', remove: 'Remove photo', preview: 'Chosen photo', optional: 'Photo (optional)' },
    report: {
      building: 'Building', pickBuilding: 'Choose a building', category: 'Category', description: 'What is wrong', descriptionHint: 'What happened, and where',
      location: 'Exact place (optional)', locationHint: 'e.g. stairwell of unit 2', submit: 'Report', needBuilding: 'Choose a building', needCategory: 'Choose a category',
      needDescription: 'Describe what is wrong', noBuildings: 'Your account has no building to choose',
    },
  },
  activate: {
    heading: 'Set your password', loading: 'Reading the activation link…', hello: 'Hello, {name}', community: 'Reported to: {name}',
    username: 'Username', password: 'New password', again: 'New password again', hint: 'At least 10 characters', expires: 'The link works until {at}',
    submit: 'Set password', short: 'The password needs at least 10 characters', mismatch: 'The two passwords differ',
    done: 'Your password is set. Sign in with the username {username} and the new password.', login: 'Sign in',
    notFound: 'This link is not valid or was already used. Ask the community you reported to for help.', expired: 'This link has expired. Ask the community you reported to for a new activation SMS.',
  },
};
