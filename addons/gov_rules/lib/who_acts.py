"""Who acts for whom on one day (R5.3, R5.4, R40.1): the one service routing, escalation and the
cycle check share."""


class WhoActs:
    """Built from the day's stand-ins ``{absent user: who stands in}`` (one search of the absences):
    calling it with a user gives who acts for him, following a chain of stand-ins (the head is away,
    the executive deputy acts; he is away too, his A/B partner acts)."""

    def __init__(self, stand_in):
        self.stand_in = stand_in

    def chain(self, user):
        """``user`` and each stand-in after him, up to the one who is present (or up to a repetition)."""
        chain = [user]
        while (substitute := self.stand_in.get(chain[-1])) and substitute not in chain:
            chain.append(substitute)
        return chain

    def cycle(self, user):
        """The chain from ``user`` back to someone already in it, or None (absences must never make one)."""
        chain = self.chain(user)
        substitute = self.stand_in.get(chain[-1])
        return [*chain, substitute] if substitute else None

    def __call__(self, user):
        return self.chain(user)[-1] if user else user

    def standing_in_through(self, users):
        """``users`` and everyone away whose chain of stand-ins passes through one of them."""
        affected = users
        while True:
            more = [absent for absent, substitute in self.stand_in.items()
                    if substitute & affected and absent not in affected]
            if not more:
                return affected
            affected = affected.union(*more)
