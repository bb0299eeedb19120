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
    """A head's decision does not fit the selection it is applied to."""
