// The "Talkdesk callback" tab on a process instance in Cockpit (plugin point cockpit.processInstance.runtime.tab).
// Plain JavaScript, no build step: Cockpit imports this module and calls render(node, {api, processInstanceId}).
// Everything shown is set as text, never as HTML. Writes carry Cockpit's CSRF header (X-XSRF-TOKEN).

const POLL_MS = 2000;
const POLLS_AFTER_ACTION = 10;
let timers = [];

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  });
  children.flat().forEach((child) => {
    if (child === null || child === undefined) return;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}

function cookie(name) {
  const found = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
}

async function call(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...options });
  } catch (e) {
    return { status: 0, body: { message: `the server could not be reached: ${e.message}` } };
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = { message: `HTTP ${response.status}` };
  }
  return { status: response.status, body };
}

function shownTime(times, key) {
  return times && times[key] ? times[key] : '–';
}

function assignment(details) {
  if (!details) return '–';
  const who = (details.assignees || []).join(', ');
  return details.assignType ? `${details.assignType}${who ? `: ${who}` : ''}` : who || '–';
}

function row(label, live, stored, testId) {
  return el('tr', {},
    el('th', {}, label),
    el('td', { 'data-testid': testId ? `${testId}-live` : null }, live ?? '–'),
    el('td', { 'data-testid': testId ? `${testId}-stored` : null }, stored ?? '–'));
}

function box(kind, text, testId) {
  return el('div', { class: `alert alert-${kind} tdcb-box`, 'data-testid': testId }, text);
}

