"""Demo data for `make run`: users, statuses, tags and about 300 German customers with persons.

Everything goes through the services, so numbers, statuses, derived search columns and the
history look exactly as if a user had typed it all in. All randomness comes from one seeded
random.Random, so a seed always yields the same data.
"""

import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from simple_history.models import HistoricalRecords

from kundenakte.accounts.models import CompanySettings
from kundenakte.accounts.roles import user_set_role
from kundenakte.customers import demo_values as values
from kundenakte.customers import services
from kundenakte.customers.demo_data import (
    ANCHORS,
    BUSINESSES,
    COMPANY_NAME,
    DEMO_PASSWORD,
    FANCY,
    FANCY_KINDS,
    FOREIGN,
    FOREIGN_SURNAMES,
    FREEMAIL,
    GASTRO_NAMES,
    LEGAL_FORMS,
    NOTES,
    OWNER,
    POSITIONS,
    PUBLIC_NAMES,
    STATUSES,
    SURNAMES,
    TLD,
    TRADES,
    USERS,
    words,
)
from kundenakte.customers.models import Customer, Person, Salutation, Status
from kundenakte.customers.naming import suggest_short_name


@dataclass
class Plan:
    """A customer before it is saved, with what comes after: tags, persons, number, status."""

    customer: Customer
    owner: tuple[str, str] | None = None  # surname and title of the firm's owner
    tags: list[str] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    anchor: bool = False


@dataclass
class DemoResult:
    customers: int = 0
    numbered: int = 0
    persons: int = 0
    users: list[str] = field(default_factory=list)


def _owner_position(customer: Customer, salutation: str) -> tuple[str, str]:
    name = customer.company_name
    sole = name.endswith(("e.K.", "GbR")) or name == customer.short_name
    return values.gendered(salutation, OWNER if sole else POSITIONS[0]), "Geschäftsleitung"


def _company_persons(rng: random.Random, plan: Plan, domain: str) -> list[Person]:
    customer, persons = plan.customer, []
    for index in range(rng.choices([1, 2, 3], [50, 35, 15])[0]):
        owner = plan.owner if index == 0 else None
        salutation, title, first, last = values.person_name(rng, owner[0] if owner else "")
        if owner:
            title = owner[1]
            position, department = _owner_position(customer, salutation)
            if customer.company_name == customer.short_name and rng.random() < 0.5:
                customer.company_name_2 = f"Inh. {' '.join(p for p in (title, first, last) if p)}"
        else:
            role = rng.choice(POSITIONS[1:])
            position, department = values.gendered(salutation, role), role[3]
        local = values.ascii_slug(rng.choice([f"{first}.{last}", f"{first[0]}.{last}", last]))
        persons.append(
            Person(
                salutation=salutation,
                title=title,
                first_name=first,
                last_name=last,
                position=position,
                department=department if rng.random() < 0.6 else "",
                email=f"{local.replace('-', '.')}@{domain}" if rng.random() < 0.8 else "",
                phone=values.direct_dial(rng, customer.phone),
                mobile=values.mobile(rng) if rng.random() < 0.4 else "",
            )
        )
    return persons


def _company(
    rng: random.Random, name: str, short: str, sector: str, place: list[str] | None = None
) -> Plan:
    postal_code, city, area = place or values.place(rng)
    short = short or suggest_short_name(company_name=name)
    domain = f"{values.ascii_slug(short)}.{TLD}"
    with_form = not name.endswith(("e.K.", "GbR")) and name != short
    customer = Customer(
        kind=Customer.Kind.COMPANY,
        short_name=short,
        company_name=name,
        street="Rathausplatz 1" if sector == "public" else values.street(rng),
        postal_code=postal_code,
        city=city,
        phone=values.phone(rng, area, company=True),
        mobile=values.mobile(rng) if rng.random() < 0.2 else "",
        email=f"{rng.choice(['info', 'kontakt', 'buero', 'post'])}@{domain}"
        if rng.random() < 0.9
        else "",
        website=f"https://www.{domain}" if rng.random() < 0.55 else "",
        vat_id=values.german_vat_id(rng) if rng.random() < (0.6 if with_form else 0.2) else "",
        payment_terms_days=30 if sector == "public" else rng.choices([7, 14, 30], [2, 5, 3])[0],
        notes=rng.choice(NOTES) if rng.random() < 0.2 else "",
    )
    if customer.phone.endswith("-0") and rng.random() < 0.4:
        customer.fax = f"{customer.phone[:-1]}99"
    if not customer.vat_id and rng.random() < 0.3:
        customer.tax_number = (
            f"{rng.randint(10, 99)}/{values.digits(rng, 3)}/{values.digits(rng, 5)}"
        )
    return Plan(customer=customer, tags=values.tags_for(rng, sector))


