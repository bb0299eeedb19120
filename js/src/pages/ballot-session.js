// One voter's ballot on a page: wait for the opening, check the card, fill one position at a
// time within each quota, review, build, prove and sign in the Web Worker, post, and show the
// receipt only after the server answered 201. Shared by the voter's phone (/vote) and the
// kiosk tablet (/kiosk), which differ only in what they remember: the phone keeps the card and
// the receipt for its tab (`hooks`), the kiosk nothing at all.
import { WorkerClient } from '../worker-client.js';
import { ApiFailure, call } from './api.js';
import { Choices } from './choices.js';
import { follow } from './live.js';
import { shortReceipt } from './receipt.js';
import { fill } from './strings.js';

// Refusals that end this card's use: after them the code is forgotten.
const CARD_REFUSALS = new Set(['card_used', 'card_voided', 'card_unknown', 'wrong_conference', 'vote_aborted']);

/**
 * The ballot session of the page whose root element is `root` (data-conference,
 * data-worker-url). `hooks`: forgetCard() when the card's use ends, keepReceipt(receipt),
 * onShow(screen) on each screen change, retryAfterMs to resend by itself after a lost answer
 * (0: the voter taps "retry"). Returns {start(code), showReceipt(receipt), show(screen), listen(),
 * ask(request) (the Web Worker)}.
 */
export function ballotSession(root, strings, labels, hooks = {}) {
  const { conference, workerUrl } = root.dataset;
  const $ = (id) => document.getElementById(id);
  const failedText = $('sending-failed').textContent; // the page's words: the phone's or the kiosk's
  let code;
  let opening; // {fingerprint, definition, joint_key} once voting is open
  let preparing = false;
  let choices;
  let position = 0;
  let screen = '';
  let worker;
  let following = false;

  function show(name) {
    screen = name;
    for (const section of root.querySelectorAll('[data-screen]')) section.hidden = section.dataset.screen !== name;
    root.dataset.showing = name;
    window.scrollTo(0, 0);
    hooks.onShow?.(name);
  }

  /** One request to the page's Web Worker, started on first use (worker-protocol.js). */
  function ask(message) {
    worker ??= new WorkerClient(workerUrl);
    return worker.request(message);
  }

  function forgetCard() {
    code = undefined;
    hooks.forgetCard?.();
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

  const labelsOf = (sectionId) => labels.sections.find((section) => section.id === sectionId);
  const candidateLabel = (sectionId, candidateId) => labelsOf(sectionId).candidates.find((c) => c.id === candidateId);

  // --- filling the ballot, one position per screen -------------------------------------------

  function drawSection() {
    const section = choices.sections[position];
    const named = labelsOf(section.id);
    $('section-progress').textContent = fill(strings['vote.progress'], { n: position + 1, of: choices.sections.length });
    $('section-title').textContent = named.position;
    // KH 331 B.V.1: the position's standards, folded under its title (closed on each new
    // position, so the candidates stay in view).
    const standards = named.standards ?? [];
    $('standards').hidden = standards.length === 0;
    $('standards').open = false;
    $('standards-list').replaceChildren(...standards.map((line) => element('li', '', line)));
    $('quota-line').textContent = fill(strings['vote.quota'], { k: section.quota, n: choices.count(section.id) });
    $('quota-refused').hidden = true;
    $('candidates').replaceChildren(
      ...section.candidates.map((candidateId) => {
        const who = candidateLabel(section.id, candidateId);
        const marked = choices.isMarked(section.id, candidateId);
        const item = element('li');
        const button = element('button', marked ? 'candidate marked' : 'candidate');
        button.type = 'button';
        button.setAttribute('role', 'checkbox');
        button.setAttribute('aria-checked', String(marked));
        button.dataset.candidate = candidateId;
        button.append(element('span', 'box', marked ? '✓' : ''));
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

  // --- building and casting --------------------------------------------------------------------

  async function send() {
    show('sending');
    let built;
    try {
      built = await ask({
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
    choices = undefined; // the marks live on in the signed ballot only, until it is receipted
    await cast(built);
  }

  async function cast(built) {
    let refusal;
    try {
      await call(conference, '/ballots', { method: 'POST', json: built.ballot });
      showReceipt(built.receipt);
      return;
    } catch (error) {
      if (!(error instanceof ApiFailure)) return castAgain(built);
      refusal = error;
    }
    // Refused — yet if this very ballot is on the list, an earlier try was stored and only its
    // answer was lost (the card now reads as used, or voting may have closed since).
    let listed;
    try {
      listed = await onList(built.receipt);
    } catch {
      return castAgain(built);
    }
    if (listed) showReceipt(built.receipt);
    else refuse(refusal.code, refusal.message);
  }

  /** No answer at all (the Wi-Fi dropped): the same signed ballot is sent again, never a new
   * one, so it can never count twice. */
  function castAgain(built) {
    const said = $('sending-failed');
    said.hidden = false;
    said.textContent = failedText;
    const again = () => {
      $('retry').hidden = true;
      said.textContent = strings['vote.resending'];
      show('sending');
      cast(built);
    };
    if (hooks.retryAfterMs) {
      setTimeout(again, hooks.retryAfterMs);
      return;
    }
    $('retry').hidden = false;
    $('retry').onclick = again;
  }

  /** Whether `receipt` is on the published list; throws when the server cannot be asked. */
  async function onList(receipt) {
    try {
      await call(conference, `/ballots/${receipt}`);
      return true;
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 404) return false;
      throw error;
    }
  }

  function showReceipt(receipt) {
    forgetCard();
    $('sending-failed').hidden = true;
    hooks.keepReceipt?.(receipt);
    $('receipt').textContent = shortReceipt(receipt);
    $('receipt-full').textContent = receipt;
    root.dataset.receipt = receipt;
    show('receipt');
  }

  async function checkReceipt() {
    const result = $('check-result');
    const listed = await onList(root.dataset.receipt).catch(() => undefined);
    if (listed === undefined) result.textContent = strings['live.offline'];
    else result.textContent = listed ? strings['vote.check.found'] : strings['vote.check.missing'];
    result.hidden = false;
  }

  /** Before the voter fills anything: is this card on this conference's list, not void and
   * not used? (The server answers from public facts: the list and the published ballots.) */
  async function cardRefusal() {
    const { publicKey } = await ask({ type: 'card', conferenceId: conference, cardCode: code });
    const { status } = await call(conference, `/cards/${publicKey}/status`);
    return status === 'ready' ? '' : `card_${status}`;
  }

  // --- the phase, pushed by the room -------------------------------------------------------------

  let lastState;
  async function onState(state) {
    lastState = state;
    root.dataset.phase = state.phase;
    hooks.onPhase?.(state);
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

  function listen() {
    if (following) return;
    following = true;
    follow(conference, {
      onState: (state) => onState(state).catch((error) => refuse('other', error.message)),
      onOnline: (online) => ($('offline').hidden = online),
    });
  }

  function start(cardCode) {
    code = cardCode;
    show('waiting');
    listen();
    if (lastState) onState(lastState).catch((error) => refuse('other', error.message));
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

  return { start, showReceipt, show, listen, ask };
}
