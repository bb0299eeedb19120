"""The organiser's console: conferences, the agency's people, and one conference's set-up —
roster, ballot, desk links, phases — with the live quorum. Each form posts here; the view
parses it, calls the domain service, and shows the result (or the refusal, row by row)."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from voting.conference import (
    absence,
    ballot,
    cards,
    ceremony,
    committee_members,
    conferences,
    devices,
    opening,
    phases,
    practice,
    quorum,
    registry,
    results,
    roster,
)
from voting.conference.conferences import Committee, Details
from voting.conference.errors import ConferenceError, refused
from voting.conference.roster import NewAttendee
from voting.registry import people
from voting.rules import KH331
from voting.store import Conference, DeviceKind, Phase, utcnow
from voting.web import clock, parse
from voting.web.api import bodies
from voting.web.clock import local
from voting.web.config import rule_set
from voting.web.extensions import db
from voting.web.i18n import LIVE_STRINGS, localized, strings, translate, translate_value
from voting.web.pages import ballot_form, forms, qr
from voting.web.pages.guard import page_requires, show_refusals_on
from voting.web.pages.links import public_base
from voting.web.policy import Action, allowed
from voting.web.principals import current_principal
from voting.web.room import push_state
from voting.web.schema import form

bp = Blueprint("organiser", __name__, url_prefix="/organiser")


def _refused_page(error: ConferenceError) -> str:
    """The page a refused form came from, with the reason (and each bad row)."""
    conference_id = (request.view_args or {}).get("conference_id")
    if conference_id is None:
        return _index_page(error=error)
    conference = conferences.get(db(), conference_id)
    if request.endpoint == "organiser.record_absence":
        return _attendance_page(conference, error=error)
    blocks = (
        ballot_form.blocks_from(request.form)
        if request.endpoint == "organiser.save_ballot"
        else None
    )
    return _conference_page(conference, error=error, blocks=blocks)


show_refusals_on(bp, _refused_page)


@bp.get("/")
@page_requires(Action.CONFERENCE_CREATE)
def index() -> str:
    """The conferences, the agency's people, and the form for a new conference."""
    return _index_page()


@bp.post("/people")
@page_requires(Action.PEOPLE_IMPORT)
def import_people() -> Response:
    """Replace the agency's people with the uploaded file (all rows or none)."""
    with parse.upload() as path:
        imported = people.import_people(db(), path, today=clock.today())
    flash(translate("organiser.people.done", n=len(imported)))
    return redirect(url_for(".index"))


@bp.post("/conferences")
@page_requires(Action.CONFERENCE_CREATE)
def create() -> Response:
    """A new conference for the chosen step of the installation's rule set."""
    body = form(forms.ConferenceChoice, request.form)
    created = conferences.create(
        db(),
        procedure=body.procedure,
        step_number=body.step,
        tier=body.tier,
        details=_details(body),
        committee=_committee(body),
        actor=_actor(),
        rule_set=rule_set(current_app),
    )
    return redirect(url_for(".show", conference_id=created.id))


@bp.get("/conferences/<conference_id>")
@page_requires(Action.CONFERENCE_EDIT)
def show(conference: Conference) -> str:
    """One conference's set-up and its live state."""
    return _conference_page(conference)


@bp.post("/conferences/<conference_id>/details")
@page_requires(Action.CONFERENCE_EDIT)
def edit_details(conference: Conference) -> Response:
    """Change the title, date, place or committee (set-up only)."""
    body = form(bodies.ConferenceDetails, request.form)
    conferences.update_details(
        db(), conference.id, details=_details(body), committee=_committee(body), actor=_actor()
    )
    return _done(conference, translate("organiser.details.done"))


@bp.post("/conferences/<conference_id>/draw")
@page_requires(Action.ROSTER_EDIT)
def draw(conference: Conference) -> Response:
    """Draw the agency's people of the step's composition groups onto the roster."""
    drawn = roster.draw(db(), conference.id, _actor())
    return _done(conference, translate("organiser.draw.done", n=len(drawn)))


@bp.post("/conferences/<conference_id>/externals")
@page_requires(Action.ROSTER_EDIT)
def import_externals(conference: Conference) -> Response:
    """Replace the external attendees with the uploaded list (all rows or none)."""
    with parse.upload() as path:
        imported = roster.import_externals(db(), conference.id, path, _actor())
    return _done(conference, translate("organiser.externals.done", n=len(imported)))


