"""Running a conference up to the opening of voting: set-up, roster, ballot, check-in, phases.

Domain services over the store: each takes a SQLAlchemy session, checks everything before it
changes anything, records what it changed in the conference's hash-chained event log and
flushes; the caller's unit of work commits (`voting.store.unit`). No Flask here: the web views
and the command line both call these.
"""
