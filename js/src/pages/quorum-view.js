// Draws a pushed quorum state into the quorum block of voting/web/templates/quorum.html.
import { fill } from './strings.js';

/** Show `state` (convened, present, quorum_met, more_needed, phase) in `root`. */
export function showQuorum(root, state, strings) {
  const field = (name) => root.querySelector(`[data-field="${name}"]`);
  field('convened').textContent = state.convened;
  field('present').textContent = state.present;
  const share = state.convened ? (100 * state.present) / state.convened : 0;
  field('fill').style.width = `${share.toFixed(1)}%`;
  field('verdict').textContent = strings[state.quorum_met ? 'quorum.met' : 'quorum.not_met'];
  const more = field('more');
  more.hidden = state.quorum_met || !state.more_needed;
  more.textContent = fill(strings['quorum.more'], { n: state.more_needed });
  field('phase').textContent = strings[`phase.${state.phase}`] || state.phase;
  root.classList.toggle('met', state.quorum_met);
  root.classList.toggle('not-met', !state.quorum_met);
  // Machine-readable too: browser tests and later pages read these.
  Object.assign(root.dataset, {
    present: String(state.present),
    met: String(state.quorum_met),
    revision: String(state.revision),
    phase: state.phase,
  });
}

/** Say whether the page is connected to the server. */
export function showOnline(root, online) {
  root.querySelector('[data-field="offline"]').hidden = online;
  root.classList.toggle('stale', !online);
  root.dataset.online = String(online);
}