@bp.post("/conferences/<conference_id>/attendees")
@page_requires(Action.ROSTER_EDIT)
def add_attendee(conference: Conference) -> Response:
    """Add one attendee by hand."""
    body = form(bodies.NewAttendee, request.form)
    added = roster.add(
        db(),
        conference.id,
        NewAttendee(body.full_name, body.post, body.unit, body.sex, body.ref or None),
        _actor(),
    )
    return _done(conference, translate("organiser.add.done", name=added.full_name))


@bp.post("/conferences/<conference_id>/attendees/<int:attendee_id>/remove")
@page_requires(Action.ROSTER_EDIT)
def remove_attendee(conference: Conference, attendee_id: int) -> Response:
    """Take one attendee off the roster."""
    roster.remove(db(), conference.id, attendee_id, _actor())
    return _done(conference, translate("organiser.remove.done"))


@bp.post("/conferences/<conference_id>/ballot")
@page_requires(Action.BALLOT_EDIT)
def save_ballot(conference: Conference) -> Response:
    """Replace the whole ballot with the form's sections."""
    sections = ballot_form.sections_from(ballot_form.blocks_from(request.form))
    ballot.replace(db(), conference.id, sections, _actor())
    return _done(conference, translate("ballot.done"))


@bp.post("/conferences/<conference_id>/devices")
@page_requires(Action.DEVICES_MANAGE)
def issue_device(conference: Conference) -> Response:
    """Issue a check-in desk or kiosk link; the console shows it once, with its QR code. Post,
    then redirect: a reload of the console never issues another."""
    body = form(forms.DeviceLink, request.form)
    link, token = devices.issue(db(), conference.id, body.kind, body.label, _actor())
    page = "kiosk.show" if body.kind == DeviceKind.KIOSK else "desk.show"
    address = public_base() + url_for(page, token=token)
    kept = dict(session.get(KEPT_LINK, {}))
    kept[conference.id] = {"label": link.label, "address": address, "kind": body.kind}
    session[KEPT_LINK] = kept
    return redirect(url_for(".show", conference_id=conference.id))


# The device link just issued from this browser, per conference, carried in the organiser's own
# session across the redirect to the one page that shows it (the token is kept nowhere else).
KEPT_LINK = "device_link"


def _issued_link(conference: Conference) -> dict[str, Any] | None:
    """The link issued for `conference` just before, taken out of the session: shown once."""
    kept = dict(session.get(KEPT_LINK, {}))
    link = kept.pop(conference.id, None)
    if link is None:
        return None
    session[KEPT_LINK] = kept
    return {**link, "qr": qr.svg(link["address"])}


@bp.post("/conferences/<conference_id>/devices/<int:device_id>/revoke")
@page_requires(Action.DEVICES_MANAGE)
def revoke_device(conference: Conference, device_id: int) -> Response:
    """Revoke a desk link of this conference at once."""
    if device_id not in {d.id for d in devices.of_conference(db(), conference.id)}:
        raise refused("not_found.device_here", device_id=device_id)
    devices.revoke(db(), device_id, _actor())
    return _done(conference, translate("organiser.devices.revoke.done"))


@bp.post("/conferences/<conference_id>/phase")
@page_requires(Action.PHASE_CHANGE)
def change_phase(conference: Conference) -> Response:
    """Move the conference to the next phase (the domain checks the move's guard)."""
    body = form(forms.PhaseMove, request.form)
    if body.to not in set(Phase):
        raise refused("invalid_input.phase", phase=body.to)
    if body.to == Phase.CLOSED and not body.confirm:  # cannot be undone
        raise refused("confirm_missing.close")
    moved = phases.change(db(), conference.id, Phase(body.to), _actor())
    push_state(moved)
    return _done(
        conference, translate("organiser.phase.done", phase=translate_value("phase", body.to))
    )


