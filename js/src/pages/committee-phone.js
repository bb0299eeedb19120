// A counting-committee member's phone (/committee/<conference>#<token>): joins with the
// single-use token from the organiser's screen, runs its part of the key ceremony here (the
// server only relays), keeps the key in IndexedDB and in the member's backup file, checks its
// key is in the joint key; while voting runs, verifies every arriving ballot in the Web Worker;
// after closing, once its own list matches the announced one, shows the count and the list
// hash it computed itself, large, and sends its partial decryption only after the member has
// confirmed both match the projector (a server could tell the phone anything, but not what
// the room sees) and only if the list is not far smaller than the room (docs/voting.md);
// after the opening, signs the counts it sees, bound to its member index, the conference
// fingerprint and the list it verified. A phone given a replacement token after the
// ceremony (the member's old phone lost) takes the seat with the member's backup file.
import { ready } from '../sodium.js';
import { toHex, utf8 } from '../bytes.js';
import * as dkg from '../dkg.js';
import { countSignatureToJSON, opened, signCounts } from '../decryption.js';
import { farFewer } from '../ballot-box.js';
import * as keystore from '../keystore.js';
import { CommitteeError } from '../committee-wire.js';
import { rejoinToJSON, signRejoin } from '../rejoin.js';
import { WorkerClient } from '../worker-client.js';
import sodium from '../sodium.js';
import { ApiFailure, call, groupHex } from './api.js';
import { saveDocument } from './download.js';
import { follow } from './live.js';
import { showResult } from './result-view.js';
import { fill, pageStrings } from './strings.js';

const root = document.getElementById('committee');
const { conference, workerUrl } = root.dataset;
const strings = pageStrings();
const STORE_KEY = `committee:${conference}`;
const PAPER_POLL_MS = 3000;
const $ = (id) => document.getElementById(id);

let seat; // {member, binding, threshold, members, round, secrets, backup, backupConfirmed, partialSent, countsSigned}
let state; // the room's latest public state
let worker;
let boxReady = false;
let boxFingerprint = null; // the conference fingerprint the box was opened with
let busy = false;
let again = false; // a push arrived while a move ran: run once more after it
const verifiedHashes = [];

const auth = () => `Member ${seat.binding}`;
const api = (path, options = {}) => call(conference, path, { ...options, authorization: auth() });
const save = () => keystore.save(STORE_KEY, seat);

function say(key, values = {}) {
  $('status').textContent = fill(strings[key], values);
  root.dataset.stage = key;
}

function fingerprint(pointHex) {
  const digest = toHex(sodium.crypto_hash_sha256(Uint8Array.from(pointHex.match(/../g).map((h) => parseInt(h, 16)))));
  return digest.slice(0, 16).match(/.{4}/g).join(' ');
}

// --- the key ceremony -------------------------------------------------------------------------

function ceremonyOf() {
  return dkg.ceremony(conference, seat.threshold, seat.members);
}

function memberOf() {
  return new dkg.Member(ceremonyOf(), seat.member, dkg.secretsFromJSON(seat.secrets));
}

function transcriptOf(status) {
  return dkg.assembleTranscript(ceremonyOf(), status.commitment_hashes.map(dkg.commitmentHashFromJSON), status.reveals.map(dkg.revealFromJSON));
}

/** One move of the ceremony from the published status: each message is sent once, in order;
 * the server refuses what comes too early, so a reload simply resumes. */
