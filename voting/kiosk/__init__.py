"""Kiosk mode (issue 8, docs/kiosk.md): a shared tablet in the room, registered by the organiser
as a device link of one conference, on which attendees without a phone vote in turn. The
ballot, its encryption and the receipt are the phone's (js/src/pages/ballot-session.js); the
kiosk adds the code keypad and scanner input, and forgets everything after each voter."""
