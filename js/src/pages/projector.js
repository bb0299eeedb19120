// The projector: the quorum block, then the public reference everyone compares — the card
// list's fingerprint, each committee member's key fingerprint and the joint key's, ballots cast
// against present, the ballot-list hash once frozen at closing (none while voting: it would date
// each ballot), cards dealt, replaced and voided —
// and the result as the public may see it: at a sealed step only that counting is done, never a
// count (design.md guarantee 4); at the final step the ranked result.
import { call, groupHex } from './api.js';
import { follow } from './live.js';
import { showOnline, showQuorum } from './quorum-view.js';
import { turnPages } from './result-pages.js';
import { showResult } from './result-view.js';
import { fill, pageStrings } from './strings.js';

const quorum = document.querySelector('[data-quorum]');
const panel = document.getElementById('reference');
const resultPanel = document.getElementById('result');
const strings = pageStrings();
const conference = quorum.dataset.conference;
let resultShown = '';
let stopTurning = () => {};

const field = (name) => panel.querySelector(`[data-field="${name}"]`);

function showReference(state) {
  const { cards, committee } = state;
  field('cast').textContent = state.ballots_cast;
  field('present-base').textContent = state.present;
  const final = state.final_ballot_list_hash;
  field('list-label').textContent = strings[final ? 'projector.final_hash' : 'projector.list_hash'];
  field('list-hash').textContent = final ? groupHex(final) : '—';
  field('card-list').textContent = cards.card_list_hash ? groupHex(cards.card_list_hash) : '—';
  field('cards').textContent = fill(strings['projector.cards'], { dealt: cards.dealt, replaced: cards.replaced, voided: cards.voided });
  field('joint').textContent = committee.joint_fingerprint || '—';
  const members = field('members');
  members.replaceChildren(
    ...committee.members.flatMap((m) => {
      const label = document.createElement('dt');
      label.textContent = fill(strings['projector.member_key'], { n: m.member });
      const value = document.createElement('dd');
      value.dataset.member = m.member;
      const key = document.createElement('code');
      key.textContent = m.fingerprint || (m.confirmed ? '✓' : m.joined ? '…' : '—');
      value.append(key);
      return [label, value];
    }),
  );
  const aborted = field('aborted');
  aborted.hidden = !state.aborted_reason;
  aborted.textContent = fill(strings['projector.aborted'], { reason: state.aborted_reason || '' });
  Object.assign(panel.dataset, { cast: String(state.ballots_cast), listHash: final || '', result: state.result });
}

async function showPublicResult(state) {
  if (state.result === resultShown) return;
  resultShown = state.result;
  stopTurning();
  resultPanel.dataset.status = state.result;
  if (state.result === 'none') {
    resultPanel.hidden = true;
    return;
  }
  resultPanel.hidden = false;
  if (state.result === 'sealed') {
    // Nothing is fetched: the public may not read a sealed result, and the page never asks.
    const notice = document.createElement('p');
    notice.className = 'sealed';
    notice.textContent = strings['result.sealed'];
    resultPanel.replaceChildren(notice);
    return;
  }
  const view = await call(conference, '/result');
  if (!view.result) return;
  showResult(resultPanel, view.result, strings, { compact: true });
  stopTurning = turnPages(resultPanel, strings);
}

follow(conference, {
  onState: (state) => {
    showQuorum(quorum, state, strings);
    showReference(state);
    showPublicResult(state).catch(() => {
      resultShown = '';
    });
  },
  onOnline: (online) => showOnline(quorum, online),
});