async function advanceCeremony() {
  const status = await api('/committee');
  if (status.round !== seat.round) {
    // The organiser restarted after a complaint: everything is drawn afresh.
    Object.assign(seat, { round: status.round, secrets: dkg.secretsToJSON(dkg.randomSecrets(seat.threshold)), backup: null, backupConfirmed: false });
    await save();
  }
  const mine = status.members.find((m) => m.member === seat.member);
  const everyone = (flag) => status.members.every((m) => m[flag]);
  const done = status.members.filter((m) => m.confirmed).length;
  if (status.complaint) return say('committee.complaint');
  if (status.complete) return finishCeremony(status);
  const member = memberOf();
  if (!mine.hash_sent) {
    await api('/committee/commitment-hash', { method: 'POST', json: dkg.commitmentHashToJSON(member.commitmentHash()) });
    return say('committee.waiting', { n: 1, of: 4 });
  }
  if (!everyone('hash_sent')) return say('committee.waiting', { n: 1, of: 4 });
  if (!mine.revealed) {
    await api('/committee/reveal', { method: 'POST', json: dkg.revealToJSON(member.reveal) });
    return say('committee.waiting', { n: 2, of: 4 });
  }
  if (!everyone('revealed')) return say('committee.waiting', { n: 2, of: 4 });
  const transcript = transcriptOf(status);
  if (!mine.shares_sent) {
    const shares = member.sealShares(transcript).map(dkg.sealedShareToJSON);
    await api('/committee/shares', { method: 'POST', json: { shares } });
    return say('committee.waiting', { n: 3, of: 4 });
  }
  if (!everyone('shares_sent')) return say('committee.waiting', { n: 3, of: 4 });
  if (!seat.backup) {
    const { shares } = await api('/committee/shares');
    try {
      // Kept as the canonical JSON text: what the file holds and the worker opens with.
      seat.backup = new TextDecoder().decode(member.finish(transcript, shares.map(dkg.sealedShareFromJSON)).backup());
    } catch (error) {
      if (!(error instanceof dkg.ShareComplaintError)) throw error;
      for (const complaint of error.complaints) await api('/committee/complaint', { method: 'POST', json: dkg.complaintToJSON(complaint) });
      return say('committee.complaint');
    }
    await save();
  }
  if (!seat.backupConfirmed) return askBackup();
  if (!mine.confirmed) {
    const key = keyShare();
    await api('/committee/confirm', {
      method: 'POST',
      json: { backup_saved: true, joint_key: toHex(key.transcript.jointKey), public_share: toHex(key.transcript.publicShare(seat.member)) },
    });
  }
  return say('committee.waiting_members', { n: done + (mine.confirmed ? 0 : 1), of: seat.members });
}

function keyShare() {
  return dkg.KeyShare.restore(utf8(seat.backup), conference);
}

function askBackup() {
  $('backup').hidden = false;
  say('committee.backup');
}

