"""The planning process across steps (issue 7, docs/planning.md): from the registry to the source
list, through the chained conferences (or their paper fallback) to the list submitted for
approval, the published lists and the dossier summary.

Domain services over the store, like `voting.conference`: each checks before it changes, logs
what it changed in the process's log and flushes; the caller's unit of work commits. No Flask
here.
"""
