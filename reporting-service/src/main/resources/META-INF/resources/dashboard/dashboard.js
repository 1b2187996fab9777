/*
 * 联村联户 督查看板 (issue 5 point 5). Reads reporting-service's JSON API on the same origin and shows, for one
 * region and period: figures at a glance, coverage by child region, visits per month, open demands per child
 * region, overdue pairings, the assessment ranking of the child regions, units and their cadres, downloads.
 *
 * Every region name, child row and bar drills down: the URL changes (history.pushState, ?region=&from=&to=) and the
 * data is read again; the breadcrumb goes back up to 62. A village is a leaf ("无下级区域").
 *
 * Numbers are the API's figures, formatted for zh-CN (thousands separators; shares as % with one decimal; yuan with
 * two decimals). When all panels have settled, <body data-state="ready"> (the browser test waits for it).
 *
 * Access (issue 6): the API wants a JWT bearer token. The page takes it from the URL fragment (#token=<JWT>, which
 * never reaches a server or its logs) when it loads, keeps it in this tab's sessionStorage, removes it from the
 * address bar, and sends "Authorization: Bearer <JWT>" with every request, downloads included (fetched, then saved
 * from a blob). When the API answers 401 (no token, expired, wrongly signed) the page shows a small form to paste a
 * token (<body data-state="login">); a 403 (a role that may not read region reports) shows the reason with the form.
 */
