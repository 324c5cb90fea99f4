"""The wallet: balance, charges, auto recharge and payment links.

A payment link is a real page of the simulator (/_sim/pay/<token>); confirming it completes the
payment: the wallet is credited, a card is saved for auto recharge, or a pending purchase runs.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..core import scheduler
from ..core.errors import Invalid, NotFound
from ..core.store import World
from .models import Account
from .models import Charge, PaymentLink

MAX_TOP_UP = 100_000.0
# The 400 of wallet-paid operations that cannot run short (quick setup, add-on mailboxes, a
# subscription): the template Zapmail support quoted (observed reference). Buying domains with a
# short wallet is not one of them: it leaves an unpaid invoice (invoice_with_wallet).
INSUFFICIENT = "Insufficient wallet balance. Required: ${required:.2f}, Available: ${available:.2f}"

# purpose -> what confirming a paid link does; domain modules register theirs.
_ON_PAID: dict[str, Callable[[World, Account, PaymentLink], None]] = {}


def on_paid(purpose: str):
    def register(fn):
        _ON_PAID[purpose] = fn
        return fn
    return register


# The largest wallet balance the control plane and fixtures accept: amounts stay exact in a
# float and small enough for every JSON encoder (a 1e20 balance once broke every read).
MAX_BALANCE = 1_000_000_000


def money(value: float) -> float:
    """An amount in dollars, to the cent. A whole amount is an int, as the JSON a JavaScript
    server writes has no '500.0' (the docs type walletBalance as integer; live reads showed 64
    and 0), so typed clients that decode it as an integer keep working."""
    amount = round(float(value) + 0.0, 2)
    return int(amount) if amount.is_integer() else amount


def credit(world: World, account: Account, amount: float, description: str, reference: Optional[str] = None) -> Charge:
    account.wallet_balance = money(account.wallet_balance + amount)
    charge = Charge(id=world.ids.new(account.id_style), amount=money(amount), description=description,
                    created_at=world.now(), balance_after=account.wallet_balance, reference=reference)
    account.charges.append(charge)
    return charge


def ensure_funds(world: World, account: Account, amount: float) -> None:
    """Raise the documented insufficient-balance error unless the wallet (topped up by auto
    recharge when it is on and a card is saved) covers `amount`. Nothing is charged here."""
    amount = money(amount)
    if account.wallet_balance >= amount:
        return
    if account.auto_recharge_enabled and account.payment_method_saved:
        return
    raise Invalid(INSUFFICIENT.format(required=amount, available=account.wallet_balance))


def debit(world: World, account: Account, amount: float, description: str, reference: Optional[str] = None) -> Charge:
    """Charge the wallet. Call ensure_funds first: this recharges from the saved card when auto
    recharge is on and the balance would fall short, then debits."""
    amount = money(amount)
    ensure_funds(world, account, amount)
    if account.wallet_balance < amount:
        top_up = max(account.auto_recharge_amount, money(amount - account.wallet_balance))
        credit(world, account, top_up, "Auto recharge")
    charge = credit(world, account, -amount, description, reference)
    _maybe_auto_recharge(world, account)
    return charge


def _maybe_auto_recharge(world: World, account: Account) -> None:
    if account.auto_recharge_enabled and account.payment_method_saved and \
            account.wallet_balance < account.auto_recharge_threshold:
        credit(world, account, account.auto_recharge_amount, "Auto recharge")


def charge_saved_card(world: World, account: Account, amount: float, description: str = "Wallet credit") -> Charge:
    """Credit the wallet at once from the card saved by an earlier checkout; without one the
    customer must pay a payment link first."""
    if not account.payment_method_saved:
        raise Invalid("No saved payment method: pay a wallet top-up link first to save a card")
    return credit(world, account, amount, description)


def validate_amount(amount, field: str = "amount") -> float:
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        raise Invalid(f"{field} must be a number", field=field)
    if amount != amount or amount <= 0:
        raise Invalid(f"{field} must be greater than 0", field=field)
    if amount > MAX_TOP_UP:
        raise Invalid(f"{field} must be at most {MAX_TOP_UP:.0f}", field=field)
    return money(amount)


def create_link(world: World, account: Account, workspace_id: str, purpose: str, amount: float,
                payload: Optional[dict] = None) -> PaymentLink:
    link = PaymentLink(token=world.ids.token(24), account_id=account.id, workspace_id=workspace_id,
                       purpose=purpose, amount=money(amount), created_at=world.now(), payload=payload or {})
    account.payment_links[link.token] = link
    world.payment_tokens[link.token] = account.id
    return link


def pay_invoice(world: World, account: Account, workspace_id: str, amount: float, description: str,
                payload: Optional[dict] = None) -> PaymentLink:
    """Charge the wallet now (see ensure_funds); the answer is the paid invoice."""
    wallet_amount = money(amount)
    ensure_funds(world, account, wallet_amount)
    link = create_link(world, account, workspace_id, "invoice", wallet_amount, payload)
    debit(world, account, wallet_amount, description, link.token)
    link.status, link.paid_at = "paid", world.now()
    return link


def invoice_with_wallet(world: World, account: Account, workspace_id: str, purpose: str, amount: float,
                        description: str, payload: dict) -> PaymentLink:
    """One invoice for `amount` with the wallet applied. Covered (auto recharge included), it is
    paid at once and what `purpose` buys runs; short, the whole balance is applied and the
    invoice stays open for the rest: nothing runs until it is paid, and unpaid it is dropped
    after unpaid_invoice_seconds with the applied part refunded (observed: Buy domains)."""
    amount = money(amount)
    covered = account.wallet_balance >= amount or (account.auto_recharge_enabled and account.payment_method_saved)
    applied = amount if covered else money(max(account.wallet_balance, 0))
    link = create_link(world, account, workspace_id, purpose, amount, {**payload, "walletApplied": applied})
    if applied:
        debit(world, account, applied, description, link.token)
    if covered:
        link.status, link.paid_at = "paid", world.now()
        _ON_PAID[purpose](world, account, link)
    else:
        scheduler.schedule(account, world.now() + world.settings["unpaid_invoice_seconds"], "invoice.unpaid", link.token)
    return link


@scheduler.handler("invoice.unpaid")
def _drop_unpaid(world: World, account: Account, ref: str, due: float) -> None:
    link = account.payment_links.get(ref)
    if link is None or link.status != "open":
        return
    link.status = "cancelled"
    if link.payload.get("walletApplied"):
        credit(world, account, link.payload["walletApplied"], "Refund: unpaid invoice dropped", link.token)


def amount_due(link: PaymentLink) -> float:
    """What is left to pay on a link once the wallet's part is applied."""
    return money(link.amount - link.payload.get("walletApplied", 0))