@bp.post("/conferences/<conference_id>/committee/tokens")
@page_requires(Action.COMMITTEE_MANAGE)
def committee_tokens(conference: Conference) -> Response:
    """One single-use QR per committee member; issuing again discards the earlier ceremony,
    so once a phone has joined the organiser must confirm it. Post, then redirect: a reload
    of the console shows the same codes and never issues new ones."""
    again = form(forms.Reissue, request.form).again
    if ceremony.joined_any(db(), conference.id) and not again:
        raise refused("confirm_missing.reissue")
    issued = ceremony.issue_tokens(db(), conference.id, _actor())
    push_state(conference)
    _keep_tokens(conference, issued)
    return redirect(url_for(".show", conference_id=conference.id))


# The committee's codes issued from this browser and not yet scanned, per conference: kept in
# the organiser's own session so that a reload shows them again (they were shown there anyway).
KEPT_TOKENS = "committee_tokens"


def _keep_tokens(conference: Conference, issued: list[tuple[int, str]]) -> None:
    kept = dict(session.get(KEPT_TOKENS, {}))
    kept[conference.id] = [[member, token] for member, token in issued]
    session[KEPT_TOKENS] = kept


def _kept_tokens(conference: Conference) -> list[dict[str, Any]] | None:
    """The codes this browser issued for `conference` that no phone has taken yet."""
    kept = session.get(KEPT_TOKENS, {})
    waiting = ceremony.pending(
        db(), conference.id, [(m, t) for m, t in kept.get(conference.id, [])]
    )
    if conference.id in kept and not waiting:
        session[KEPT_TOKENS] = {c: t for c, t in kept.items() if c != conference.id}
    return [_committee_token(conference, m, t) for m, t in waiting] or None


def _committee_token(conference: Conference, member: int, token: str) -> dict[str, Any]:
    """The member's address and its QR; the token rides in the fragment, so it is never sent
    to the server with the page's request."""
    page = url_for("committee_page.show", conference_id=conference.id)
    address = f"{public_base()}{page}#{token}"
    return {"member": member, "address": address, "qr": qr.svg(address)}


@bp.post("/conferences/<conference_id>/committee/<int:member>/replace")
@page_requires(Action.COMMITTEE_MANAGE)
def committee_replace(conference: Conference, member: int) -> Response:
    """A member's lost or broken phone: revoked now; the replacement QR is shown once, and
    only the member's backup file redeems it on the new phone."""
    if not form(forms.LostPhone, request.form).lost:
        raise refused("invalid_input.lost_phone")
    token = ceremony.replace_phone(db(), conference.id, member, _actor())
    push_state(conference)
    _keep_tokens(conference, [(member, token)])
    return redirect(url_for(".show", conference_id=conference.id))


@bp.post("/conferences/<conference_id>/committee/names")
@page_requires(Action.COMMITTEE_MANAGE)
def committee_names(conference: Conference) -> Response:
    """Each seat's member by name, for the minutes (fields "member-1" … "member-n")."""
    typed = form(forms.SeatNames, request.form).names
    names = {m: typed.get(m, "") for m in range(1, conference.committee_size + 1)}
    committee_members.name(db(), conference.id, names, _actor())
    return _done(conference, translate("organiser.committee.names.done"))


@bp.post("/conferences/<conference_id>/committee/restart")
@page_requires(Action.COMMITTEE_MANAGE)
def committee_restart(conference: Conference) -> Response:
    """A new ceremony round after a complaint: same phones, every message cleared."""
    ceremony.restart(db(), conference.id, _actor())
    push_state(conference)
    return _done(conference, translate("organiser.committee.restarted"))


@bp.post("/conferences/<conference_id>/cards/undo")
@page_requires(Action.CARDS_UNDO)
def undo_card(conference: Conference) -> Response:
    """A check-in undone after its card was shown: the card stays out, the reason recorded."""
    cards.undo(db(), conference.id, form(forms.Why, request.form).reason, _actor())
    push_state(conference)
    return _done(conference, translate("organiser.cards.undo.done"))


@bp.post("/conferences/<conference_id>/abort")
@page_requires(Action.VOTE_ABORT)
def abort(conference: Conference) -> Response:
    """Stop the vote with a reason: recorded, every card void, nothing ever decrypted."""
    reason = form(forms.Why, request.form).reason
    stopped = opening.abort(db(), conference.id, reason, _actor())
    push_state(stopped)
    return _done(conference, translate("organiser.abort.done"))


