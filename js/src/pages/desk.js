// The check-in desk: search the roster as you type (with or without diacritics), mark present
// with one tap, undo with a reason, and the log of every change; after each check-in, the next
// voting card (dealing.js). Calls the JSON API with the device link's token; follows the room so
// every desk sees the others' check-ins at once.
import { Dealer } from './dealing.js';
import { matches } from './fold.js';
import { follow } from './live.js';
import { showOnline, showQuorum } from './quorum-view.js';
import { errorMessage, fill, pageStrings } from './strings.js';

const desk = document.getElementById('desk');
const quorum = desk.querySelector('[data-quorum]');
const search = document.getElementById('search');
const list = document.getElementById('people');
const nothing = document.getElementById('nothing');
const failure = document.getElementById('failure');
const closed = document.getElementById('closed');
const log = document.getElementById('log');
const undoPanel = document.getElementById('undo');
const undoReason = document.getElementById('undo-reason');
const strings = pageStrings();
const { conference, token } = desk.dataset;
const SHOWN = 60; // rows drawn at once: a phone stays quick on a large roster

let roster = [];
let phase = desk.dataset.phase;
let undoing = null;
let convened = Number(desk.dataset.convened);

async function api(path, options = {}) {
  const headers = { Authorization: `Device ${token}` };
  if (options.json) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/conferences/${conference}${path}`, {
    method: options.method || 'GET',
    headers,
    body: options.json ? JSON.stringify(options.json) : undefined,
    cache: 'no-store',
  });
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(errorMessage(body) || response.statusText);
  return body;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showRoster() {
  const open = phase === 'checkin';
  const found = roster.filter((a) => matches(search.value, a.full_name, a.ref || ''));
  const shown = found.slice(0, SHOWN);
  nothing.hidden = found.length > 0;
  // Redraw only what changed: a refresh that brings nothing new must not swap the buttons
  // under the clerk's finger.
  const drawn = JSON.stringify([open, shown.map((a) => [a.id, a.present])]);
  if (drawn === list.dataset.drawn) return;
  list.dataset.drawn = drawn;
  list.replaceChildren(
    ...shown.map((attendee) => {
      const row = element('li', attendee.present ? 'person present' : 'person');
      row.dataset.attendee = attendee.id;
      const who = element('div', 'who');
      who.append(element('span', 'name', attendee.full_name));
      who.append(element('span', 'post', [attendee.post, attendee.unit].filter(Boolean).join(' · ')));
      row.append(who);
      const actions = element('div', 'actions');
      if (attendee.present) {
        actions.append(element('span', 'marked', `✓ ${strings['desk.marked']}`));
        const undo = element('button', 'undo-button small', strings['desk.undo']);
        undo.type = 'button';
        undo.disabled = !open;
        undo.addEventListener('click', () => askUndo(attendee));
        actions.append(undo);
      } else {
        const mark = element('button', 'mark primary', strings['desk.mark']);
        mark.type = 'button';
        mark.disabled = !open;
        mark.addEventListener('click', async () => {
          mark.disabled = true; // a double tap must not deal two cards
          if (await act(() => api(`/attendees/${attendee.id}/check-in`, { method: 'POST' }))) dealCard(false);
          else mark.disabled = false;
        });
        actions.append(mark);
      }
      row.append(actions);
      return row;
    }),
  );
}

function showLog(events) {
  const changes = events.filter((e) => e.kind === 'checkin' || e.kind === 'checkin.undone').reverse();
  log.replaceChildren(
    ...changes.map((event) => {
      const time = new Date(event.at).toLocaleTimeString();
      const what = event.kind === 'checkin'
        ? strings['desk.log.checkin']
        : fill(strings['desk.log.undone'], { reason: event.data.reason });
      const item = element('li', event.kind === 'checkin' ? 'log-checkin' : 'log-undone');
      item.append(element('time', '', time), ` ${event.data.full_name} — ${what}`);
      return item;
    }),
  );
}

function showPhase() {
  const open = phase === 'checkin';
  closed.hidden = open;
  closed.textContent = fill(strings['desk.closed'], { phase: strings[`phase.${phase}`] || phase });
  desk.dataset.phase = phase;
}

let changes = 0; // roster changes made here: a roster read from before one of them is stale

async function refresh() {
  const before = changes;
  const [{ attendees }, { events }] = await Promise.all([api('/roster'), api('/events')]);
  // Read while this desk checked someone in: it may predate that check-in, and showing it
  // would offer the same attendee again (and a second card).
  if (changes !== before) return refresh();
  roster = attendees;
  showRoster();
  showLog(events);
}

/** Run one roster change; true when it was done. */
async function act(call) {
  failure.hidden = true;
  try {
    const changed = await call();
    changes += 1;
    roster = roster.map((a) => (a.id === changed.id ? changed : a));
    showRoster();
    search.select();
    return true;
  } catch (error) {
    showFailure(error);
    return false;
  }
}

function showFailure(error) {
  failure.textContent = fill(strings['desk.failed'], { message: error.message });
  failure.hidden = false;
}

// --- voting cards --------------------------------------------------------------------------

const dealer = new Dealer(conference, api, desk.dataset.voteUrl);
const cardPanel = document.getElementById('card');
const cardTools = document.getElementById('card-tools');

function showCardTools() {
  const open = phase === 'checkin';
  cardTools.hidden = !open;
  document.getElementById('cards-left').textContent = fill(strings['desk.cards.left'], { n: dealer.left });
  document.getElementById('undealt-sent').hidden = !dealer.undealtSent;
  cardTools.dataset.left = String(dealer.left);
  cardTools.dataset.undealtSent = String(dealer.undealtSent);
}

/** Show the next card, large, for the attendee just checked in (or a lost card's replacement). */
async function dealCard(replacement) {
  try {
    const card = await dealer.deal(convened, replacement);
    document.getElementById('card-qr').innerHTML = card.qr; // qrcode-generator's own SVG markup
    document.getElementById('card-code').textContent = card.display;
    document.getElementById('card-replacement').hidden = !replacement;
    cardPanel.dataset.url = card.url;
    cardPanel.hidden = false;
    document.getElementById('card-done').focus();
  } catch (error) {
    showFailure(error);
  }
  showCardTools();
}

// A printer plugged into the desk's tablet prints the card (QR and code) on a slip: only the
// card panel is printed (pages.css), and the slip goes to the attendee like the screen would.
document.getElementById('card-print').addEventListener('click', () => window.print());
document.getElementById('card-done').addEventListener('click', () => {
  cardPanel.hidden = true;
  delete cardPanel.dataset.url;
  document.getElementById('card-qr').replaceChildren();
  document.getElementById('card-code').textContent = '';
  search.select();
});
/** An action that cannot be taken back runs only once the clerk confirms what it does. */
function askFirst(key, action) {
  const panel = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = strings[key];
  panel.hidden = false;
  document.getElementById('confirm-yes').onclick = () => {
    panel.hidden = true;
    action();
  };
  document.getElementById('confirm-no').onclick = () => {
    panel.hidden = true;
  };
  document.getElementById('confirm-yes').focus();
}

document.getElementById('replace').addEventListener('click', () => askFirst('desk.confirm.replace', () => dealCard(true)));
document.getElementById('return-undealt').addEventListener('click', () =>
  askFirst('desk.confirm.return', async () => {
    failure.hidden = true;
    try {
      await dealer.returnUndealt();
    } catch (error) {
      showFailure(error);
    }
    showCardTools();
  }),
);

function askUndo(attendee) {
  undoing = attendee;
  document.getElementById('undo-name').textContent = attendee.full_name;
  // This desk shows a card after each check-in once it holds cards: it was given, most likely.
  document.getElementById('undo-card').checked = !cardTools.hidden;
  undoPanel.hidden = false;
  undoReason.select();
}

document.getElementById('undo-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const attendee = undoing;
  undoPanel.hidden = true;
  const reason = undoReason.value;
  const cardGiven = document.getElementById('undo-card').checked;
  act(async () => {
    // The card shown to them left the desk: it stays counted as dealt, with the same reason.
    if (cardGiven) await api('/cards/undo', { method: 'POST', json: { reason } });
    return api(`/attendees/${attendee.id}/undo`, { method: 'POST', json: { reason } });
  });
});
document.getElementById('undo-cancel').addEventListener('click', () => {
  undoPanel.hidden = true;
});
search.addEventListener('input', showRoster);

let pending = null;
follow(conference, {
  onState: (state) => {
    showQuorum(quorum, state, strings);
    phase = state.phase;
    convened = state.convened;
    showPhase();
    if (!['setup', 'checkin'].includes(phase) && dealer.pool) dealer.forget().then(showCardTools);
    else showCardTools();
    // Another desk's change, or ours: fetch the roster and the log once per burst of states.
    clearTimeout(pending);
    pending = setTimeout(() => refresh().catch(() => {}), 150);
  },
  onOnline: (online) => showOnline(quorum, online),
});
showPhase();
// A pool kept from before the opening is forgotten as soon as the page learns voting is open.
dealer
  .load()
  .then(() => (['setup', 'checkin'].includes(phase) ? undefined : dealer.forget()))
  .then(showCardTools, showFailure);
refresh().catch((error) => {
  failure.textContent = fill(strings['desk.failed'], { message: error.message });
  failure.hidden = false;
});