function downloadBackup() {
  const blob = new Blob([seat.backup], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `ban-kiem-phieu-${conference}-thanh-vien-${seat.member}.json`;
  link.click();
  URL.revokeObjectURL(link.href);
  $('backup-saved').disabled = false;
}

/** The ceremony is complete: show this member's key and check it is in the joint key. */
function finishCeremony(status) {
  const key = keyShare();
  const ownShare = toHex(key.transcript.publicShare(seat.member));
  const published = status.members.find((m) => m.member === seat.member).public_share;
  const inJoint = status.joint_key === toHex(key.transcript.jointKey) && published === ownShare;
  $('own-fingerprint').textContent = fingerprint(ownShare);
  $('joint-fingerprint').textContent = status.joint_fingerprint;
  $('keys').hidden = false;
  $('in-joint').textContent = strings[inJoint ? 'committee.in_joint' : 'committee.not_in_joint'];
  $('in-joint').className = inJoint ? 'ok' : 'error';
  root.dataset.inJoint = String(inJoint);
  root.dataset.ceremony = 'complete';
  $('backup').hidden = true;
  if (!inJoint) return say('committee.not_in_joint');
  return followBox();
}

// --- the ballot box ---------------------------------------------------------------------------

/** Verify what arrived since last time; after closing, open; after opening, sign. */
async function followBox() {
  if (!state || ['setup', 'checkin'].includes(state.phase)) return say('committee.ready');
  if (state.phase === 'aborted') return say('committee.aborted');
  worker ??= new WorkerClient(workerUrl);
  if (!boxReady) {
    const [opening, cards] = await Promise.all([api('/opening'), api('/cards/keys')]);
    await worker.request({
      type: 'box',
      conferenceId: conference,
      fingerprint: opening.fingerprint,
      definition: opening.definition,
      jointKey: opening.joint_key,
      cardKeys: cards.keys,
      voided: cards.voided,
    });
    boxReady = true;
    boxFingerprint = opening.fingerprint;
    root.dataset.present = String(opening.present);
    root.dataset.minimum = String(opening.min_ballots ?? 0);
  }
  const listed = await api('/ballots?hashes=1');
  let verified = await worker.request({ type: 'aggregate' });
  const seen = new Set(verifiedHashes);
  for (const hash of listed.hashes.filter((h) => !seen.has(h))) {
    const { ballot } = await api(`/ballots/${hash}`);
    verified = await worker.request({ type: 'ballot', ballot });
    verifiedHashes.push(verified.hash);
  }
  $('verified').textContent = fill(strings['committee.verified'], { n: verified.count, of: state.ballots_cast });
  $('verified').hidden = false;
  root.dataset.verified = String(verified.count);
  if (state.phase === 'voting') return say('committee.verifying');
  if (state.phase === 'closed') return openBox(verified);
  if (state.phase === 'opened') return signResult(verified);
}

/** Show the count and list hash this phone computed, for the member to compare with the
 * projector; the box opens only once the member has confirmed they match. */
async function openBox(verified) {
  if (seat.partialSent) return say('committee.partial_sent');
  const matches = verified.count === state.ballots_cast && verified.listHash === state.final_ballot_list_hash;
  if (!matches) return say('committee.mismatch');
  // Too few ballots: their totals would tell how each voter voted; the step goes to paper.
  const minimum = Number(root.dataset.minimum);
  if (verified.count < minimum) return say('committee.below_minimum', { n: verified.count, min: minimum });
  const present = Number(root.dataset.present);
  if (farFewer(verified.count, present)) {
    if (!seat.refusalSent) {
      // Said to the server too, so the console and the log show why the step goes to paper.
      await api('/committee/refusal', { method: 'POST', json: { ballots: verified.count, present } });
      seat.refusalSent = true;
      await save();
    }
    return say('committee.too_few', { n: verified.count, present });
  }
  $('compare-count').textContent = fill(strings['committee.compare.count_value'], { n: verified.count, present });
  $('compare-hash').textContent = groupHex(verified.listHash);
  Object.assign(root.dataset, { compareCount: String(verified.count), compareHash: verified.listHash });
  $('compare').hidden = false;
  $('open').disabled = !$('compare-ok').checked;
  return say('committee.can_open');
}

async function sendPartial() {
  if (!$('compare-ok').checked) return;
  $('compare').hidden = true;
  // What the member compared, not what the server says now.
  const { partial } = await worker.request({
    type: 'open',
    backup: seat.backup,
    ballotCount: Number(root.dataset.compareCount),
    listHash: root.dataset.compareHash,
    present: Number(root.dataset.present),
    minimum: Number(root.dataset.minimum),
  });
  await api('/committee/partials', { method: 'POST', json: partial });
  seat.partialSent = true;
  await save();
  say('committee.partial_sent');
}

/** The committee sees the counts it opened, and signs them with the list it verified. */
async function signResult(verified) {
  const view = await api('/result');
  if (!view.result) return say('committee.partial_sent');
  showResult($('result'), view.result, strings);
  $('result').hidden = false;
  $('documents').hidden = !view.record_written;
  if (!seat.countsSigned && seat.partialSent) {
    const counts = Object.fromEntries(view.result.sections.map((s) => [s.id, Object.fromEntries(s.candidates.map((c) => [c.id, c.agree]))]));
    const bound = opened(boxFingerprint, verified.listHash);
    await api('/committee/count-signatures', { method: 'POST', json: countSignatureToJSON(signCounts(keyShare(), bound, counts)) });
    seat.countsSigned = true;
    await save();
  }
  return say(seat.countsSigned ? 'committee.signed' : 'committee.opened');
}

// The documents of the opened box, each fetched with the seat's header and saved as a file.
for (const button of document.querySelectorAll('#documents [data-document]')) {
  button.addEventListener('click', () => {
    saveDocument(`/api/conferences/${conference}/${button.dataset.document}`, auth()).catch(() => {
      $('failure').hidden = false;
      $('failure').textContent = strings['committee.document_failed'];
    });
  });
}

// --- a step held on paper -----------------------------------------------------------------------

/** After an abort, at a planning step held on paper: the member confirms the paper counts by
 * typing them again here, as themself (issue 16, item 13). Anything else: the vote stopped. */
async function followPaper() {
  if (seat.paperConfirmed) return say('committee.paper.confirmed');
  let form;
  try {
    form = await api('/committee/paper');
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'not_a_paper_step') return say('committee.aborted');
    throw error;
  }
  if (!form.entered) {
    // Entering the paper counts pushes nothing to the room: look again in a while.
    setTimeout(tick, PAPER_POLL_MS);
    return say('committee.paper.waiting');
  }
  if (form.confirmations >= form.needed) return say('committee.aborted');
  if ($('paper').hidden) showPaperForm(form);
  return say('committee.paper.confirm', { n: form.confirmations, of: form.needed });
}

