from datetime import date
from decimal import Decimal

from casework.domain.remedies import Injustice, financial_loss, suggest_remedy

thu_3_jun_2021 = date(2021, 6, 3)
wed_28_may_2025 = date(2025, 5, 28)


def test_no_fault_suggests_no_remedy():
    assert suggest_remedy(Injustice(fault=False), wed_28_may_2025).kinds() == ("none",)


def test_fault_causing_distress_suggests_an_apology_and_a_payment_in_the_band_in_force():
    package = suggest_remedy(Injustice(fault=True, distress=True), thu_3_jun_2021)
    assert package.kinds() == ("apology", "symbolic_payment")
    payment = package.items[1]
    assert (payment.low, payment.high) == (Decimal(100), Decimal(300))
    assert "19 020 817" in payment.source


def test_the_same_findings_in_2025_suggest_the_up_to_500_band():
    payment = suggest_remedy(Injustice(fault=True, distress=True), wed_28_may_2025).items[1]
    assert (payment.low, payment.high) == (None, Decimal(500))


def test_children_who_lost_support_get_a_payment_each():
    package = suggest_remedy(Injustice(fault=True, lost_support_children=3), thu_3_jun_2021)
    payment = package.items[1]
    assert payment.per_child and payment.children == 3
    assert "for each child" in payment.what


def test_outstanding_financial_loss_is_repaid_in_full_with_the_working():
    loss = financial_loss(date(2023, 7, 3), date(2023, 11, 26), Decimal("52.504"), "week")
    package = suggest_remedy(Injustice(fault=True, loss=loss, avoidable_time_and_trouble=True),
                             wed_28_may_2025)
    assert package.kinds() == ("apology", "symbolic_payment", "financial_loss")
    assert package.items[2].amount == Decimal("1102.58")
    assert "147 days" in package.items[2].reason


def test_a_fault_that_could_recur_suggests_a_service_improvement():
    package = suggest_remedy(Injustice(fault=True, could_recur=True), wed_28_may_2025)
    assert package.kinds() == ("apology", "service_improvement")
