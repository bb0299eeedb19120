// The organiser console: the quorum block follows the room live, and so do the committee's
// ceremony (who joined, who confirmed, each key's fingerprint) while the phones run it, the
// cards' counters and the ballots cast (leadership's page too). A new phase or result (the box
// opened, the head decided) is announced with a link to reload: the page never reloads under
// the organiser's hands.
import { follow } from './live.js';
import { showOnline, showQuorum } from './quorum-view.js';
import { fill, pageStrings } from './strings.js';

const root = document.querySelector('[data-quorum]');
const strings = pageStrings();

function showCeremony(committee) {
  for (const member of committee?.members ?? []) {
    const row = document.querySelector(`table.ceremony tr[data-member="${member.member}"]`);
    if (!row) continue;
    const [, joined, confirmed, fingerprint] = row.cells;
    joined.textContent = member.joined ? '✓' : '';
    confirmed.textContent = member.confirmed ? '✓' : '';
    fingerprint.firstElementChild.textContent = member.fingerprint ?? '';
  }
}

function showBox(state) {
  const box = document.getElementById('box');
  if (!box) return;
  if (state.cards) document.getElementById('cards-line').textContent = fill(strings['organiser.cards'], state.cards);
  const cast = document.getElementById('cast-line');
  cast.hidden = !['voting', 'closed', 'opened'].includes(state.phase);
  cast.textContent = fill(strings['organiser.cast'], { n: state.ballots_cast, present: state.present });
  const moved = state.phase !== box.dataset.phase || (state.result ?? 'none') !== box.dataset.result;
  document.getElementById('box-changed').hidden = !moved;
}

follow(root.dataset.conference, {
  onState: (state) => {
    showQuorum(root, state, strings);
    showCeremony(state.committee);
    showBox(state);
  },
  onOnline: (online) => showOnline(root, online),
});