def find_link(world: World, token: str) -> tuple[Account, PaymentLink]:
    account = world.accounts.get(world.payment_tokens.get(token, ""))
    link = account.payment_links.get(token) if account else None
    if link is None:
        raise NotFound("Payment link not found")
    return account, link


def pay_link(world: World, token: str) -> PaymentLink:
    """The customer confirms the checkout page: a card pays the amount."""
    account, link = find_link(world, token)
    if link.status != "open":
        raise Invalid(f"This payment link is already {link.status}")
    world.settle(account)
    link.status = "paid"
    link.paid_at = world.now()
    account.payment_method_saved = True
    _ON_PAID[link.purpose](world, account, link)
    return link


@on_paid("wallet_topup")
def _topup_paid(world: World, account: Account, link: PaymentLink) -> None:
    credit(world, account, link.amount, "Wallet top-up", reference=link.token)


@on_paid("payment_method")
def _card_saved(world: World, account: Account, link: PaymentLink) -> None:
    account.auto_recharge_enabled = True
    _maybe_auto_recharge(world, account)


@on_paid("invoice")
def _invoice_paid(world: World, account: Account, link: PaymentLink) -> None:
    """An invoice link for something already paid from the wallet: nothing left to do."""


def set_auto_recharge(world: World, account: Account, workspace_id: str, enable: bool,
                      threshold: Optional[float], amount: Optional[float]) -> Optional[PaymentLink]:
    """enable=false turns it off; enable=true with a saved card turns it on; without a card a
    checkout link to add one is returned and auto recharge starts once it is paid (docs)."""
    if threshold is not None:
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or threshold < 0:
            raise Invalid("threshold must be a number of at least 0", field="threshold")
    if amount is not None:
        validate_amount(amount, "minimumRechargeAmount")
    if not enable:
        account.auto_recharge_enabled = False
        return None
    account.auto_recharge_threshold = money(threshold if threshold is not None else 20)
    account.auto_recharge_amount = money(amount if amount is not None else 50)
    if account.payment_method_saved:
        account.auto_recharge_enabled = True
        _maybe_auto_recharge(world, account)
        return None
    return create_link(world, account, workspace_id, "payment_method", 0.0)
