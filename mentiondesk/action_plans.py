"""What a playbook's actions for one mention become: the case to open and whom it is given
to, the drafts to write, and the alerts and tickets to queue in the outbox."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from mentiondesk.alert_routing import alert_targets
from mentiondesk.config import RoutingSection
from mentiondesk.decisions import Decision, DraftPlan, OutboxPlan
from mentiondesk.models import Action, ActionKind, Reading
from mentiondesk.plans import OPT_OUT, draft_plan, priority
from mentiondesk.store import PendingMention
from playbooks import Playbook

_LOGGER = logging.getLogger("mentiondesk.processing")  # said as processing, where it was


def planned(
    p: PendingMention,
    reading: Reading,
    actions: Sequence[Action],
    *,
    routed: Reading,
    routing: RoutingSection,
    playbook: Playbook,
) -> Decision:
    """`reading` is stored as read; alerts are routed on `routed`, the reading the playbook
    decided on ("solved now" as praise, advice as no complaint), as their rules were."""
    opt_out = OPT_OUT in reading.topics
    case_rule: str | None = None
    assignee: str | None = None
    drafts: list[DraftPlan] = []
    outbox: list[OutboxPlan] = []
    for action in actions:
        if action.kind is ActionKind.OPEN_CASE:
            case_rule = case_rule or action.rule
        elif action.kind is ActionKind.ASSIGN:  # a person is given a case: it opens one
            case_rule, assignee = case_rule or action.rule, action.to
        elif action.kind is ActionKind.ALERT:
            locale = playbook.locale(p.mention, routed.lang)
            targets = (
                [action.to]
                if action.to
                else alert_targets(routing, p.mention, routed, action.rule, locale)
            )
            # One alert per chat: a rule naming the chat another's route reached adds none.
            chats = {o.target for o in outbox if o.kind == "alert"}
            outbox += [OutboxPlan("alert", t, action.rule) for t in targets if t not in chats]
        elif action.kind is ActionKind.ESCALATE:
            case_rule = case_rule or action.rule  # a ticket always belongs to a case
            target = action.to or routing.ticket
            if target:
                outbox.append(OutboxPlan("ticket", target, action.rule))
        elif action.kind is ActionKind.DRAFT_PRIVATE and (p.do_not_contact or opt_out):
            _LOGGER.info("mention %s: author asked not to be contacted; no DM drafted", p.id)
        else:
            drafts.append(draft_plan(action, playbook.templates.default_lang))
    return Decision(
        mention_id=p.id,
        author_id=p.author_id,
        mention=p.mention,
        reading=reading,
        case_rule=case_rule,
        priority=priority(reading, p.mention.author, p.mention.platform),
        assignee=assignee,
        drafts=tuple(drafts),
        outbox=tuple(outbox),
        opt_out=opt_out,
    )
