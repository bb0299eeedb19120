// The kiosk (/kiosk/<token>): a shared tablet on which attendees without a phone vote in turn.
// The code comes from the on-screen keypad of the card's 32 symbols, or from a USB or Bluetooth
// barcode scanner, which types like a keyboard (a printed card's QR holds the voting URL, whose
// fragment is the code); the ballot is the phone's (ballot-session.js). After each voter — the
// receipt read, a refusal, or nobody touching the screen for a while — the page loads itself
// afresh with location.replace: nothing of the voter stays in memory, storage (none is ever
// written), history (no entry is ever added) or cache (the page is no-store).
import jsQR from 'jsqr';
import { ALIASES, ALPHABET, CardError, parseCode } from '../card-code.js';
import { ApiFailure, call } from './api.js';
import { ballotSession } from './ballot-session.js';
import { codeTypo, typoNear } from './code-typo.js';
import { fill, pageStrings } from './strings.js';

const root = document.getElementById('vote');
const strings = pageStrings();
const labels = JSON.parse(document.getElementById('ballot-labels').textContent);
const $ = (id) => document.getElementById(id);
const IDLE_MS = Number(root.dataset.idleSeconds) * 1000;
const RECEIPT_SECONDS = Number(root.dataset.receiptSeconds);
const renderedPhase = $('kiosk-phase').dataset.phase;
const token = window.location.pathname.split('/').pop();

let typed = ''; // the code as typed on the keypad, a keyboard or a scanner: symbols only
let screen = 'code';
let idleTimer;

/** Load the kiosk afresh for the next voter: the only way its memory is ever emptied. */
function forgetAll() {
  window.location.replace(window.location.pathname);
}

function restartIdle() {
  clearTimeout(idleTimer);
  // A ballot being sent is never abandoned: it is delivered (or refused) first.
  if (screen === 'sending') return;
  if (screen === 'code' && !typed) return;
  idleTimer = setTimeout(forgetAll, IDLE_MS);
}

function nextVoterIn(seconds) {
  $('kiosk-next').hidden = false;
  let left = seconds;
  const tick = () => {
    $('clears-in').textContent = fill(strings['kiosk.clears_in'], { n: left });
    if (left-- <= 0) forgetAll();
  };
  tick();
  setInterval(tick, 1000);
}

const session = ballotSession(root, strings, labels, {
  retryAfterMs: 3000,
  onShow: (name) => {
    screen = name;
    $('lang').hidden = name !== 'code'; // a voter changes the language before, never during
    if (name === 'receipt' || name === 'refused') nextVoterIn(RECEIPT_SECONDS);
    restartIdle();
  },
  onPhase: (state) => {
    const badge = $('kiosk-phase');
    badge.dataset.phase = state.phase;
    badge.textContent = strings[`phase.${state.phase}`] ?? state.phase;
    // The ballot's names were read when the page loaded; a kiosk opened during set-up reloads
    // (while nobody is at it) so that it shows the ballot as it was fixed.
    if (renderedPhase === 'setup' && state.phase !== 'setup' && screen === 'code' && !typed) forgetAll();
  },
});

/** The code as typed, in groups of 4; the groups a typo was placed in (`suspect`, characters
 * counted from 1) marked, until the voter types again. */
function drawCode(suspect) {
  const groups = typed.match(/.{1,4}/g) ?? [];
  $('kiosk-code').replaceChildren(
    ...groups.flatMap((group, index) => {
      const first = index * 4 + 1;
      if (!suspect || first < suspect.from || first > suspect.to) return index ? ['-', group] : [group];
      const marked = document.createElement('mark');
      marked.className = 'suspect';
      marked.textContent = group;
      return index ? ['-', marked] : [marked];
    }),
  );
  if (!suspect) $('code-error').hidden = true;
}

function type(symbol) {
  if (typed.length < 27) typed += symbol;
  drawCode();
}

/** Whether the organiser still lets this tablet serve (a link revoked after the page loaded). A
 * lost connection is not a revocation: the ballot session says the tablet is offline. */
async function registered() {
  try {
    await call(root.dataset.conference, '', { authorization: `Device ${token}` });
    return true;
  } catch (error) {
    return !(error instanceof ApiFailure && error.status === 401);
  }
}