def _generated_company(rng: random.Random) -> tuple[str, str, str, str]:
    """Company name, short name, sector and owner's surname of a random German firm."""
    surname = rng.choice(SURNAMES + FOREIGN_SURNAMES["tr"][:6])
    pattern = rng.choices(
        ["trade", "business", "sons", "fancy", "gastro", "partners"], [45, 22, 6, 9, 10, 8]
    )[0]
    if pattern == "trade":
        sector = rng.choices(list(TRADES), [45, 10, 15, 15, 15])[0]
        trade = rng.choice(words(TRADES[sector]))
        # Liberal professions (doctors, tax advisers, engineers) cannot register as e.K.
        free = trade.endswith(("praxis", "therapie", "pädie", "beratung", "büro"))
        form = rng.choices(["e.K.", "GmbH", "", "Inh."], [0 if free else 40, 25, 25, 10])[0]
        if form == "Inh.":
            return f"{trade} {surname}", "", sector, surname
        return f"{trade} {surname} {form}".strip(), "", sector, surname
    if pattern == "business":
        business = rng.choice(BUSINESSES)
        return f"{surname} {business} {rng.choice(LEGAL_FORMS)}", "", "trade", surname
    if pattern == "sons":
        prefix = rng.choice([f"{surname} & Söhne", f"Gebr. {surname}"])
        return f"{prefix} {rng.choice(['KG', 'GmbH', 'OHG'])}", "", "trade", surname
    if pattern == "fancy":
        name = f"{rng.choice(FANCY)} {rng.choice(FANCY_KINDS)}"
        return f"{name} {rng.choice(LEGAL_FORMS)}", "", "services", ""
    if pattern == "gastro":
        return rng.choice(GASTRO_NAMES), "", "gastro", ""
    other = rng.choice([s for s in SURNAMES if s != surname])
    prefix = rng.choice(["Rechtsanwälte", "Steuerberater", "Architekten", "Gemeinschaftspraxis"])
    form = rng.choice(["GbR", "PartG mbB"])
    sector = "health" if prefix == "Gemeinschaftspraxis" else "services"
    return f"{prefix} {surname} & {other} {form}", "", sector, surname


def _public_company(rng: random.Random) -> Plan:
    place = values.place(rng)
    name = rng.choice(PUBLIC_NAMES).format(city=place[1])
    plan = _company(rng, name, "", "public", place)
    plan.customer.vat_id = ""
    return plan


def _foreign_company(rng: random.Random, row: list[str]) -> Plan:
    name, short, postal_code, city, country, street, phone, sector = row
    plan = _company(rng, name, short, sector)
    customer = plan.customer
    customer.postal_code, customer.city, customer.country = postal_code, city, country
    customer.street, customer.phone, customer.fax = street, phone, ""
    customer.vat_id, customer.tax_number = values.foreign_vat_id(rng, country), ""
    customer.payment_terms_days = 30
    return plan


def _private_person(rng: random.Random) -> Plan:
    salutation, title, first, last = values.person_name(rng)
    postal_code, city, area = values.place(rng)
    suffix = rng.choice(["", "", str(rng.randint(60, 99))])
    mail = f"{values.ascii_slug(first)}.{values.ascii_slug(last)}{suffix}"
    customer = Customer(
        kind=Customer.Kind.PERSON,
        short_name=suggest_short_name(first_name=first, last_name=last),
        salutation=salutation,
        title=title,
        first_name=first,
        last_name=last,
        street=values.street(rng),
        postal_code=postal_code,
        city=city,
        phone=values.phone(rng, area, company=False) if rng.random() < 0.5 else "",
        mobile=values.mobile(rng) if rng.random() < 0.8 else "",
        email=f"{mail}@{rng.choice(FREEMAIL)}" if rng.random() < 0.7 else "",
        payment_terms_days=rng.choices([7, 14], [1, 3])[0],
        notes=rng.choice(NOTES) if rng.random() < 0.15 else "",
    )
    return Plan(customer=customer, tags=values.tags_for(rng, ""))


def _austrian_person(rng: random.Random) -> Plan:
    plan = _private_person(rng)
    customer = plan.customer
    customer.salutation, customer.title = Salutation.MS, "Mag."
    customer.first_name, customer.last_name = "Katharina", "Huber"
    customer.short_name = "Huber, Katharina"
    customer.street, customer.postal_code, customer.city = "Neubaugasse 12/4", "1070", "Wien"
    customer.country, customer.phone = "AT", "+43 1 5234178"
    customer.email = f"katharina.huber@{rng.choice(FREEMAIL)}"
    return plan


