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
    """A head's decision does not fit the selection it is applied to. The head reads why, so
    the engine names the reason and its values and writes no text: `reason` is a key of the
    message catalogue (voting/translations), whose two texts the conference layer fills with
    `values` (tests/unit/test_messages.py checks every reason raised has them)."""

    def __init__(self, reason: str, **values: str | int) -> None:
        super().__init__(f"{reason} {values}")
        self.reason = reason
        self.values = values
