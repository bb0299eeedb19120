"""Typed errors of the rules engine: each message says what is wrong and where."""


class RulesError(ValueError):
    """Base of every error the rules engine raises on bad input."""


class RuleSetError(RulesError):
    """A rule-set file or mapping is malformed; the message names the file and the key."""


class CountError(RulesError):
    """Counts given to a threshold, quorum or selection are impossible (negative, agree > base…)."""


class PersonError(RulesError):
    """A person's data cannot be evaluated (unknown sex, born after the reference month…)."""


class DecisionError(RulesError):
    """A head's decision does not fit the selection it is applied to. The head reads why in
    Vietnamese (`vi`); the message stays English like every other error of the engine."""

    def __init__(self, message: str, vi: str) -> None:
        super().__init__(message)
        self.vi = vi