function showPaperForm(form) {
  const fields = form.sections.map((section) => {
    const group = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = section.position;
    group.append(legend);
    for (const candidate of section.candidates) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      Object.assign(input, { type: 'number', min: '0', required: true, inputMode: 'numeric' });
      Object.assign(input.dataset, { position: section.position, cadre: candidate.cadre });
      label.append(candidate.full_name, input);
      group.append(label);
    }
    return group;
  });
  $('paper-counts').replaceChildren(...fields);
  $('paper').hidden = false;
}

async function confirmPaper(event) {
  event.preventDefault();
  const counts = {};
  for (const input of $('paper-counts').querySelectorAll('input')) {
    (counts[input.dataset.position] ??= {})[input.dataset.cadre] = Number(input.value);
  }
  try {
    await api('/committee/paper/confirmations', { method: 'POST', json: { member: $('paper-member').value, counts } });
  } catch (error) {
    return showFailure(fill(strings['committee.failed'], { message: error.message }));
  }
  seat.paperConfirmed = true;
  await save();
  $('paper').hidden = true;
  $('failure').hidden = true;
  return say('committee.paper.confirmed');
}

// --- driving it --------------------------------------------------------------------------------

/** Run one move at a time; every push of the room's state calls this. */
async function tick() {
  if (!seat) return;
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  try {
    $('failure').hidden = true;
    if (state?.phase === 'aborted') await followPaper();
    else if (root.dataset.ceremony === 'complete') {
      await api('/committee'); // refused at once if this phone's seat was taken away
      await followBox();
    } else await advanceCeremony();
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'member_unknown') cutOff();
    else showFailure(fill(strings['committee.failed'], { message: error.message }));
  } finally {
    busy = false;
    if (again) {
      again = false;
      tick();
    }
  }
}

/** The organiser issued new codes or replaced this phone: it says so and stops, keeping its
 * stored seat only for the member's own backup (a phone replaced by mistake takes it again). */
function cutOff() {
  seat = null;
  for (const id of ['backup', 'keys', 'verified', 'compare', 'result', 'documents', 'paper']) $(id).hidden = true;
  say('committee.cut_off');
  root.dataset.cutOff = 'true';
}

function showFailure(message) {
  $('failure').textContent = message;
  $('failure').hidden = false;
}

/** The phone's seat: kept in IndexedDB; taken with a join token before the ceremony; taken
 * again with a replacement token and the member's backup after it. */
