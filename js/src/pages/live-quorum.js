// The projector and the organiser console: the quorum block follows the room live.
import { follow } from './live.js';
import { showOnline, showQuorum } from './quorum-view.js';
import { pageStrings } from './strings.js';

const root = document.querySelector('[data-quorum]');
const strings = pageStrings();
follow(root.dataset.conference, {
  onState: (state) => showQuorum(root, state, strings),
  onOnline: (online) => showOnline(root, online),
});
