// The voter's page (/vote) on the attendee's own phone: the card's code read from the address
// fragment (or typed), then the ballot session (ballot-session.js). Nothing here sets a cookie;
// the code stays in sessionStorage until the receipt, which the tab then keeps.
import { forgetCard, keepCardCode, takeCardCode } from '../voter.js';
import { CardError } from '../card-code.js';
import { ballotSession } from './ballot-session.js';
import { codeTypo, typoNear } from './code-typo.js';
import { call } from './api.js';
import { inAppBrowser } from './in-app.js';
import { fill, pageStrings } from './strings.js';

const root = document.getElementById('vote');
const strings = pageStrings();
const labels = JSON.parse(document.getElementById('ballot-labels').textContent);
const RECEIPT_KEY = `voting.receipt:${root.dataset.conference}`;
const $ = (id) => document.getElementById(id);

const session = ballotSession(root, strings, labels, {
  forgetCard,
  keepReceipt: (receipt) => sessionStorage.setItem(RECEIPT_KEY, receipt),
});

const app = inAppBrowser(navigator.userAgent);
if (app) {
  $('in-app').textContent = fill(strings['vote.in_app'], { app });
  $('in-app').hidden = false;
}
function sayTypo({ key, values }) {
  $('code-error').textContent = `${strings['vote.code.mistyped']} ${fill(strings[key], values)}`;
  $('code-error').hidden = false;
}

$('code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    keepCardCode($('code').value);
  } catch (error) {
    if (!(error instanceof CardError)) throw error;
    const typed = $('code').value;
    sayTypo(codeTypo(typed));
    // Then, if the conference's cards place the typo, the group to compare.
    const cardKeys = async () => (await call(root.dataset.conference, '/cards/keys')).keys;
    typoNear(typed, root.dataset.conference, cardKeys, session.ask)
      .then((near) => near && $('code').value === typed && !$('code-error').hidden && sayTypo(near))
      .catch(() => {}); // unplaced: the words already shown stand
    return;
  }
  session.start($('code').value);
});

const earlier = sessionStorage.getItem(RECEIPT_KEY);
let scanned;
try {
  scanned = takeCardCode();
} catch (error) {
  if (!(error instanceof CardError)) throw error;
  $('code-error').hidden = false;
}
if (scanned) session.start(scanned);
else if (earlier) session.showReceipt(earlier);
else session.show('code');
