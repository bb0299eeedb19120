// The pre-flight check: asks the server every second whether a phone has opened the check's
// hello address, and says so as soon as one has.
import { fill, pageStrings } from './strings.js';

const check = document.getElementById('check');
const line = document.getElementById('reached');
const strings = pageStrings();
const POLL_MS = 1000;

async function poll() {
  try {
    const response = await fetch(check.dataset.poll, { cache: 'no-store' });
    const { reached } = await response.json();
    if (reached > 0) {
      line.textContent = fill(strings['preflight.reached'], { n: reached });
      line.classList.replace('waiting', 'ok');
    }
  } catch {
    // The server is restarting or the laptop's Wi-Fi dropped: the next poll tries again.
  } finally {
    setTimeout(poll, POLL_MS);
  }
}
poll();
