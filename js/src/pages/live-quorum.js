// The organiser console: the quorum block follows the room live, and so does the committee's
// ceremony (who joined, who confirmed, each key's fingerprint) while the phones run it.
import { follow } from './live.js';
import { showOnline, showQuorum } from './quorum-view.js';
import { pageStrings } from './strings.js';

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

follow(root.dataset.conference, {
  onState: (state) => {
    showQuorum(root, state, strings);
    showCeremony(state.committee);
  },
  onOnline: (online) => showOnline(root, online),
});
