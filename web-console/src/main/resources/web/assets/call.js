// The resident's big button. Plain ES5 so that old phone browsers run it.
(function () {
  'use strict';
  var TEXT = {
    'zh-CN': { call: '呼叫', idle: '有事请按上面的大按钮，社区马上知道。', sending: '正在呼叫…',
      received: '已收到，正在通知楼长和网格员…', acknowledged: '{who}已响应，正在赶来', arrived: '{who}已到达',
      resolved: '已处理完毕。', cancelled: '呼叫已取消。', failed: '没有发出去，请再按一次，或直接打电话。',
      invalid: '这个链接已失效，请联系社区。', checkin: '平安打卡', checkedIn: '今天已打卡，谢谢！', other: 'English',
      roles: { building_head: '楼长', online_building_head: '网络楼长', unit_head: '单元长', grid_member: '网格员',
        grid_head: '网格长', community_duty: '社区值班员', community_secretary: '社区书记', street_command: '街道' } },
    en: { call: 'CALL', idle: 'Press the big button if you need help: your community will know at once.', sending: 'Calling…',
      received: 'Received. Your building head and grid member are being told…', acknowledged: '{who} is on the way',
      arrived: '{who} has arrived', resolved: 'Done.', cancelled: 'The call was cancelled.',
      failed: 'It did not go through. Please press again, or phone.', invalid: 'This link no longer works. Please call your community.',
      checkin: 'I am fine today', checkedIn: 'Checked in for today, thank you!', other: '中文', roles: {} }
  };
  var lang = (window.localStorage && localStorage.getItem('sanwang.lang')) || 'zh-CN';
  var base = location.pathname.replace(/\/+$/, '');
  var last = null;

  function t(k) { return TEXT[lang][k] || TEXT['zh-CN'][k]; }
  function $(id) { return document.getElementById(id); }
  function say(text, ok) { var s = $('state'); s.textContent = text; s.className = ok ? 'state ok' : 'state'; }

  function request(method, path, done) {
    var x = new XMLHttpRequest();
    x.open(method, base + path);
    x.onload = function () { var b = null; try { b = JSON.parse(x.responseText); } catch (e) {} done(x.status, b); };
    x.onerror = function () { done(0, null); };
    x.send();
  }

  function show(alert) {
    last = alert;
    if (!alert) { say(t('idle')); return; }
    var who = (TEXT['zh-CN'].roles[alert.byRole] && lang === 'zh-CN' ? TEXT['zh-CN'].roles[alert.byRole] : '') + (alert.by || '');
    var text = t(alert.state) || t('received');
    say(text.replace('{who}', who), alert.state === 'acknowledged' || alert.state === 'arrived' || alert.state === 'resolved');
  }

  function render() {
    document.documentElement.lang = lang;
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute('data-i18n'));
    $('lang').textContent = t('other');
    show(last);
  }

  function status() {
    request('GET', '/status', function (code, body) {
      if (code === 404) { say(t('invalid')); $('call').disabled = true; return; }
      if (code !== 200 || !body) return;
      $('who').textContent = body.name + ' · ' + body.address;
      $('checkin').hidden = !body.checkIn;
      show(body.alert);
    });
  }

  function listen() {
    if (!window.EventSource) { setInterval(status, 5000); return; }
    var es = new EventSource(base + '/events');
    es.addEventListener('alert', function (e) { show(JSON.parse(e.data)); });
    es.onerror = function () { setTimeout(status, 2000); };
  }

  document.addEventListener('DOMContentLoaded', function () {
    render();
    $('call').addEventListener('click', function () {
      say(t('sending'));
      request('POST', '/press', function (code, body) {
        if (code === 202 && body) show({ alertId: body.alertId, state: body.state === 'raised' ? 'received' : body.state });
        else if (code === 404) say(t('invalid'));
        else say(t('failed'));
      });
    });
    $('checkin').addEventListener('click', function () {
      request('POST', '/check-in', function (code) { if (code === 202 || code === 200) say(t('checkedIn'), true); else say(t('failed')); });
    });
    $('lang').addEventListener('click', function (e) {
      e.preventDefault();
      lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
      if (window.localStorage) localStorage.setItem('sanwang.lang', lang);
      render();
    });
    status();
    listen();
  });
})();