function sayTypo({ key, values }) {
  $('code-error').textContent = `${strings['kiosk.mistyped']} ${fill(strings[key], values)}`;
  $('code-error').hidden = false;
}

/** Begin a voter's ballot with `text`: the code, or a card's URL (from the camera). */
function submit(text) {
  const code = text.slice(text.indexOf('#') + 1);
  try {
    parseCode(code);
  } catch (error) {
    if (!(error instanceof CardError)) throw error;
    sayTypo(codeTypo(code));
    // Then, if the conference's cards place the typo, the group to compare (unless the voter
    // has typed on meanwhile).
    const shown = typed;
    const cardKeys = async () => (await call(root.dataset.conference, '/cards/keys')).keys;
    typoNear(code, root.dataset.conference, cardKeys, session.ask)
      .then((near) => {
        if (!near || typed !== shown || $('code-error').hidden) return;
        sayTypo(near);
        drawCode(near.values);
      })
      .catch(() => {}); // unplaced: the words already shown stand
    return;
  }
  typed = '';
  drawCode();
  session.start(code);
  // A revoked kiosk takes no further voter: reloaded, it shows the refusal instead of a keypad.
  registered().then((live) => live || forgetAll());
}

for (const key of $('keypad').querySelectorAll('[data-key]')) {
  key.addEventListener('click', () => type(key.dataset.key));
}
$('backspace').addEventListener('click', () => {
  typed = typed.slice(0, -1);
  drawCode();
});
$('clear').addEventListener('click', () => {
  typed = '';
  drawCode();
});
$('go').addEventListener('click', () => submit(typed));
$('next-voter').addEventListener('click', forgetAll);

// A scanner types a printed card's QR content — the voting URL, whose fragment is the code — and
// Enter; a person at a keyboard types the code and Enter. What came before a '#' was the card's
// address, not its code.
document.addEventListener('keydown', (event) => {
  if (screen !== 'code' || event.ctrlKey || event.altKey || event.metaKey) return;
  if (event.key === 'Enter') {
    event.preventDefault(); // nor does Enter press the keypad button last tapped
    submit(typed);
    return;
  }
  if (event.key === 'Backspace') {
    typed = typed.slice(0, -1);
    drawCode();
    return;
  }
  if (event.key.length !== 1) return;
  event.preventDefault();
  if (event.key === '#') {
    typed = '';
    drawCode();
    return;
  }
  const symbol = event.key.toUpperCase();
  const meant = ALIASES[symbol] ?? symbol; // a typed O is the card's 0, an I or L its 1
  if (ALPHABET.includes(meant)) type(meant);
});

// Another language for this voter replaces the page (no history entry); the next voter's page,
// loaded without it, is Vietnamese again.
$('lang').addEventListener('click', (event) => {
  event.preventDefault();
  window.location.replace($('lang').href);
});

for (const kind of ['pointerdown', 'keydown']) document.addEventListener(kind, restartIdle);
// Never show a voter's page from the back-forward cache.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) forgetAll();
});

$('fullscreen').addEventListener('click', () => document.documentElement.requestFullscreen?.());
document.addEventListener('fullscreenchange', () => ($('fullscreen').hidden = Boolean(document.fullscreenElement)));

// --- the camera: only where the browser allows it (a secure context, docs/kiosk.md) ----------

async function scanWithCamera() {
  const video = $('camera-view');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const stop = () => {
    for (const track of stream.getTracks()) track.stop();
    video.hidden = true;
  };
  const look = () => {
    if (screen !== 'code') return stop();
    if (video.videoWidth) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const found = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
      if (found?.data.includes('#')) {
        stop();
        submit(found.data);
        return;
      }
    }
    requestAnimationFrame(look);
  };
  look();
}

if (window.isSecureContext && navigator.mediaDevices?.getUserMedia) {
  $('camera').hidden = false;
  $('camera-start').addEventListener('click', () => scanWithCamera().catch(() => ($('camera').hidden = true)));
}

history.replaceState(null, '', window.location.pathname);
session.listen();
session.show('code');