@bp.post("/conferences/<conference_id>/practice")
@page_requires(Action.CONFERENCE_CREATE)
def make_practice(conference: Conference) -> Response:
    """A practice round copied from this conference (own cards, ceremony and box, result shown
    openly): the room tries the phones before the real vote."""
    made = practice.create(db(), conference.id, _actor())
    flash(translate("organiser.practice.done"))
    return redirect(url_for(".show", conference_id=made.id))


@bp.get("/conferences/<conference_id>/attendance")
@page_requires(Action.ROSTER_READ)
def attendance(conference: Conference) -> str:
    """The attendance list (danh sách điểm danh) to print on A4, with who was present and why
    each absent attendee was away."""
    return _attendance_page(conference)


@bp.post("/conferences/<conference_id>/attendees/<int:attendee_id>/absence")
@page_requires(Action.ABSENCE_RECORD)
def record_absence(conference: Conference, attendee_id: int) -> Response:
    """Why an absent attendee was away, from the attendance list's row."""
    body = form(forms.AbsenceNote, request.form)
    absence.record(db(), conference.id, attendee_id, body.reason, body.note, _actor())
    flash(translate("attendance.absence.done"))
    return redirect(
        url_for(".attendance", conference_id=conference.id, _anchor=f"attendee-{attendee_id}")
    )


def _attendance_page(conference: Conference, error: ConferenceError | None = None) -> str:
    return render_template(
        "attendance.html",
        conference=conference,
        attendees=roster.attendees(db(), conference.id),
        state=quorum.state(db(), conference),
        step=conferences.step_of(conference),
        now=local(utcnow()),
        may_record=allowed(current_principal(), Action.ABSENCE_RECORD, conference),
        reasons={code: localized(vi, en) for code, (vi, en) in absence.REASONS.items()},
        describe=lambda a: localized(*absence.describe(a)),
        error=error,
        failed=request.view_args.get("attendee_id") if error and request.view_args else None,
    )


def _index_page(error: ConferenceError | None = None) -> str:
    rules = rule_set(current_app)
    steps = [
        (
            f"{procedure.key}:{step.number}",
            localized(
                f"{procedure.title} — {step.title}", f"{procedure.title_en} — {step.title_en}"
            ),
        )
        for procedure in rules.procedures.values()
        for step in procedure.steps
        if step.ballot != "none" and step.composition
    ]
    return render_template(
        "organiser/index.html",
        conferences=conferences.every(db()),
        people=len(registry.every(db())),
        steps=steps,
        tiers=list(rules.tiers),
        rules=rules,
        today=clock.today().isoformat(),
        error=error,
    )


def _conference_page(
    conference: Conference,
    error: ConferenceError | None = None,
    blocks: list[ballot_form.SectionBlock] | None = None,
) -> str:
    step = conferences.step_of(conference)
    return render_template(
        "organiser/conference.html",
        conference=conference,
        step=step,
        groups=[KH331.groups[g] for g in step.composition_for(conference.tier)],
        state=quorum.state(db(), conference),
        attendees=roster.attendees(db(), conference.id),
        blocks=blocks or ballot_form.blocks_of(ballot.describe(conference)),
        devices=devices.of_conference(db(), conference.id),
        moves=[to for (now, to) in phases.MOVES if now == conference.phase],
        # The move onward is the page's main button; a move back is not.
        forward=list(Phase)[list(Phase).index(Phase(conference.phase)) + 1 :],
        in_setup=conference.phase == Phase.SETUP,
        error=error,
        new_link=_issued_link(conference),
        committee=ceremony.status(db(), conference),
        committee_names=committee_members.names(db(), conference),
        committee_tokens=_kept_tokens(conference),
        cards=cards.summary(db(), conference),
        ballots_cast=len(opening.ballot_hashes(db(), conference.id)),
        result=results.view(db(), conference, may_read_sealed=True),
        strings=strings(*LIVE_STRINGS, "organiser.cards", "organiser.cast"),
    )


def _done(conference: Conference, message: str) -> Response:
    """After a change: say so and show the conference again (post, redirect, get)."""
    flash(message)
    return redirect(url_for(".show", conference_id=conference.id))


def _actor() -> str:
    return current_principal().actor


def _details(body: bodies.ConferenceDetails) -> Details:
    return Details(body.title, body.held_on, body.place)


def _committee(body: bodies.ConferenceDetails) -> Committee:
    return Committee(body.committee_size, body.committee_threshold)
