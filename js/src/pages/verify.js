// The verifier page (/verify, and verify.html offline): the observer's own browser re-checks a
// record with js/src/verify.js, marking each numbered check as it passes, then shows what to
// compare with the projector and whether the observer's receipt is in the list. Nothing is
// sent anywhere; the page works from file:// too.
import { ready } from '../sodium.js';
import { CHECKS, receiptListed, verifyRecord } from '../verify.js';
import { fill, pageStrings } from './strings.js';
// Bundled by esbuild: the page carries the schema it checks records' rules against.
import ruleSetSchema from '../../../docs/rule-set.schema.json';

const strings = pageStrings();
const input = document.getElementById('record-file');
const drop = document.getElementById('drop');
const keyInput = document.getElementById('key');
const receiptInput = document.getElementById('receipt');
const verdict = document.getElementById('verdict');
const pin = document.getElementById('pin');
const receiptResult = document.getElementById('receipt-result');
const compare = document.getElementById('compare');
const items = [...document.querySelectorAll('#checks [data-check]')];
let loaded = null;
let run = 0;

const field = (name) => compare.querySelector(`[data-field="${name}"]`);
const grouped = (hex) => hex.slice(0, 16).match(/.{4}/g).join(' ');
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

function show(element, text, state) {
  element.hidden = !text;
  element.textContent = text || '';
  if (state) element.dataset.state = state;
}

function reset() {
  for (const item of items) {
    item.dataset.state = 'waiting';
    item.querySelector('.reason').textContent = '';
  }
  compare.hidden = true;
  show(pin, '');
  show(receiptResult, '');
}

async function check() {
  if (!loaded) return;
  const mine = ++run;
  reset();
  show(verdict, strings['verify.running'], 'running');
  document.body.dataset.verified = 'running';
  await ready;
  const key = keyInput.value.trim() || null;
  try {
    const summary = await verifyRecord(loaded, {
      ruleSetSchema,
      key,
      onCheck: async (number) => {
        if (mine !== run) throw new Error('superseded');
        items[number - 1].dataset.state = 'passed';
        await nextFrame();
      },
    });
    show(verdict, fill(strings['verify.ok'], { n: CHECKS }), 'passed');
    showSummary(summary);
    document.body.dataset.verified = 'yes';
  } catch (error) {
    if (mine !== run) return;
    const number = error.check;
    if (number) {
      const item = items[number - 1];
      item.dataset.state = 'failed';
      item.querySelector('.reason').textContent = ` — ${error.message}`;
      show(verdict, fill(strings['verify.failed'], { n: number, reason: error.message }), 'failed');
    } else {
      show(verdict, strings['verify.unreadable'], 'failed');
    }
    document.body.dataset.verified = 'no';
    document.body.dataset.failedCheck = String(number || 0);
  }
}

function showSummary(summary) {
  show(pin, strings[summary.pinned ? 'verify.pinned' : 'verify.unpinned'], summary.pinned ? 'passed' : 'warning');
  field('conference').textContent = `${summary.title} · ${summary.heldOn} · ${summary.place} · ${summary.stepTitle}`;
  field('installation').textContent = summary.installationFingerprint;
  field('ballots').textContent = `${summary.ballots} / ${summary.present}`;
  field('list-hash').textContent = grouped(summary.ballotListHash);
  field('card-list').textContent = grouped(summary.cardListHash);
  field('cards').textContent = fill(strings['projector.cards'], { dealt: summary.dealt, replaced: summary.replaced, voided: summary.voided });
  field('joint').textContent = summary.jointKeyFingerprint;
  field('members').replaceChildren(
    ...summary.memberFingerprints.flatMap((fingerprint, index) => {
      const label = document.createElement('dt');
      label.textContent = fill(strings['projector.member_key'], { n: index + 1 });
      const value = document.createElement('dd');
      const code = document.createElement('code');
      code.textContent = fingerprint;
      value.append(code);
      return [label, value];
    }),
  );
  compare.hidden = false;
  const receipt = receiptInput.value.trim();
  if (receipt) {
    const listed = receiptListed(receipt, summary.ballotHashes);
    const key = listed === null ? 'verify.receipt_invalid' : listed ? 'verify.receipt_found' : 'verify.receipt_missing';
    show(receiptResult, strings[key], listed ? 'passed' : 'failed');
  }
}

async function load(file) {
  if (!file) return;
  loaded = new Uint8Array(await file.arrayBuffer());
  await check();
}

input.addEventListener('change', () => load(input.files[0]));
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.dataset.over = 'yes';
});
drop.addEventListener('dragleave', () => delete drop.dataset.over);
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  delete drop.dataset.over;
  load(event.dataTransfer.files[0]);
});
keyInput.addEventListener('change', check);
receiptInput.addEventListener('change', check);