def customer_plans(rng: random.Random, count: int) -> list[Plan]:
    """`count` customers, about 70 % firms and 30 % private persons.

    The anchors and the foreign customers (47 in all) are always part of it, so a smaller count
    still yields those 47.
    """
    plans = [_company(rng, name, short, sector) for name, short, sector, _o, _t in ANCHORS]
    for plan, (*_, owner, title) in zip(plans, ANCHORS, strict=True):
        plan.anchor, plan.owner = True, (owner, title) if owner else None
    plans += [_foreign_company(rng, row) for row in FOREIGN] + [_austrian_person(rng)]
    persons = round(count * 0.3) - 1
    short_names = {p.customer.short_name for p in plans}
    while len(plans) < count - persons:
        if rng.random() < 0.05:
            plan = _public_company(rng)
        else:
            name, short, sector, owner = _generated_company(rng)
            plan = _company(rng, name, short, sector)
            plan.owner = (owner, "Dr." if "praxis" in name else "") if owner else None
        if plan.customer.short_name not in short_names:
            short_names.add(plan.customer.short_name)
            plans.append(plan)
    plans += [_private_person(rng) for _ in range(max(count - len(plans), 0))]
    for plan in plans:
        if plan.customer.is_company:
            domain = f"{values.ascii_slug(plan.customer.short_name)}.{TLD}"
            plan.persons = _company_persons(rng, plan, domain)
    rng.shuffle(plans)
    return plans


@contextmanager
def _history_author(user):
    """Record `user` as the author of every change, as HistoryRequestMiddleware does in a view."""
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del HistoricalRecords.context.request


def demo_users_create() -> list:
    """The three demo users, one per role, all with the password "demo".

    An existing user of the same name is kept as it is: its password is never reset.
    """
    user_model = get_user_model()
    users = []
    for username, first_name, last_name, role in USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                email=f"{username}@example.com",
                first_name=first_name,
                last_name=last_name,
            )
            user_set_role(user=user, role=role)
        users.append(user)
    return users


def demo_statuses_create() -> dict[str, Status]:
    for name, kind, color in STATUSES:
        if not Status.objects.filter(name__iexact=name).exists():
            services.status_save(status=Status(name=name, kind=kind, color=color))
    return {status.name: status for status in Status.objects.all()}


def _status_for_prospect(rng: random.Random, statuses: dict[str, Status]) -> Status:
    name = rng.choices(
        ["Interessent", "Kontakt aufgenommen", "Angebot angefragt", "Kein Interesse"], [4, 3, 3, 1]
    )[0]
    return statuses.get(name) or services.status_default(kind=Status.Kind.WITHOUT_NUMBER)


def _customer_save(rng: random.Random, user, plan: Plan, statuses, numbered: bool) -> None:
    customer = plan.customer
    if not numbered:
        customer.status = _status_for_prospect(rng, statuses)
    services.customer_create(user=user, customer=customer, tag_names=plan.tags)
    for person in plan.persons:
        person.customer = customer
        services.person_save(person=person)
    if not numbered:
        return
    services.customer_assign_number(user=user, customer=customer)
    later = rng.choices(["", "Stammkunde", "Ehemaliger Kunde"], [70, 20, 10])[0]
    if later in statuses:
        customer.status = statuses[later]
        services.customer_update(user=user, customer=customer)
        if later == "Ehemaliger Kunde" and not plan.anchor and rng.random() < 0.3:
            services.customer_set_archived(user=user, customer=customer, archived=True)


def demo_load(*, seed: int = 42, count: int = 300) -> DemoResult:
    """Create the demo data; the caller holds the transaction and checks the database is empty."""
    rng = random.Random(seed)
    users = demo_users_create()
    settings = CompanySettings.load()
    if not settings.company_name:
        settings.company_name = COMPANY_NAME
        settings.save()
    statuses = demo_statuses_create()
    plans = customer_plans(rng, count)
    numbered = set(rng.sample(range(len(plans)), round(len(plans) * 0.6)))
    with _history_author(users[0]):
        for index, plan in enumerate(plans):
            _customer_save(rng, users[0], plan, statuses, index in numbered)
    return DemoResult(
        customers=len(plans),
        numbered=len(numbered),
        persons=sum(len(p.persons) for p in plans),
        users=[u.username for u in users],
    )
