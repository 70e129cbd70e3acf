"""Read and decide: stored mentions → classifier → playbook → decisions written with the outbox."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from mentiondesk.action_plans import planned
from mentiondesk.bystanders import as_advice
from mentiondesk.case_history import with_case_joined, with_joined_cases
from mentiondesk.cases import SPAM, follows_up
from mentiondesk.claims_in_hand import ClaimsInHand
from mentiondesk.config import Config
from mentiondesk.corrected_drafts import history_before
from mentiondesk.decisions import Decision, record
from mentiondesk.edited_reread import read_before, reread
from mentiondesk.models import Action, ActionKind, Classifier, History, Reading
from mentiondesk.plans import OPT_OUT, priority
from mentiondesk.resolution import as_praise, is_praise, says_resolved
from mentiondesk.store import PendingMention, Store
from mentiondesk.store_engine import lost
from mentiondesk.survey_answers import take_answers
from mentiondesk.thread_advice import advising
from playbooks import Playbook

_LOGGER = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)  # a claim on a mention; a held one is tried again after it
PLAYBOOK_ERROR = "playbook-error"  # the rule name on cases opened because a rule failed


class Processor:
    """Processes claimed mentions in batches; every step of a batch runs in a worker thread."""

    def __init__(
        self, config: Config, store: Store, classifier: Classifier, playbook: Playbook
    ) -> None:
        self.config = config
        self.store = store
        self.classifier = classifier
        self.playbook = playbook
        self.batch_size = config.settings.sentiment.batch_size
        self.processed = 0  # mentions read for the first time: the run's "new"
        self.reread = 0  # mentions read again because their post was edited (edited_reread)
        # Mentions that could not be read or recorded, held: they stay stored and unread, and
        # are claimed again when their lease lapses (the next run). Ids, not a count: one
        # failing again after its lease lapsed in a long run is still one mention.
        self.held: set[int] = set()
        # Claimed and not decided when the database went away: taken up again at the next try
        # once it answers, not left for their claim to lapse (claims_in_hand).
        self.in_hand = ClaimsInHand(LEASE)

    @property
    def failed(self) -> int:
        """How many mentions this process could not read or record (and has not since)."""
        return len(self.held)

    def process_batch(self) -> int:
        """Claim, read, decide and record one batch; return how many mentions it took from
        the backlog: decided, or held because they could not be read or recorded. Those it
        claimed before the database went away come first, as soon as it answers again."""
        began = self.in_hand.clock()
        claimed = self.in_hand.renew(self.store)
        if not claimed:
            claimed = self.store.claim_unprocessed(self.batch_size, LEASE)
            self.in_hand.took(claimed, began)
        if not claimed:
            return 0
        try:
            self._process(claimed)
        except Exception as exc:
            if not lost(exc):  # a failure of its own: their claims lapse, as they did before
                self.in_hand.let_go()
            raise
        self.in_hand.let_go()
        return len(claimed)

    def _process(self, claimed: Sequence[PendingMention]) -> None:
        readings = self._read(claimed)
        # Someone who asks us to stop in this batch gets no DM for any mention in it either.
        stopped = {p.author_id for p, r in readings if OPT_OUT in r.topics}
        pairs = [
            (replace(p, do_not_contact=True) if p.author_id in stopped else p, r)
            for p, r in readings
        ]
        # A mention read before is back because its post was edited (edited_posts).
        again = read_before(self.store, [p.id for p, _ in pairs])
        read = [p for p, r in pairs if SPAM not in r.topics]
        advice = advising(self.store, read, self.config.settings.brand.handles)
        # Counted as each is recorded: an outage midway leaves those before it recorded.
        for p, r in [(p, r) for p, r in pairs if p.id in again]:
            self.reread += self._reread(p, r, advice=p.id in advice)
        for part in by_author_turn([(p, r) for p, r in pairs if p.id not in again]):
            self.processed += self._decide_and_record(part, advice)

    def _read(self, pending: Sequence[PendingMention]) -> list[tuple[PendingMention, Reading]]:
        """The batch's readings; if the classifier fails on the batch, each mention is read
        alone, so that one it cannot read is held and the others go on."""
        try:
            return list(zip(pending, self._classify(pending), strict=True))
        except Exception as exc:
            if len(pending) == 1:
                self._hold(pending[0].id, "could not be read", exc)
                return []
            said = "reading a batch of %d mentions failed (%s); reading each alone"
            _LOGGER.warning(said, len(pending), type(exc).__name__)
        pairs: list[tuple[PendingMention, Reading]] = []
        for p in pending:
            try:
                pairs += zip([p], self._classify([p]), strict=True)
            except Exception as exc:
                self._hold(p.id, "could not be read", exc)
        return pairs

    def _classify(self, pending: Sequence[PendingMention]) -> list[Reading]:
        texts = [p.mention.text for p in pending]
        return self.classifier.classify(texts, [p.mention.lang for p in pending])

    def _hold(self, mention_id: int, what: str, exc: Exception) -> None:
        # The class only: a classifier's or database's message may quote the mention's text.
        _LOGGER.error(
            "mention %s %s: %s; held, stored unread, tried again when its claim lapses",
            mention_id,
            what,
            type(exc).__name__,
        )
        self.held.add(mention_id)

    def _reread(self, p: PendingMention, reading: Reading, *, advice: bool) -> bool:
        """An edited post read again: its alerts and tickets routed as a new post's would be,
        decided on the author's history as it was when the post first came in. False when
        it failed: the mention is held, its earlier reading stands meanwhile."""
        try:
            with self.store.engine.connect() as conn:
                history = with_case_joined(conn, history_before(conn, p.author_id, p.id), p.id)
            plans = self.decide(p, reading, history, advice=advice).outbox
            survey = self.config.settings.survey  # an answer read from the post follows it
            reread(
                self.store, self.playbook, p, reading, advice=advice, outbox=plans, survey=survey
            )
        except Exception as exc:
            if lost(exc):  # the database went away: the batch is taken up again once it is back
                raise
            self._hold(p.id, "could not be read again", exc)
            return False
        self.held.discard(p.id)
        return True

    def _decide_and_record(
        self, part: Sequence[tuple[PendingMention, Reading]], advice: set[int]
    ) -> int:
        """Decide and record mentions of distinct authors; return how many were recorded.

        Histories are read here, after the previous part was recorded: an author's second
        mention in a batch (a catch-up after an outage, the first run) then knows the case
        the first one opened, as it would a minute later ("you won't need to repeat yourself").
        """
        # A customer's score for their case just resolved ([survey]): recorded, nothing more.
        answers, part = take_answers(self.store, self.config.settings.survey, part)
        histories = self.store.histories([p.author_id for p, _ in part])
        with self.store.engine.connect() as conn:  # the case each one's follow-up joins
            histories = with_joined_cases(conn, histories)
        decisions = answers + [
            self.decide(p, r, histories.get(p.author_id, History()), advice=p.id in advice)
            for p, r in part
        ]
        routing = self.config.settings.routing
        cap = self.config.settings.playbooks.auto_reply_daily_cap
        try:
            done = record(self.store, decisions, post_route=routing.post, auto_daily_cap=cap)
        except Exception as exc:
            if lost(exc):  # no mention's fault: each would fail alike, and be held for nothing
                raise
            if len(decisions) == 1:
                self._hold(decisions[0].mention_id, "could not be recorded", exc)
                return 0
            # One mention the database refuses must not hold back the rest of its batch.
            said = "recording %d decisions failed (%s); recording each alone"
            _LOGGER.warning(said, len(decisions), type(exc).__name__)
            self._record_each(decisions, routing.post, cap)
            return 0  # counted by _record_each as each is recorded
        self.held.difference_update(d.mention_id for d in decisions)
        return done

    def _record_each(self, decisions: list[Decision], post: dict[str, str], cap: int) -> None:
        for d in decisions:
            try:
                self.processed += record(self.store, [d], post_route=post, auto_daily_cap=cap)
            except Exception as exc:  # stays stored, claimed again when its lease lapses
                if lost(exc):
                    raise
                self._hold(d.mention_id, "could not be recorded", exc)
            else:
                self.held.discard(d.mention_id)

    def decide(
        self, pending: PendingMention, reading: Reading, history: History, *, advice: bool = False
    ) -> Decision:
        # "Sorted now, thanks" names the problem: the classifier may read it as a complaint.
        # On the author's open case it is decided as praise; its reading is stored as read.
        # Advice to another customer in their thread ("@ana try clearing the cache") names
        # their problem: no complaint of the adviser's, and nothing about the adviser's case.
        resolves = not advice and resolves_case(pending, reading, history)
        seen = as_praise(reading) if resolves else as_advice(reading) if advice else reading
        # Advice and spam join no case (cases.assign_cases): the rules see them as no follow-up.
        joins = not advice and follows_up(reading)
        told = history if joins else replace(history, joins_case=None, joins_case_opened_at=None)
        try:
            actions = self.playbook.decide(pending.mention, seen, told, mention_id=pending.id)
        except Exception as exc:  # nothing unforeseen may stall the mentions behind it
            _LOGGER.error(
                "mention %s: the playbook failed (%s); opened a case for a person",
                pending.id,
                type(exc).__name__,
            )
            actions = [Action(kind=ActionKind.OPEN_CASE, rule=PLAYBOOK_ERROR)]
        routing, playbook = self.config.settings.routing, self.playbook
        decision = planned(
            pending, reading, actions, routed=seen, routing=routing, playbook=playbook
        )
        if resolves:  # no complaint's urgency lifts the case it says is solved
            urgent = priority(seen, pending.mention.author, pending.mention.platform)
            decision = replace(decision, priority=urgent, resolves=True)
        if advice:
            urgent = priority(seen, pending.mention.author, pending.mention.platform)
            decision = replace(decision, priority=urgent, advice=True)
        if history.open_cases and is_praise(seen):
            # Praise joins the author's open case (cases.assign_cases), where a person answers
            # it knowing the case: a "made our day!" posted by itself beside it would not.
            drafts = tuple(replace(d, auto=False) for d in decision.drafts)
            return replace(decision, drafts=drafts)
        return decision


def resolves_case(pending: PendingMention, reading: Reading, history: History) -> bool:
    """A follow-up on the author's open case that says the problem is solved (resolution.py)
    and is not praise already; spam never follows up (cases.follows_up)."""
    if not history.open_cases or is_praise(reading) or SPAM in reading.topics:
        return False
    return says_resolved(pending.mention.text)


def by_author_turn(
    items: Sequence[tuple[PendingMention, Reading]],
) -> list[list[tuple[PendingMention, Reading]]]:
    """Each author's first mention in `items`, then each one's second, and so on: no part holds
    two mentions of one author. Usually one part, as a batch rarely repeats an author; parts by
    turn rather than cut at each repeat keep a catch-up to two or three transactions a batch
    (a follow-up's case and draft numbers then come after the batch's first mentions')."""
    parts: list[list[tuple[PendingMention, Reading]]] = []
    turns: dict[int, int] = {}
    for item in items:
        turn = turns.get(item[0].author_id, 0)
        turns[item[0].author_id] = turn + 1
        if turn == len(parts):
            parts.append([])
        parts[turn].append(item)
    return parts
