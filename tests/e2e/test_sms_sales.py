"""A demo sales rep closes a deal by SMS through the signed webhook: a loosely written "X signed!"
and a Y make exactly one job, visible in /api/jobs, also when the texts come twice; the customer's
invitation to pick a time is in their /api/messages thread and their reply offers times for it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.bootstrap import Container
from bot.dialogue.sales_deals import DealView, match
from domain.staff import Role
from tests.e2e.conftest import ADMIN
from tests.e2e.sms import Phone


def open_deals_by_rep(container: Container) -> dict[str, list[DealView]]:
    """Each demo rep's phone with their open deals and the accounts' names."""
    found: dict[str, list[DealView]] = {}
    with container.uow_factory() as uow:
        for rep in uow.staff.find(role=Role.SALES, active=True):
            deals = [d for d in uow.deals.find(owner_id=rep.id) if d.is_open]
            accounts = {a.id: a.name for a in uow.accounts.get_many({d.account_id for d in deals})}
            assert rep.phone is not None
            found[rep.phone] = [DealView(d, accounts[d.account_id]) for d in deals]
    return found


def test_each_demo_rep_owns_open_deals_told_apart_by_account_name(
        sms_container: Container) -> None:
    reps = open_deals_by_rep(sms_container)
    assert len(reps) == 3
    for deals in reps.values():
        assert len(deals) >= 3
        for view in deals:
            surname = view.account.split()[0]
            assert match(deals, surname).chosen is view, (surname, [v.account for v in deals])


def test_a_fuzzy_signed_text_and_y_make_one_job_and_invite_the_customer(
        sms_client: TestClient, sms_container: Container) -> None:
    rep_phone, deals = next(iter(open_deals_by_rep(sms_container).items()))
    view = max(deals, key=lambda v: v.deal.amount_cents)
    said = f"{view.account.split()[0]} signed!"
    rep = Phone(sms_client, rep_phone)
    assert f"{view.account}, {view.deal.title}" in rep.text(said)
    yes = rep.send("Y", sid="SMsalesyes0000000000000000000001")
    assert yes.status_code == 200 and "is open for" in yes.text
    again = rep.send("Y", sid="SMsalesyes0000000000000000000001")  # Twilio retries the same Y
    assert again.status_code == 200
    assert "already won" in rep.text(said)
    assert "Nothing is waiting" in rep.text("Y")
    jobs = sms_client.get("/api/jobs", params={"account_id": view.deal.account_id, "limit": 100},
                          headers=ADMIN)
    assert jobs.status_code == 200
    [job] = [j for j in jobs.json() if j["deal_id"] == view.deal_id]
    assert (job["site_id"], job["service_id"], job["state"]) == (
        view.deal.site_id, view.deal.service_id, "requested")
    with sms_container.uow_factory() as uow:
        contact = uow.contacts.first(account_id=view.deal.account_id)
        assert contact is not None and contact.phone is not None
    thread = sms_client.get("/api/messages", params={"phone": contact.phone}, headers=ADMIN)
    assert thread.status_code == 200
    [invite] = [m for m in thread.json() if job["number"] in m["body"]]
    assert "Reply with a day" in invite["body"]
    assert "We can come" in Phone(sms_client, contact.phone).text("next week works")
