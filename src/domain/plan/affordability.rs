//! The debtor's side: disposable income, the largest monthly payment within the policy's
//! share of it, and a plan's monthly burden.

use super::{Affordability, Budget};
use crate::domain::calendar::Frequency;
use crate::domain::money::{Amount, Rounding, RoundingRule};
use crate::domain::policy::Policy;
use crate::domain::schedule::ScheduleRow;
use rust_decimal::Decimal;

/// The monthly equivalent of a payment made `frequency`-ly: payment × periods a year ÷ 12,
/// rounded once.
pub fn monthly_equivalent(payment: Amount, frequency: Frequency, rounding: Rounding) -> Amount {
    let per_year = Decimal::from(frequency.periods_per_year());
    rounding.mul_div(payment, per_year, Decimal::from(12)).unwrap_or(Decimal::MAX).into()
}

/// Disposable income and the largest monthly payment within the policy's share of it.
pub fn budget_limits(budget: &Budget, policy: &Policy, rounding: Rounding) -> (Amount, Amount) {
    let disposable = rounding.amount(budget.monthly_income - budget.essential_expenses - budget.other_debt_payments);
    let share = policy.limit(crate::domain::policy::RuleKind::MaxPaymentSharePercent).unwrap_or(Decimal::ONE_HUNDRED);
    let down = Rounding { rule: RoundingRule::Down, ..rounding };
    let max_payment =
        down.mul_div(disposable.value().max(Decimal::ZERO), share, Decimal::ONE_HUNDRED).unwrap_or_default();
    (disposable, max_payment.into())
}

/// What the debtor must budget for each month: the largest payment (a balloon included), as
/// a monthly equivalent when it is one of several installments of `frequency`; a single
/// payment counts whole. The affordability check and the "most affordable" mark both use it.
pub fn monthly_burden(rows: &[ScheduleRow], frequency: Option<Frequency>, rounding: Rounding) -> Amount {
    let largest = rows.iter().map(|r| r.payment).max().unwrap_or_default();
    match frequency {
        Some(frequency) if rows.len() > 1 => monthly_equivalent(largest, frequency, rounding),
        _ => largest,
    }
}

pub(super) fn affordability(
    budget: &Budget,
    policy: &Policy,
    rows: &[ScheduleRow],
    frequency: Option<Frequency>,
    rounding: Rounding,
) -> Affordability {
    let (disposable, max_payment) = budget_limits(budget, policy, rounding);
    let monthly = monthly_burden(rows, frequency, rounding);
    Affordability {
        disposable_income: disposable,
        max_monthly_payment: max_payment,
        monthly_equivalent_payment: monthly,
        fits: monthly <= max_payment,
    }
}
