"""Sales reps and their deals on top of the dialogue world: Rita (a rep) owns Acme Corp, Maple
Grove Apartments, Harborview Medical and two deals at Birch Dental; Sam (another rep) owns
Summit Storage; Lena manages all deals. The clock is Monday 2026-03-02, 9:30 in Chicago."""

from __future__ import annotations

from datetime import timedelta

from domain.deals import Deal, DealStage
from domain.demo import DEMO_TIMEZONE
from domain.jobs import Job
from domain.messages import Direction, MessageKind
from domain.money import Line
from domain.parties import Account, Contact, Site
from domain.quotes import Quote, QuoteState
from domain.staff import Role, StaffMember
from tests.conversation_people import DANA, RITA
from tests.integration.dialogue_world import MONDAY_MORNING, World, build_world

SAM = "+13125550114"
LENA = "+13125550115"
ACME_PHONE = "+13125550161"
MAPLE_PHONE = "+13125550162"
SUMMIT_PHONE = "+13125550163"
HARBOR_PHONE = "+13125550164"
BIRCH_PHONE = "+13125550165"


def build_sales_world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    world = build_world(uow_factory)
    now = MONDAY_MORNING
    with uow_factory() as uow:
        ids = world.ids
        ids["sam"] = uow.staff.add(StaffMember(name="Sam Reed", role=Role.SALES, phone=SAM)).id
        ids["lena"] = uow.staff.add(StaffMember(name="Lena Ortiz", role=Role.SALES, phone=LENA,
                                                manages_all_deals=True)).id
        deals = (
            # key, account, phone, owner, title, service, cents, stage, last touch, follow-up
            ("acme", "Acme Corp", ACME_PHONE, "rita", "Furnace replacement", "hvac_repair",
             # Snoozed a day before its quote went unanswered: the quote still lists it.
             1_250_000, DealStage.QUOTED, now - timedelta(days=3), now + timedelta(days=7)),
            ("maple", "Maple Grove Apartments", MAPLE_PHONE, "rita", "Boiler service contract",
             "plumbing_repair", 480_000, DealStage.QUALIFIED, now - timedelta(days=9), None),
            ("harbor", "Harborview Medical", HARBOR_PHONE, "rita", "Panel upgrade", "electrical",
             300_000, DealStage.NEW, now - timedelta(hours=5), now + timedelta(hours=2)),
            ("summit", "Summit Storage", SUMMIT_PHONE, "sam", "Rooftop unit replacement",
             "hvac_repair", 2_000_000, DealStage.NEW, now - timedelta(days=8), None),
            ("birch_ac", "Birch Dental", BIRCH_PHONE, "rita", "AC tune-up", "hvac_repair",
             90_000, DealStage.NEW, now - timedelta(hours=1), now + timedelta(days=20)),
        )
        for key, name, phone, owner, title, service, cents, stage, touched, due in deals:
            account = uow.accounts.first(name=name) or uow.accounts.add(Account(name=name))
            assert account.id is not None
            if uow.contacts.first(account_id=account.id) is None:
                uow.contacts.add(Contact(account_id=account.id, name=f"{name} office",
                                         phone=phone))
                uow.sites.add(Site(account_id=account.id, address="200 W Madison St",
                                   city="Chicago", postal_code="60614", zone_id="north",
                                   timezone=DEMO_TIMEZONE))
            site = uow.sites.first(account_id=account.id)
            assert site is not None and site.id is not None
            ids[f"{key}_account"] = account.id
            ids[f"{key}_site"] = site.id
            ids[key] = uow.deals.add(Deal(
                account_id=account.id, site_id=site.id, title=title, service_id=service,
                owner_id=ids[owner], amount_cents=cents, stage=stage, scope=f"{title} at {name}",
                last_touch_at=touched, next_follow_up_at=due)).id
        ids["birch_heat"] = uow.deals.add(Deal(
            account_id=ids["birch_ac_account"], site_id=ids["birch_ac_site"],
            title="Heat pump install", service_id="hvac_repair", owner_id=ids["rita"],
            amount_cents=95_000, stage=DealStage.NEW, last_touch_at=now,
            next_follow_up_at=now + timedelta(days=20))).id
        uow.quotes.add(Quote(number="Q-3001", account_id=ids["acme_account"],
                             title="Furnace replacement", deal_id=ids["acme"],
                             lines=(Line("Furnace replacement", 1, 1_250_000),),
                             state=QuoteState.SENT, sent_at=now - timedelta(days=4)))
        uow.commit()
    return world


def add_maple_furnace(world: World) -> int:
    """A furnace deal of Rita's at Maple Grove too: the title alone then names two deals."""
    with world.uow_factory() as uow:
        deal_id = uow.deals.add(Deal(
            account_id=world.ids["maple_account"], site_id=world.ids["maple_site"],
            title="Furnace replacement", service_id="hvac_repair", owner_id=world.ids["rita"],
            amount_cents=1_250_000, stage=DealStage.QUOTED, last_touch_at=world.clock.now())).id
        uow.commit()
    assert deal_id is not None
    return deal_id


def won_by_rita(world: World, said: str, key: str) -> Job:
    """Rita names a deal as signed and confirms: the one job it became."""
    world.text(RITA, said)
    world.text(RITA, "Y")
    with world.uow_factory() as uow:
        [job] = uow.jobs.find(deal_id=world.ids[key])
    return job


def answer(world: World, phone: str, text: str) -> str:
    """The replies to one text, joined."""
    return "\n".join(world.text(phone, text).replies)


def dispatch_notices(world: World) -> list[str]:
    """What the dispatcher was sent (call-back requests, deal notices), oldest first."""
    with world.uow_factory() as uow:
        return [m.body for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                if m.address == DANA]


def deal(world: World, key: str) -> Deal:
    with world.uow_factory() as uow:
        found = uow.deals.get(world.ids[key])
        assert found is not None
        return found


__all__ = ["RITA", "add_maple_furnace", "answer", "build_sales_world", "deal", "dispatch_notices",
           "won_by_rita"]
