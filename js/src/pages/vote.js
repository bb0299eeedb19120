// The voter's page (/vote): the card's code read from the address fragment (or typed), then
// wait for the opening, fill the ballot one position at a time within each quota, review,
// build, prove and sign in the Web Worker, post, and show the receipt only after the server
// answered 201. Nothing here sets a cookie; the code stays in sessionStorage until the receipt.
import { forgetCard, keepCardCode, takeCardCode } from '../voter.js';
import { CardError } from '../card-code.js';
import { WorkerClient } from '../worker-client.js';
import { ApiFailure, call } from './api.js';
import { Choices } from './choices.js';
import { inAppBrowser } from './in-app.js';
import { follow } from './live.js';
import { shortReceipt } from './receipt.js';
import { fill, pageStrings } from './strings.js';

const root = document.getElementById('vote');
const { conference, workerUrl } = root.dataset;
const labels = JSON.parse(document.getElementById('ballot-labels').textContent);
const strings = pageStrings();
const RECEIPT_KEY = `voting.receipt:${conference}`;
// Refusals that end this card's use: after them the code is forgotten.
const CARD_REFUSALS = new Set(['card_used', 'card_voided', 'card_unknown', 'wrong_conference', 'vote_aborted']);

let code;
let opening; // {fingerprint, definition, joint_key} once voting is open
let preparing = false;
let choices;
let position = 0;
let screen = '';
let worker;

const $ = (id) => document.getElementById(id);

function show(name) {
  screen = name;
  for (const section of root.querySelectorAll('[data-screen]')) section.hidden = section.dataset.screen !== name;
  root.dataset.showing = name;
  window.scrollTo(0, 0);
}

function refuse(codeName, fallback) {
  $('refused-text').textContent = strings[`vote.refused.${codeName}`] || fallback || strings['vote.refused.other'];
  if (CARD_REFUSALS.has(codeName)) forgetCard();
  root.dataset.refused = codeName;
  show('refused');
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function labelsOf(sectionId) {
  return labels.sections.find((section) => section.id === sectionId);
}

function candidateLabel(sectionId, candidateId) {
  return labelsOf(sectionId).candidates.find((candidate) => candidate.id === candidateId);
}

// --- filling the ballot, one position per screen ---------------------------------------------

function drawSection() {
  const section = choices.sections[position];
  const named = labelsOf(section.id);
  $('section-progress').textContent = fill(strings['vote.progress'], { n: position + 1, of: choices.sections.length });
  $('section-title').textContent = named.position;
  $('quota-line').textContent = fill(strings['vote.quota'], { k: section.quota, n: choices.count(section.id) });
  $('quota-refused').hidden = true;
  $('candidates').replaceChildren(
    ...section.candidates.map((candidateId) => {
      const who = candidateLabel(section.id, candidateId);
      const item = element('li');
      const button = element('button', choices.isMarked(section.id, candidateId) ? 'candidate marked' : 'candidate');
      button.type = 'button';
      button.setAttribute('role', 'checkbox');
      button.setAttribute('aria-checked', String(choices.isMarked(section.id, candidateId)));
      button.dataset.candidate = candidateId;
      button.append(element('span', 'box', choices.isMarked(section.id, candidateId) ? '✓' : ''));
      const text = element('span', 'who');
      text.append(element('span', 'name', who.full_name), element('span', 'post', [who.post, who.unit].filter(Boolean).join(' · ')));
      button.append(text);
      button.addEventListener('click', () => {
        if (!choices.toggle(section.id, candidateId)) {
          $('quota-refused').textContent = fill(strings['vote.quota.full'], { k: section.quota });
          $('quota-refused').hidden = false;
          return;
        }
        drawSection();
      });
      item.append(button);
      return item;
    }),
  );
  $('prev').hidden = position === 0;
  $('next').textContent = position === choices.sections.length - 1 ? strings['vote.review'] : strings['vote.next'];
}

function drawReview() {
  const marked = choices.toJSON();
  $('review').replaceChildren(
    ...choices.sections.map((section) => {
      const block = element('section', 'review-section');
      block.append(element('h2', '', labelsOf(section.id).position));
      const names = marked[section.id].map((id) => candidateLabel(section.id, id).full_name);
      if (names.length === 0) block.append(element('p', 'none', strings['vote.review.none']));
      else {
        const list = element('ol');
        list.append(...names.map((name) => element('li', '', name)));
        block.append(list);
      }
      return block;
    }),
  );
  show('review');
}

// --- building and casting ----------------------------------------------------------------------

async function send() {
  show('sending');
  worker ??= new WorkerClient(workerUrl);
  let built;
  try {
    built = await worker.request({
      type: 'build',
      conferenceId: conference,
      fingerprint: opening.fingerprint,
      definition: opening.definition,
      jointKey: opening.joint_key,
      cardCode: code,
      choices: choices.toJSON(),
    });
  } catch (error) {
    refuse('build', fill(strings['vote.refused.build'], { message: error.message }));
    return;
  }
  await cast(built);
}

async function cast(built) {
  try {
    await call(conference, '/ballots', { method: 'POST', json: built.ballot });
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'card_used' && (await onList(built.receipt))) {
      receipted(built.receipt); // an earlier try of this very ballot was stored: its answer was lost
      return;
    }
    if (error instanceof ApiFailure) {
      refuse(error.code, error.message);
      return;
    }
    // No answer at all (Wi-Fi dropped): the same signed ballot may be sent again.
    $('retry').hidden = false;
    $('retry').onclick = () => {
      $('retry').hidden = true;
      show('sending');
      cast(built);
    };
    $('sending-failed').hidden = false;
    return;
  }
  receipted(built.receipt);
}