'use strict';
(function () {
  const API = '/api/v1';
  const LEVEL_NAMES = {
    PROVINCE: '省', PREFECTURE: '市（州）', COUNTY: '县（市、区）', TOWNSHIP: '乡（镇、街道）', VILLAGE: '村（社区）'
  };
  const SHORT_LENGTH = { PROVINCE: 2, PREFECTURE: 4, COUNTY: 6, TOWNSHIP: 9, VILLAGE: 12 };
  const UNIT_LEVELS = { PROVINCE: '省级', PREFECTURE: '市级', COUNTY: '县级', TOWNSHIP: '乡级' };
  const CADRE_STATUS = { ACTIVE: '在岗', TRANSFERRED: '调离', RETIRED: '退休', LEFT: '离开' };
  const CODE = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
  const YUAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const PERCENT = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const TIME = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
  });

  const charts = {};
  let generation = 0;

  // ---------- token (issue 6) ----------
  const TOKEN_KEY = 'lianhu.dashboard.token';
  let memoryToken = '';

  function storeToken(t) {
    memoryToken = t;
    try { window.sessionStorage.setItem(TOKEN_KEY, t); } catch (e) { /* storage off: this page view only */ }
  }
  function token() {
    try { return window.sessionStorage.getItem(TOKEN_KEY) || memoryToken; } catch (e) { return memoryToken; }
  }
  /** #token=<JWT> in the fragment: stored for this tab, then removed from the address bar (and from history). */
  function takeTokenFromFragment() {
    const hash = window.location.hash;
    if (!hash || hash.length < 2) { return; }
    const fragment = new URLSearchParams(hash.substring(1));
    const t = fragment.get('token');
    if (t === null) { return; }
    if (t.trim()) { storeToken(t.trim()); }
    fragment.delete('token');
    const rest = fragment.toString();
    window.history.replaceState(window.history.state, '',
      window.location.pathname + window.location.search + (rest ? '#' + rest : ''));
  }
  /** Request headers with the bearer token when there is one. */
  function headers(accept) {
    const h = { Accept: accept };
    const t = token();
    if (t) { h.Authorization = 'Bearer ' + t; }
    return h;
  }
  function showLogin(reason) {
    $('login').hidden = false;
    setText('login-reason', reason);
    document.body.dataset.state = 'login';
    $('token-input').focus();
  }
  function loginReason(res) {
    if (res.status === 403) {
      const detail = res.body && res.body.detail;
      return '当前令牌无权查看区域报表' + (detail ? '（' + detail + '）' : '') + '，请粘贴其他访问令牌。';
    }
    return token() ? '访问令牌已过期或无效，请粘贴新的访问令牌。' : '查看督查看板需要访问令牌，请粘贴访问令牌。';
  }

  // ---------- formatting ----------
  function num(v) { return v === null || v === undefined ? '—' : NUMBER.format(v); }
  function yuan(v) { return v === null || v === undefined ? '—' : YUAN.format(Number(v)); }
  /** part / whole as a percentage, or — when whole is 0. */
  function share(part, whole) { return whole ? PERCENT.format(part / whole) : '—'; }
  function ratio(v) { return v === null || v === undefined ? '—' : PERCENT.format(Number(v)); }
  function asOfText(iso) { return iso ? '数据截至 ' + TIME.format(new Date(iso)) + '（北京时间）' : '数据截至 —（尚无事件）'; }

  /** The short form of a 12-digit code at its level (62, 6201, 620121, 620121100, 620121100201). */
  function shortCode(code, level) {
    const n = SHORT_LENGTH[level];
    return n ? code.substring(0, n) : code.replace(/(000000000|000000|000)$/, '');
  }

  // ---------- state in the URL ----------
  function readState() {
    const q = new URLSearchParams(window.location.search);
    const region = (q.get('region') || '62').trim();
    return { region: region, from: q.get('from') || '', to: q.get('to') || '' };
  }

  function url(state) {
    const q = new URLSearchParams();
    q.set('region', state.region);
    if (state.from) { q.set('from', state.from); }
    if (state.to) { q.set('to', state.to); }
    return window.location.pathname + '?' + q.toString();
  }

  function navigate(change) {
    const state = Object.assign(readState(), change);
    window.history.pushState(state, '', url(state));
    load();
  }

  function period(state) {
    const q = new URLSearchParams();
    if (state.from) { q.set('from', state.from); }
    if (state.to) { q.set('to', state.to); }
    const s = q.toString();
    return s ? '?' + s : '';
  }

  function monthPeriod(state) {
    const q = new URLSearchParams();
    if (state.from) { q.set('from', state.from.substring(0, 7)); }
    if (state.to) { q.set('to', state.to.substring(0, 7)); }
    const s = q.toString();
    return s ? '?' + s : '';
  }

  // ---------- DOM helpers ----------
  const $ = (id) => document.getElementById(id);
  function setText(id, text) { const e = $(id); if (e) { e.textContent = text; } }
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined) { return; }
      if (k === 'class') { e.className = v; } else if (k === 'text') { e.textContent = v; } else { e.setAttribute(k, v); }
    });
    (children || []).forEach((c) => e.append(c));
    return e;
  }
  function td(text, cls) { return el('td', { class: cls, text: text }); }
  function n(v) { return td(num(v), 'n'); }
  function regionLink(code, level, name) {
    const short = shortCode(code, level);
    const a = el('a', { href: url(Object.assign(readState(), { region: short })), 'data-region': short, text: name });
    return a;
  }
  function fill(tableId, rows) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren(...rows);
  }
  function showEmpty(id, empty) { $(id).hidden = !empty; }

  /** GET a JSON resource: {ok, status, body}; a network failure is status 0. */
  async function get(path) {
    try {
      const r = await fetch(API + path, { headers: headers('application/json') });
      let body = null;
      try { body = await r.json(); } catch (e) { body = null; }
      return { ok: r.ok, status: r.status, body: body, path: path };
    } catch (e) {
      return { ok: false, status: 0, body: null, path: path };
    }
  }

  function problem(res) {
    const detail = res.body && (res.body.detail || res.body.title);
    return (res.status ? 'HTTP ' + res.status : '网络错误') + (detail ? '：' + detail : '') + '（' + res.path + '）';
  }

  function chart(id) {
    if (typeof echarts === 'undefined') { return null; }
    if (!charts[id]) {
      charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
      charts[id].on('click', (p) => {
        const code = p.data && p.data.region;
        if (code) { navigate({ region: code }); }
      });
    }
    return charts[id];
  }
  function hideChart(id, hidden) {
    $(id).hidden = hidden;
    if (!hidden && charts[id]) { charts[id].resize(); }
  }

  // ---------- panels ----------
  function renderHead(region, visits, state) {
    setText('region-name', region.name);
    setText('region-level', LEVEL_NAMES[region.level] || region.level);
    setText('region-code', region.code);
    document.title = region.name + ' · 联村联户 督查看板';
    document.body.dataset.region = region.code;
    const asOf = $('as-of');
    asOf.textContent = asOfText(region.asOf);
    asOf.dataset.asOf = region.asOf || '';
    if (visits) {
      setText('period-shown', '统计期 ' + visits.from + ' 至 ' + visits.to);
      $('period-from').value = state.from || visits.from;
      $('period-to').value = state.to || visits.to;
    }
  }

  async function renderBreadcrumb(region) {
    const nav = $('breadcrumb');
    const depth = SHORT_LENGTH[region.level] || 12;
    const ancestors = [2, 4, 6, 9].filter((len) => len < depth).map((len) => region.code.substring(0, len));
    const found = await Promise.all(ancestors.map((code) => get('/regions/' + code + '/coverage')));
    const items = [];
    found.forEach((res) => {
      if (res.ok) {
        items.push(el('li', {}, [regionLink(res.body.code, res.body.level, res.body.name)]));
      }
    });
    items.push(el('li', { 'aria-current': 'page', text: region.name }));
    nav.replaceChildren(el('ol', {}, items));
  }

  function renderKpis(coverage, visits) {
    const t = coverage.targets;
    setText('kpi-households-to-cover', num(t.householdsToCover));
    setText('kpi-households-lifted', num(coverage.households.lifted));
    setText('kpi-households-covered', num(t.householdsCovered));
    setText('kpi-coverage-share', share(t.householdsCovered, t.householdsToCover));
    setText('kpi-households-without-cadre', num(t.householdsWithoutCadre));
    setText('kpi-active-pairings', num(t.activePairings));
    setText('kpi-villages-without-unit', num(t.poorVillagesWithoutUnit));
    setText('kpi-poor-villages', num(coverage.poorVillages));
    if (!visits) { return; }
    setText('kpi-visits', num(visits.visits.total));
    setText('kpi-in-person', num(visits.visits.inPerson));
    setText('kpi-help-yuan', yuan(visits.help.totalYuan));
    setText('kpi-people-benefiting', num(visits.help.peopleBenefiting));
    setText('kpi-demands-open', num(visits.demands.open));
    setText('kpi-demands-overdue', num(visits.demands.overdue));
    const c = visits.continuity;
    setText('kpi-visited-within-window', num(c.visitedWithinWindow));
    setText('kpi-continuity-share', share(c.visitedWithinWindow, c.activePairings));
    setText('kpi-overdue-pairings', num(c.overdue));
    setText('kpi-overdue-window', num(c.overdueDays));
  }

  function renderChildren(coverageChildren, visitChildren) {
    const children = coverageChildren.children || [];
    const visitsByCode = {};
    ((visitChildren && visitChildren.children) || []).forEach((v) => { visitsByCode[v.scope.id] = v; });
    setText('children-level', coverageChildren.childLevel ? '（' + LEVEL_NAMES[coverageChildren.childLevel] + '）' : '');
    showEmpty('children-empty', children.length === 0);
    showEmpty('demands-empty', children.length === 0);
    $('children-table').hidden = children.length === 0;
    fill('children-table', children.map((c) => {
      const v = visitsByCode[c.code];
      const t = c.targets;
      return el('tr', { 'data-code': c.code }, [
        td(c.code, 'code'), el('td', { class: 'name' }, [regionLink(c.code, c.level, c.name)]),
        n(c.poorVillages), n(t.householdsToCover), n(t.householdsCovered),
        td(share(t.householdsCovered, t.householdsToCover), 'n'), n(t.poorVillagesWithoutUnit),
        n(v ? v.visits.total : null), n(v ? v.demands.open : null), n(v ? v.continuity.overdue : null)
      ]);
    }));
    hideChart('chart-children', children.length === 0);
    hideChart('chart-demands', children.length === 0);
    if (children.length === 0) { return; }
    const names = children.map((c) => c.name);
    const data = (f) => children.map((c) => ({ value: f(c), region: shortCode(c.code, c.level) }));
    const rotate = children.length > 8 ? 40 : 0;
    const cc = chart('chart-children');
    if (cc) {
      cc.setOption({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 60, right: 20, top: 40, bottom: rotate ? 90 : 40 },
        xAxis: { type: 'category', data: names, axisLabel: { rotate: rotate, interval: 0 } },
        yAxis: { type: 'value', name: '户 / 村', minInterval: 1 },
        series: [
          { name: '应帮扶户', type: 'bar', data: data((c) => c.targets.householdsToCover) },
          { name: '已结对户', type: 'bar', data: data((c) => c.targets.householdsCovered) },
          { name: '无帮扶单位贫困村', type: 'bar', data: data((c) => c.targets.poorVillagesWithoutUnit) }
        ]
      }, true);
    }
    const dc = chart('chart-demands');
    if (dc) {
      const vdata = (f) => children.map((c) => {
        const v = visitsByCode[c.code];
        return { value: v ? f(v) : 0, region: shortCode(c.code, c.level) };
      });
      dc.setOption({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 60, right: 20, top: 40, bottom: rotate ? 90 : 40 },
        xAxis: { type: 'category', data: names, axisLabel: { rotate: rotate, interval: 0 } },
        yAxis: { type: 'value', name: '件', minInterval: 1 },
        series: [
          { name: '未办结诉求', type: 'bar', data: vdata((v) => v.demands.open) },
          { name: '已超期诉求', type: 'bar', data: vdata((v) => v.demands.overdue) },
          { name: '新增诉求', type: 'bar', data: vdata((v) => v.demands.opened) }
        ]
      }, true);
    }
  }

  function renderTrends(trends) {
    const months = trends.months || [];
    fill('trends-table', months.map((m) => el('tr', { 'data-month': m.month }, [
      td(m.month), n(m.visits), n(m.inPersonVisits), n(m.demandsOpened), n(m.demandsResolved),
      td(yuan(m.helpYuan), 'n'), n(m.lifted), n(m.relapsed), n(m.householdsCovered)
    ])));
    const c = chart('chart-trends');
    if (!c) { return; }
    c.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 80, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: [{ type: 'value', name: '次 / 件', minInterval: 1 }, { type: 'value', name: '元', position: 'right' }],
      series: [
        { name: '走访', type: 'bar', data: months.map((m) => m.visits) },
        { name: '入户/院落会', type: 'bar', data: months.map((m) => m.inPersonVisits) },
        { name: '新增诉求', type: 'line', data: months.map((m) => m.demandsOpened) },
        { name: '办结诉求', type: 'line', data: months.map((m) => m.demandsResolved) },
        { name: '帮扶资金（元）', type: 'line', yAxisIndex: 1, data: months.map((m) => Number(m.helpYuan)) }
      ]
    }, true);
  }

  function renderOverdue(page) {
    setText('overdue-total', num(page.total));
    showEmpty('overdue-empty', page.items.length === 0);
    $('overdue-table').hidden = page.items.length === 0;
    fill('overdue-table', page.items.map((p) => el('tr', { 'data-pairing': p.pairingId }, [
      td(p.cadreName), td(p.unitName), td(p.householdHead),
      el('td', {}, [regionLink(p.villageCode, 'VILLAGE', p.villageCode)]),
      td(p.startedOn), td(p.lastInPersonOn || '从未入户'), n(p.daysSinceLastVisit), n(p.windowDays)
    ])));
  }

  function renderAssessment(res) {
    const items = res.ok && res.body && Array.isArray(res.body.items) ? res.body.items : [];
    const empty = items.length === 0;
    showEmpty('assessment-empty', empty);
    $('assessment-table').hidden = empty;
    $('assessment-empty').textContent = res.ok ? '暂无（无下级区域考核数据）' : '暂无（' + problem(res) + '）';
    $('assessment-empty').title = res.ok ? 'no ranking' : 'assessment not available: ' + problem(res);
    const scored = items.filter((i) => i.score !== null && i.score !== undefined);
    // one bar per scored child region, 32 px each
    $('chart-assessment').style.height = Math.max(160, Math.min(600, 60 + 32 * scored.length)) + 'px';
    hideChart('chart-assessment', scored.length === 0);
    const chartOf = scored.length === 0 ? null : chart('chart-assessment');
    if (chartOf) {
      chartOf.setOption({
        tooltip: { trigger: 'axis' },
        grid: { left: 100, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', name: '分', min: 0, max: 100 },
        yAxis: { type: 'category', inverse: true, data: scored.map((i) => i.subject.name) },
        series: [{
          name: '得分', type: 'bar', barMaxWidth: 24, label: { show: true, position: 'right' },
          data: scored.map((i) => ({
            value: Number(i.score),
            region: CODE.test(String(i.subject.id)) ? shortCode(String(i.subject.id).padEnd(12, '0'), res.body.level) : null
          }))
        }]
      }, true);
    }
    const part = (p, k) => ratio(p && p[k] ? p[k].value : null);
    fill('assessment-table', items.map((i) => {
      const s = i.subject || {};
      const code = String(s.id || '');
      const name = CODE.test(code) ? el('td', {}, [regionLink(code.padEnd(12, '0'), res.body.level, s.name)])
        : td(s.name);
      const p = i.parts || {};
      return el('tr', { 'data-code': code }, [
        n(i.rank), name, td(i.score === null || i.score === undefined ? '—' : Number(i.score).toFixed(1), 'n score'),
        td(part(p, 'coverage'), 'n'), td(part(p, 'continuity'), 'n'), td(part(p, 'tasks'), 'n'),
        td(part(p, 'demandsOnTime'), 'n'), td(part(p, 'lifted'), 'n'), td(part(p, 'noRelapse'), 'n')
      ]);
    }));
  }

  function renderUnits(page, state) {
    setText('units-total', num(page.total));
    showEmpty('units-empty', page.items.length === 0);
    $('units-table').hidden = page.items.length === 0;
    $('cadres').hidden = true;
    fill('units-table', page.items.map((u) => {
      const a = el('a', { href: '#cadres', 'data-unit': u.id, text: u.name });
      a.addEventListener('click', (e) => { e.preventDefault(); loadCadres(u, state); });
      return el('tr', { 'data-unit': u.id }, [
        el('td', {}, [a]), td(UNIT_LEVELS[u.level] || u.level), td(u.regionName), n(u.requiredVillages),
        n(u.linkedVillages), n(u.cadres), n(u.cadresBelowMinimum), n(u.activePairings),
        n(u.visits ? u.visits.visits.total : null)
      ]);
    }));
  }

  async function loadCadres(unit, state) {
    const res = await get('/units/' + unit.id + '/cadres' + period(state) + (period(state) ? '&' : '?') + 'size=100');
    if (res.status === 401) { showLogin(loginReason(res)); return; }
    $('cadres').hidden = false;
    setText('cadres-unit', unit.name);
    if (!res.ok) {
      fill('cadres-table', [el('tr', {}, [el('td', { colspan: '7', text: problem(res) })])]);
      return;
    }
    fill('cadres-table', res.body.items.map((c) => el('tr', { 'data-cadre': c.id }, [
      td(c.name), td(c.rank), td(CADRE_STATUS[c.status] || c.status), n(c.minimumHouseholds), n(c.activePairings),
      n(c.visits ? c.visits.visits.total : null), n(c.visits ? c.visits.continuity.visitedWithinWindow : null)
    ])));
  }

  function renderDownloads(code, state) {
    const p = period(state);
    const links = [
      ['覆盖情况', '/regions/' + code + '/coverage'],
      ['走访与诉求', '/regions/' + code + '/visits' + p],
      ['超期未走访结对', '/regions/' + code + '/overdue-pairings'],
      ['未结对户', '/regions/' + code + '/uncovered/households-without-cadre'],
      ['无帮扶单位贫困村', '/regions/' + code + '/uncovered/villages-without-unit'],
      ['未达要求单位', '/regions/' + code + '/uncovered/units-below-required'],
      ['未达最低户数干部', '/regions/' + code + '/uncovered/cadres-below-minimum']
    ];
    const sep = (path) => (path.indexOf('?') >= 0 ? '&' : '?');
    $('downloads').replaceChildren(...links.map(([label, path]) => el('li', {}, [
      el('span', { text: label }), ' ',
      el('a', { href: API + path + sep(path) + 'format=csv&headers=zh', download: '', text: 'CSV' }), ' ',
      el('a', { href: API + path + sep(path) + 'format=xlsx&headers=zh', download: '', text: 'XLSX' })
    ])));
  }

  /** A download link: fetched with the token, saved under the server's file name. */
  async function download(a) {
    let r;
    try {
      r = await fetch(a.href, { headers: headers('*/*') });
    } catch (e) {
      fail('网络错误（' + a.getAttribute('href') + '）');
      return;
    }
    if (!r.ok) {
      let body = null;
      try { body = await r.json(); } catch (e) { body = null; }
      const res = { ok: false, status: r.status, body: body, path: a.getAttribute('href') };
      if (r.status === 401) { showLogin(loginReason(res)); } else { fail(problem(res)); }
      return;
    }
    const blob = await r.blob();
    const name = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') || '');
    const save = el('a', { href: URL.createObjectURL(blob), download: name ? name[1] : 'lianhu-export' });
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(save.href), 60000);
  }

  function clearPanels() {
    ['children-table', 'trends-table', 'overdue-table', 'assessment-table', 'units-table'].forEach((t) => fill(t, []));
    document.querySelectorAll('.kpi .value, .kpi .sub span').forEach((e) => { e.textContent = '—'; });
  }

  function fail(message) {
    const e = $('error');
    e.hidden = false;
    e.textContent = message;
  }

  // ---------- load ----------
  async function load() {
    const mine = ++generation;
    const state = readState();
    document.body.dataset.state = 'loading';
    $('error').hidden = true;
    clearPanels();
    if (!CODE.test(state.region)) {
      fail('区域代码应为 2、4、6、9 或 12 位数字：' + state.region);
      document.body.dataset.state = 'error';
      return;
    }
    if ((state.from && !DATE.test(state.from)) || (state.to && !DATE.test(state.to))) {
      fail('日期格式应为 yyyy-MM-dd');
      document.body.dataset.state = 'error';
      return;
    }
    $('login').hidden = true;
    const code = state.region;
    const p = period(state);
    const [coverage, visits, trends, overdue, assessment, units] = await Promise.all([
      get('/regions/' + code + '/children/coverage'),
      get('/regions/' + code + '/children/visits' + p),
      get('/regions/' + code + '/trends' + monthPeriod(state)),
      get('/regions/' + code + '/overdue-pairings?size=20'),
      get('/assessment/regions/' + code + '/children' + p),
      get('/regions/' + code + '/units' + p + (p ? '&' : '?') + 'size=20')
    ]);
    if (mine !== generation) { return; }
    const refused = [coverage, visits, trends, overdue, assessment, units].find((r) => r.status === 401)
      || (coverage.status === 403 ? coverage : null);
    if (refused) {
      showLogin(loginReason(refused));
      return;
    }
    if (!coverage.ok) {
      fail(coverage.status === 404 ? '未找到区域 ' + code + '（reporting 尚未收到该区域）' : problem(coverage));
      document.body.dataset.state = 'error';
      return;
    }
    const errors = [];
    const region = coverage.body.region;
    region.asOf = coverage.body.asOf;
    renderHead(region, visits.ok ? visits.body.region : null, state);
    renderKpis(region, visits.ok ? visits.body.region : null);
    renderChildren(coverage.body, visits.ok ? visits.body : null);
    renderDownloads(shortCode(region.code, region.level), state);
    [visits, trends, overdue, units, assessment].filter((r) => !r.ok).forEach((r) => errors.push(problem(r)));
    if (trends.ok) { renderTrends(trends.body); }
    if (overdue.ok) { renderOverdue(overdue.body); }
    if (units.ok) { renderUnits(units.body, state); }
    renderAssessment(assessment);
    await renderBreadcrumb(region);
    if (mine !== generation) { return; }
    if (errors.length) { fail(errors.join('；')); }
    document.body.dataset.state = errors.length ? 'partial' : 'ready';
  }

  // ---------- events ----------
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-region]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) { return; }
    e.preventDefault();
    navigate({ region: a.dataset.region });
  });
  $('period-form').addEventListener('submit', (e) => {
    e.preventDefault();
    navigate({ from: $('period-from').value, to: $('period-to').value });
  });
  $('downloads').addEventListener('click', (e) => {
    const a = e.target.closest('a[download]');
    if (!a) { return; }
    e.preventDefault();
    download(a);
  });
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const t = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
    if (!t) { return; }
    storeToken(t);
    $('token-input').value = '';
    load();
  });
  window.addEventListener('popstate', load);
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  takeTokenFromFragment();
  load();
}());