async function join() {
  const token = window.location.hash.slice(1);
  if (token) history.replaceState(null, '', window.location.pathname + window.location.search);
  seat = await keystore.load(STORE_KEY);
  if (!token) return;
  const status = await call(conference, '/committee');
  if (status.complete) {
    // This phone's own backup (a seat replaced by mistake) needs no file; another seat's
    // backup kept here (a spare phone passed on) does not stand in the way of the file.
    if (seat?.backup) {
      const kept = await rejoin(token, seat.backup, status).then(() => true, (error) => refusedCode(error, 'join_token_used'));
      if (kept) return;
    }
    seat = null;
    return chooseBackup(token, status);
  }
  // A token scanned again by the phone that used it keeps its seat; a new ceremony's token
  // replaces a seat kept from an earlier one.
  const joined = await call(conference, '/committee/join', { method: 'POST', json: { token } }).catch((error) => {
    if (seat && refusedCode(error, 'join_token_used')) return null;
    throw error;
  });
  if (!joined) return;
  seat = {
    member: joined.member,
    binding: joined.binding,
    threshold: joined.threshold,
    members: joined.members,
    round: null,
    secrets: null,
    backup: null,
    backupConfirmed: false,
    partialSent: false,
    countsSigned: false,
  };
  await save();
}

/** Whether `error` is the server's refusal with `code` (anything else is thrown on). */
function refusedCode(error, code) {
  if (error instanceof ApiFailure && error.code === code) return true;
  if (error instanceof ApiFailure && error.code === 'backup_not_for_seat') return false;
  throw error;
}

/** Sign the replacement token with the backup's key; the server checks it is this seat's. */
async function rejoin(token, backup, status) {
  const key = dkg.KeyShare.restore(utf8(backup), conference);
  const joined = await call(conference, '/committee/rejoin', { method: 'POST', json: rejoinToJSON(signRejoin(key, token)) });
  const mine = status.members.find((m) => m.member === joined.member);
  seat = {
    member: joined.member,
    binding: joined.binding,
    threshold: joined.threshold,
    members: joined.members,
    round: status.round,
    secrets: null,
    backup,
    backupConfirmed: true,
    partialSent: mine.partial_sent,
    countsSigned: mine.counts_signed,
  };
  await save();
}

/** Wait for the member to choose a backup file that takes the seat; a wrong one is said. */
function chooseBackup(token, status) {
  $('restore').hidden = false;
  say('committee.restore');
  return new Promise((resolve) => {
    $('backup-file').addEventListener('change', async (event) => {
      const [file] = event.target.files;
      if (!file) return;
      $('failure').hidden = true;
      try {
        await rejoin(token, await file.text(), status);
        $('restore').hidden = true;
        resolve();
      } catch (error) {
        // A damaged or foreign file is refused here; another member's, by the server.
        if (error instanceof CommitteeError) console.warn(`backup refused: ${error.message}`);
        showFailure(error instanceof CommitteeError ? strings['committee.restore.wrong'] : fill(strings['committee.failed'], { message: error.message }));
        event.target.value = '';
      }
    });
  });
}

$('download').addEventListener('click', downloadBackup);
$('paper').addEventListener('submit', confirmPaper);
$('backup-saved').addEventListener('click', async () => {
  seat.backupConfirmed = true;
  await save();
  $('backup').hidden = true;
  tick();
});
$('compare-ok').addEventListener('change', (event) => {
  $('open').disabled = !event.target.checked;
});
$('open').addEventListener('click', () => {
  busy = true;
  sendPartial()
    .catch((error) => {
      showFailure(fill(strings['committee.failed'], { message: error.message }));
      $('compare').hidden = false;
    })
    .finally(() => {
      busy = false;
      // A push that came while the partial was being sent (the box opened) is handled now.
      if (again) {
        again = false;
        tick();
      }
    });
});

async function main() {
  await ready;
  try {
    await join();
  } catch (error) {
    showFailure(fill(strings['committee.failed'], { message: error.message }));
  }
  if (!seat) return say('committee.scan');
  $('member').textContent = fill(strings['committee.member'], { n: seat.member });
  say('committee.starting');
  follow(conference, {
    onState: (pushed) => {
      state = pushed;
      tick();
    },
  });
}

main();