async function onList(receipt) {
  try {
    await call(conference, `/ballots/${receipt}`);
    return true;
  } catch {
    return false;
  }
}

function receipted(receipt) {
  forgetCard();
  code = undefined;
  sessionStorage.setItem(RECEIPT_KEY, receipt);
  $('receipt').textContent = shortReceipt(receipt);
  $('receipt-full').textContent = receipt;
  root.dataset.receipt = receipt;
  show('receipt');
}

async function checkReceipt() {
  const receipt = root.dataset.receipt;
  const result = $('check-result');
  result.textContent = (await onList(receipt)) ? strings['vote.check.found'] : strings['vote.check.missing'];
  result.hidden = false;
}

/** Before the voter fills anything: is this card on this conference's list, and not void? */
async function cardRefusal() {
  worker ??= new WorkerClient(workerUrl);
  const [{ publicKey }, listed] = await Promise.all([
    worker.request({ type: 'card', conferenceId: conference, cardCode: code }),
    call(conference, '/cards/keys'),
  ]);
  if (listed.voided.includes(publicKey)) return 'card_voided';
  if (!listed.keys.includes(publicKey)) return 'card_unknown';
  return '';
}

// --- the phase, pushed by the room ------------------------------------------------------------

async function onState(state) {
  root.dataset.phase = state.phase;
  if (!code || ['receipt', 'refused', 'sending', 'code'].includes(screen)) return;
  if (state.phase === 'aborted') return refuse('vote_aborted');
  if (state.phase === 'closed' || state.phase === 'opened') {
    // Said plainly, but a half-filled ballot stays on screen: a push never resets it.
    if (screen === 'waiting') return refuse('voting_closed');
    $('notice').textContent = strings['vote.refused.voting_closed'];
    $('notice').hidden = false;
    return;
  }
  if (state.phase !== 'voting' || screen !== 'waiting' || preparing) return;
  // The join's reply and the pushed state arrive together: the ballot is prepared once only,
  // or the second would replace marks already made.
  preparing = true;
  opening = await call(conference, '/opening');
  const refusal = await cardRefusal();
  if (refusal) return refuse(refusal);
  choices = new Choices(opening.definition);
  position = 0;
  drawSection();
  show('ballot');
}

function start(cardCode) {
  code = cardCode;
  show('waiting');
  follow(conference, { onState: (state) => onState(state).catch((error) => refuse('other', error.message)), onOnline: (online) => ($('offline').hidden = online) });
}

// --- wiring ------------------------------------------------------------------------------------

const app = inAppBrowser(navigator.userAgent);
if (app) {
  $('in-app').textContent = fill(strings['vote.in_app'], { app });
  $('in-app').hidden = false;
}
$('prev').addEventListener('click', () => {
  position -= 1;
  drawSection();
});
$('next').addEventListener('click', () => {
  if (position === choices.sections.length - 1) drawReview();
  else {
    position += 1;
    drawSection();
    window.scrollTo(0, 0);
  }
});
$('edit').addEventListener('click', () => {
  position = 0;
  drawSection();
  show('ballot');
});
$('send').addEventListener('click', () => send());
$('check').addEventListener('click', () => checkReceipt());
$('code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    keepCardCode($('code').value);
  } catch (error) {
    if (!(error instanceof CardError)) throw error;
    $('code-error').hidden = false;
    return;
  }
  start($('code').value);
});

const earlier = sessionStorage.getItem(RECEIPT_KEY);
let scanned;
try {
  scanned = takeCardCode();
} catch (error) {
  if (!(error instanceof CardError)) throw error;
  $('code-error').hidden = false;
}
if (scanned) start(scanned);
else if (earlier) receipted(earlier);
else show('code');