export default {
  id: 'talkdesk-callback-tab',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 5,
  properties: { label: 'Talkdesk callback' },

  render(node, { api, processInstanceId }) {
    const base = `${api.cockpitApi}/plugin/talkdesk-callbacks/${api.engine}/follow-ups/${processInstanceId}`;
    const root = el('div', { class: 'tdcb-tab', 'data-testid': 'tdcb-tab' });
    node.appendChild(root);
    let notice = null;
    let view = null;

    function post(path, body) {
      return call(`${base}/${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-XSRF-TOKEN': cookie('XSRF-TOKEN') || api.CSRFToken,
        },
        body: JSON.stringify(body || {}),
      });
    }

    // one poll at a time: the next is planned only once the last answer came, so a slow Talkdesk never piles them up
    let polls = 0;
    let loading = null;
    function pollAfterAction() {
      timers.forEach(clearTimeout);
      timers = [];
      polls = POLLS_AFTER_ACTION;
      planPoll();
    }

    function planPoll() {
      if (polls <= 0) return;
      polls -= 1;
      timers.push(setTimeout(async () => {
        await load();
        planPoll();
      }, POLL_MS));
    }

    function showAnswer(answer) {
      const ok = answer.status >= 200 && answer.status < 300;
      const errors = (answer.body && answer.body.errors) || [];
      notice = el('div', { class: `alert alert-${ok ? 'success' : 'danger'} tdcb-box`, 'data-testid': 'tdcb-notice' },
        (answer.body && answer.body.message) || `HTTP ${answer.status}`,
        errors.length ? el('ul', {}, errors.map((e) => el('li', {}, `${e.field}: ${e.message}`))) : null);
      if (ok) pollAfterAction();
      draw();
    }

    function actions() {
      const allowed = view.actions || {};
      if (!allowed.mayUpdate) {
        return el('p', { class: 'text-muted', 'data-testid': 'tdcb-read-only' },
          'Rescheduling and cancelling need UPDATE on this process instance (or UPDATE_INSTANCE on its definition).');
      }
      const stored = view.stored && view.stored.scheduledTime;
      const time = el('input', { type: 'datetime-local', class: 'form-control', 'data-testid': 'tdcb-reschedule-time',
        value: stored && stored.local ? stored.local.substring(0, 16) : null, disabled: !allowed.reschedule });
      const zone = el('input', { type: 'text', class: 'form-control', 'data-testid': 'tdcb-reschedule-zone',
        value: allowed.timezone, placeholder: 'Europe/Lisbon', disabled: !allowed.reschedule });
      const reschedule = el('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'tdcb-reschedule',
        disabled: !allowed.reschedule }, 'Reschedule');
      reschedule.addEventListener('click', async () => {
        reschedule.disabled = true;
        showAnswer(await post('reschedule', { callbackTime: time.value, timezone: zone.value }));
      });
      const cancel = el('button', { type: 'button', class: 'btn btn-danger', 'data-testid': 'tdcb-cancel',
        disabled: !allowed.cancel }, 'Cancel callback');
      cancel.addEventListener('click', async () => {
        // eslint-disable-next-line no-alert
        if (!window.confirm('Cancel this follow-up\'s callback in Talkdesk?')) return;
        cancel.disabled = true;
        showAnswer(await post('cancellation'));
      });
      return el('div', { class: 'tdcb-actions' },
        el('h4', {}, 'Actions'),
        el('p', { class: 'text-muted' }, allowed.reschedule
          ? 'A new time in the customer\'s zone goes to the follow-up as the message CallbackRescheduleRequested; '
            + 'it is checked as the webhook checks it and "Update callback" moves the callback.'
          : 'Rescheduling is possible while the follow-up waits for its callback.'),
        el('div', { class: 'form-inline' },
          el('label', {}, 'New time ', time), ' ',
          el('label', {}, ' Zone ', zone), ' ', reschedule, ' ', cancel));
    }

    function history() {
      const rows = view.history || [];
      if (!rows.length) return el('p', { class: 'text-muted' }, 'No Talkdesk call recorded yet.');
      return el('table', { class: 'cam-table tdcb-history', 'data-testid': 'tdcb-history' },
        el('thead', {}, el('tr', {}, ['Time', 'Operation', 'Step', 'Status', 'Detail'].map((h) => el('th', {}, h)))),
        el('tbody', {}, rows.map((r) => el('tr', {},
          el('td', {}, r.timeShown), el('td', {}, r.operation), el('td', {}, r.step), el('td', {}, r.status),
          el('td', {}, r.detail || '')))));
    }

    function draw() {
      root.textContent = '';
      const refresh = el('button', { type: 'button', class: 'btn btn-default btn-sm', 'data-testid': 'tdcb-refresh' },
        'Refresh');
      refresh.addEventListener('click', load);
      root.appendChild(el('div', { class: 'tdcb-header' },
        el('strong', {}, `Ticket ${view.ticketId || '–'}`),
        view.callbackId ? ` · callback ${view.callbackId}` : '',
        view.phoneNumber ? ` · customer ${view.phoneNumber}` : '', ' ', refresh));
      if (notice) root.appendChild(notice);
      if (view.noCallback) root.appendChild(box('info', `No callback: ${view.noCallback}`, 'tdcb-no-callback'));
      if (view.liveError) {
        root.appendChild(box('warning', `${view.liveError}; showing what the follow-up stored.`, 'tdcb-live-error'));
      }
      const live = view.live || {};
      const stored = view.stored || {};
      if (live.fetchedAtShown) {
        root.appendChild(el('p', { class: 'tdcb-fetched' }, 'Talkdesk now: ',
          el('strong', { 'data-testid': 'tdcb-live-status' }, live.status || 'not listed'),
          ` (fetched ${live.fetchedAtShown}${live.cached ? ', cached' : ''})`,
          live.missing ? ` – ${live.missing}` : ''));
      }
      if (view.callbackId || view.stored.status) {
        root.appendChild(el('table', { class: 'cam-table tdcb-details' },
          el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', {}, 'Talkdesk now'), el('th', {}, 'Stored by the follow-up'))),
          el('tbody', {},
            row('Status', live.status, stored.status, 'tdcb-status'),
            row('Scheduled (customer\'s zone)', shownTime(live.scheduledTime, 'localShown'),
              shownTime(stored.scheduledTime, 'localShown'), 'tdcb-scheduled-local'),
            row('Scheduled (UTC)', shownTime(live.scheduledTime, 'utcShown'), shownTime(stored.scheduledTime, 'utcShown'),
              'tdcb-scheduled-utc'),
            row('Assignment', live.fetchedAt && live.status ? assignment(live) : null, assignment(stored)),
            row('Caller ID', live.callerId, stored.callerId),
            row('Notes', live.notes, stored.notes))));
      }
      if (view.windows && (view.windows.applied || view.windows.moved)) {
        const w = view.windows;
        const source = { GIVEN: 'as given', NUMBER: 'from the number', SAFE_WINDOW: 'safe window: every zone the number maps to' }[w.timezoneSource] || w.timezoneSource;
        root.appendChild(el('p', { 'data-testid': 'tdcb-windows' },
          `When we call: ${w.applied || 'any time'}${source ? ` (customer's zone ${source})` : ''}`));
        if (w.moved) {
          root.appendChild(box('info', `Time moved: ${w.movedReason}`, 'tdcb-moved'));
        }
      }
      if (view.rejection) {
        root.appendChild(box('danger', `Rejected (${view.rejection.code}): ${view.rejection.message}`, 'tdcb-rejection'));
      }
      if (view.outcome && view.outcome.code) {
        root.appendChild(el('p', {}, `Outcome check: ${view.outcome.code}${view.outcome.reason ? ` – ${view.outcome.reason}` : ''}`));
      }
      if (view.running) root.appendChild(actions());
      root.appendChild(el('h4', {}, 'Talkdesk calls of this follow-up'));
      root.appendChild(history());
    }

    function load() {
      if (!loading) loading = loadOnce().finally(() => { loading = null; });
      return loading;
    }

    async function loadOnce() {
      const answer = await call(base, { headers: { Accept: 'application/json' } });
      if (answer.status !== 200) {
        root.textContent = '';
        root.appendChild(box('danger', `The Talkdesk callback cannot be shown: ${answer.body.message}`, 'tdcb-error'));
        return;
      }
      view = answer.body;
      draw();
    }

    root.appendChild(el('p', { class: 'text-muted' }, 'Loading the Talkdesk callback…'));
    load();
  },

  unmount() {
    timers.forEach(clearTimeout);
    timers = [];
  },
};
