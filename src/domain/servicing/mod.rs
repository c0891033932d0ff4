//! After the agreement: the payments received matched to what the plan asked, the plan's
//! standing at a date (kept, late or broken) and, when broken, the claim with its conditional
//! relief reinstated.
//!
//! The model, in whole minor units:
//! - The plan asks for its **obligations**: the upfront payment (number 0, when there is one)
//!   and each schedule row, in due-date order.
//! - Payments up to the as-of date are **applied oldest obligation first**: obligation k is
//!   covered by whatever the payments received exceed the obligations before it, up to its own
//!   amount. What exceeds every obligation is **overpaid**. Only the sum received by each date
//!   matters, so the status never depends on the order payments are listed in.
//! - Inside one obligation the amount covered goes to its parts by the agreement's allocation
//!   order: the plan's fees (bucket fees), the interest-free charges (违约金 and fees, at the
//!   earlier of fees and penalty), the plan's interest (bucket interest), the principal.
//!   Charges and principal repay the claim; what repaid the claim is attributed to the claim's
//!   buckets by the allocation order, as the upfront payment is.
//! - An obligation is **paid** (on or before its due date), **paid late** (days after the due
//!   date, by the day the payments reached it), **partly paid** or **missed** (past due: its due
//!   date is before the as-of date), or **not yet due**.
//! - The **rule** ([`ServicingRule`]: the creditor's, or the house default) says when the plan
//!   is broken. Once broken the conditional waivers come back whole
//!   ([`PlanOutcome::reinstated_on_breach`]) and the **new claim** per bucket is what the
//!   agreement left due, plus the reinstated relief, less what the payments repaid of the
//!   claim. The plan's own interest and fees end with the plan: what was paid of them stays
//!   paid, what was not is not claimed.
//!
//! Invariants (tested as properties): received = applied + overpaid; applied + outstanding =
//! scheduled; applied = claim repaid + plan interest paid + plan fees paid; and when broken,
//! new claim + claim repaid + final (unconditional) relief = the claim.

pub mod payments;

use crate::domain::claim::{allocate, Bucket, Buckets};
use crate::domain::money::{Amount, Currency, Rounding};
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::ServicingRule;
use chrono::NaiveDate;
use payments::Payment;
use serde::Serialize;

/// Why a status cannot be stated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServicingError {
    #[error("servicing rule: {member} is out of bounds")]
    Rule { member: &'static str },
    #[error("payment {index}: not more than zero, or finer than the currency's minor unit")]
    Payment { index: usize },
    #[error("the amounts are too large to add")]
    TooLarge,
    /// The plan's upfront payment and rows repay more of the claim than it left due: not a
    /// plan the core computed.
    #[error("the plan repays more of the claim than it left due")]
    RepaysMoreThanDue,
}

/// Where an obligation stands at the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum InstallmentState {
    /// Covered in full on or before its due date.
    Paid,
    /// Covered in full after its due date (`daysLate` days after).
    PaidLate,
    /// Past due, part covered.
    PartlyPaid,
    /// Past due, nothing covered.
    Missed,
    /// Due on or after the as-of date (`paid` says what is already covered).
    NotYetDue,
}

/// One obligation at the as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InstallmentStatus {
    /// The schedule row's number; 0 for the upfront payment.
    pub number: u32,
    pub due_date: NaiveDate,
    /// What the plan asks.
    pub amount: Amount,
    /// What the payments covered of it.
    pub paid: Amount,
    pub state: InstallmentState,
    /// The day the payments covered it in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    /// Paid late: days from the due date to `paidOn`; partly paid or missed: days from the
    /// due date to the as-of date; otherwise 0.
    pub days_late: u32,
}

/// The plan's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Standing {
    /// Nothing past due and the rule not broken (a completed plan is kept).
    Kept,
    /// Something past due, the rule not (yet) broken.
    Late,
    /// The rule is broken.
    Broken,
}

/// Which part of the rule broke the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BreachRule {
    DaysLate,
    MissedInRow,
}

/// How and when the plan broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Breach {
    pub rule: BreachRule,
    /// The obligation that broke it (the last of the run, for misses in a row).
    pub installment: u32,
    /// The first day the plan was broken.
    pub on: NaiveDate,
}

/// The next obligation due on or after the as-of date, and what is left of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NextDue {
    pub number: u32,
    pub date: NaiveDate,
    pub amount: Amount,
}

/// An agreement's status at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgreementStatus {
    pub as_of: NaiveDate,
    pub currency: Currency,
    pub standing: Standing,
    /// Every obligation covered in full.
    pub completed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach: Option<Breach>,
    /// The rule applied.
    pub rule: ServicingRule,
    /// Whether the rule applied is the house default ([`ServicingRule::HOUSE_DEFAULT`]).
    pub house_default: bool,
    /// Every payment dated on or before the as-of date.
    pub received: Amount,
    /// Payments dated after the as-of date, not counted.
    pub payments_after_as_of: usize,
    pub installments: Vec<InstallmentStatus>,
    /// Everything the plan asks (upfront and every row).
    pub scheduled: Amount,
    /// What the payments covered of it.
    pub applied: Amount,
    /// `scheduled − applied`.
    pub outstanding: Amount,
    /// Past due and not covered.
    pub arrears: Amount,
    /// Days since the oldest past-due obligation not covered was due; 0 when none.
    pub days_past_due: u32,
    /// Absent when broken or completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_due: Option<NextDue>,
    /// Covered of obligations not yet due (paid ahead, carried forward).
    pub paid_ahead: Amount,
    /// Received beyond every obligation.
    pub overpaid: Amount,
    /// What the payments repaid of the claim, per bucket (by the allocation order).
    pub claim_repaid: Buckets,
    /// What they paid of the plan's own interest and fees.
    pub plan_interest_paid: Amount,
    pub plan_fees_paid: Amount,
    /// The conditional relief reinstated: zero unless broken.
    pub reinstated: Buckets,
    /// When broken: the claim as of the as-of date, per bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_claim: Option<Buckets>,
}

/// One obligation in minor units: its number, due date, amount and parts in the order a
/// payment covers them, each (bucket it repays, units, whether it repays the claim).
struct Obligation {
    number: u32,
    due: NaiveDate,
    amount: i128,
    parts: Vec<(Part, i128)>,
}

/// What a part of an obligation pays.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Claim,
    PlanInterest,
    PlanFees,
}

/// The status of the agreement whose plan is `plan` at `as_of`, from `payments` (any order),
/// by `rule` and the agreement's
/// `allocation_order` (buckets left out come after, in statement order).
///
/// # Errors
/// [`ServicingError`]: a rule out of bounds, a payment not above zero or finer than the minor
/// unit, amounts beyond 128-bit minor units.
pub fn status(
    plan: &PlanOutcome,
    allocation_order: &[Bucket],
    rule: ServicingRule,
    payments: &[Payment],
    as_of: NaiveDate,
) -> Result<AgreementStatus, ServicingError> {
    if let Some(member) = rule.out_of_bounds() {
        return Err(ServicingError::Rule { member });
    }
    let rounding = Rounding::new(plan.currency, plan.rounding);
    let units = |amount: Amount| rounding.to_units(amount).ok_or(ServicingError::TooLarge);
    let amount = |units: i128| rounding.of_units(units).ok_or(ServicingError::TooLarge);
    let order = full_order(allocation_order);
    let position = |bucket: Bucket| order.iter().position(|b| *b == bucket).unwrap_or(order.len());
    let obligations = obligations(plan, &position, &units)?;

    // The sum received by each payment date, dates ascending.
    let mut counted = Vec::with_capacity(payments.len());
    for (index, payment) in payments.iter().enumerate() {
        let paid = rounding
            .to_units(payment.amount)
            .filter(|u| *u > 0 && amount(*u).ok() == Some(Amount::from(payment.amount)));
        let paid = paid.ok_or(ServicingError::Payment { index })?;
        if payment.date <= as_of {
            counted.push((payment.date, paid));
        }
    }
    let payments_after_as_of = payments.len() - counted.len();
    counted.sort_unstable();
    let mut received_by: Vec<(NaiveDate, i128)> = Vec::with_capacity(counted.len());
    for (date, paid) in counted {
        let total = received_by.last().map_or(0, |last| last.1).checked_add(paid).ok_or(ServicingError::TooLarge)?;
        match received_by.last_mut() {
            Some(last) if last.0 == date => last.1 = total,
            _ => received_by.push((date, total)),
        }
    }
    let received = received_by.last().map_or(0, |last| last.1);
    // The day the sum received first reached `target`.
    let reached = |target: i128| {
        let index = received_by.partition_point(|(_, total)| *total < target);
        received_by.get(index).map(|(date, _)| *date)
    };

    let days = |from: NaiveDate, to: NaiveDate| u32::try_from((to - from).num_days()).unwrap_or(0);
    let mut installments = Vec::with_capacity(obligations.len());
    // `before`: what the obligations before the current one ask; after the loop, all of them.
    let (mut before, mut applied, mut arrears, mut paid_ahead) = (0i128, 0i128, 0i128, 0i128);
    let (mut claim_side, mut plan_interest, mut plan_fees) = (0i128, 0i128, 0i128);
    let (mut oldest_past_due, mut next_due) = (None, None);
    // The day each obligation was paid in full, if it was: for the rule.
    let mut settled_on = Vec::with_capacity(obligations.len());
    for obligation in &obligations {
        let after = before.checked_add(obligation.amount).ok_or(ServicingError::TooLarge)?;
        let covered = (received - before).clamp(0, obligation.amount);
        let paid_on = if covered == obligation.amount { reached(after).or(Some(obligation.due)) } else { None };
        let past_due = obligation.due < as_of;
        let (state, days_late) = match paid_on {
            Some(on) if on > obligation.due => (InstallmentState::PaidLate, days(obligation.due, on)),
            Some(_) => (InstallmentState::Paid, 0),
            None if !past_due => (InstallmentState::NotYetDue, 0),
            None if covered == 0 => (InstallmentState::Missed, days(obligation.due, as_of)),
            None => (InstallmentState::PartlyPaid, days(obligation.due, as_of)),
        };
        if past_due && covered < obligation.amount {
            arrears += obligation.amount - covered;
            oldest_past_due.get_or_insert(obligation.due);
        }
        if !past_due && covered < obligation.amount && next_due.is_none() {
            next_due = Some((obligation.number, obligation.due, obligation.amount - covered));
        }
        if obligation.due > as_of {
            paid_ahead += covered;
        }
        let mut left = covered;
        for (part, size) in &obligation.parts {
            let share = left.min(*size);
            left -= share;
            *match part {
                Part::Claim => &mut claim_side,
                Part::PlanInterest => &mut plan_interest,
                Part::PlanFees => &mut plan_fees,
            } += share;
        }
        installments.push(InstallmentStatus {
            number: obligation.number,
            due_date: obligation.due,
            amount: amount(obligation.amount)?,
            paid: amount(covered)?,
            state,
            paid_on,
            days_late,
        });
        settled_on.push(paid_on);
        applied += covered;
        before = after;
    }
    let scheduled = before;

    let breach = breach(&obligations, &settled_on, rule, as_of);
    let completed = applied == scheduled;
    let standing = match (breach, arrears) {
        (Some(_), _) => Standing::Broken,
        (None, 0) => Standing::Kept,
        (None, _) => Standing::Late,
    };
    let claim_repaid =
        allocate(amount(claim_side)?, &plan.due, &order, rounding).map_err(|_| ServicingError::RepaysMoreThanDue)?;
    let zero = Buckets::zero(rounding);
    let (reinstated, new_claim) = if breach.is_some() {
        let mut new_claim = plan.due;
        for bucket in Bucket::ALL {
            let owed = units(plan.due.get(bucket))? + units(plan.reinstated_on_breach.get(bucket))?
                - units(claim_repaid.get(bucket))?;
            *new_claim.get_mut(bucket) = amount(owed)?;
        }
        (plan.reinstated_on_breach, Some(new_claim))
    } else {
        (zero, None)
    };
    Ok(AgreementStatus {
        as_of,
        currency: plan.currency,
        standing,
        completed,
        breach,
        rule,
        house_default: rule == ServicingRule::HOUSE_DEFAULT,
        received: amount(received)?,
        payments_after_as_of,
        installments,
        scheduled: amount(scheduled)?,
        applied: amount(applied)?,
        outstanding: amount(scheduled - applied)?,
        arrears: amount(arrears)?,
        days_past_due: oldest_past_due.map_or(0, |due| days(due, as_of)),
        next_due: match next_due {
            Some((number, date, left)) if breach.is_none() => Some(NextDue { number, date, amount: amount(left)? }),
            _ => None,
        },
        paid_ahead: amount(paid_ahead)?,
        overpaid: amount((received - scheduled).max(0))?,
        claim_repaid,
        plan_interest_paid: amount(plan_interest)?,
        plan_fees_paid: amount(plan_fees)?,
        reinstated,
        new_claim,
    })
}

/// What the debtor owes of the claim at the status's date, per bucket, as a new plan would
/// start from it: when broken, the new claim (the conditional relief reinstated); otherwise
/// what the agreement left due less what the payments repaid of it (the relief stands while
/// the plan does). `status` must be of `plan`.
pub fn claim_owed(plan: &PlanOutcome, status: &AgreementStatus) -> Buckets {
    // The payments repaid at most what the plan left due (`status` refuses more).
    status.new_claim.unwrap_or_else(|| plan.due.minus(&status.claim_repaid))
}

/// Every bucket once: `order`'s first (each at its first mention), then the rest in
/// statement order.
fn full_order(order: &[Bucket]) -> Vec<Bucket> {
    let mut full: Vec<Bucket> = Vec::with_capacity(Bucket::ALL.len());
    for bucket in order.iter().chain(Bucket::ALL.iter()) {
        if !full.contains(bucket) {
            full.push(*bucket);
        }
    }
    full
}

/// The plan's obligations: the upfront payment when there is one, then every row.
fn obligations(
    plan: &PlanOutcome,
    position: &dyn Fn(Bucket) -> usize,
    units: &dyn Fn(Amount) -> Result<i128, ServicingError>,
) -> Result<Vec<Obligation>, ServicingError> {
    let mut obligations = Vec::with_capacity(plan.schedule.len() + 1);
    let upfront = units(plan.upfront.partial_payment)? + units(plan.upfront.down_payment)?;
    if upfront > 0 {
        obligations.push(Obligation {
            number: 0,
            due: plan.upfront.date,
            amount: upfront,
            parts: vec![(Part::Claim, upfront)],
        });
    }
    // Charges (违约金 and fees without interest) sit at the earlier of fees and penalty.
    let charges_at = position(Bucket::Fees).min(position(Bucket::Penalty));
    for row in &plan.schedule {
        let mut parts = [
            (position(Bucket::Fees), Part::PlanFees, units(row.fees)?),
            (charges_at, Part::Claim, units(row.charges)?),
            (position(Bucket::Interest), Part::PlanInterest, units(row.interest)?),
            (position(Bucket::Principal), Part::Claim, units(row.principal)?),
        ];
        parts.sort_by_key(|(at, _, _)| *at);
        obligations.push(Obligation {
            number: row.number,
            due: row.date,
            amount: units(row.payment)?,
            parts: parts.iter().map(|(_, part, size)| (*part, *size)).collect(),
        });
    }
    Ok(obligations)
}

/// The first breach of `rule` by the obligations, each settled on the day given (or not
/// settled by `as_of`).
fn breach(
    obligations: &[Obligation],
    settled_on: &[Option<NaiveDate>],
    rule: ServicingRule,
    as_of: NaiveDate,
) -> Option<Breach> {
    // The day an obligation is first unpaid more than `days` days after its due date, if that
    // happened by the as-of date.
    let late_beyond = |obligation: &Obligation, settled: Option<NaiveDate>, days: u32| {
        let limit = obligation.due.checked_add_days(chrono::Days::new(u64::from(days)))?;
        let unpaid_past_limit = settled.map_or(as_of > limit, |on| on > limit);
        unpaid_past_limit.then(|| limit.succ_opt()).flatten()
    };
    let mut first: Option<Breach> = None;
    let mut consider = |candidate: Breach| {
        if first.is_none_or(|f| candidate.on < f.on) {
            first = Some(candidate);
        }
    };
    let mut run = 0u32;
    for (obligation, settled) in obligations.iter().zip(settled_on) {
        let days_late = rule.broken_after_days_late;
        if let Some(on) = late_beyond(obligation, *settled, days_late).filter(|_| days_late > 0) {
            consider(Breach { rule: BreachRule::DaysLate, installment: obligation.number, on });
        }
        match late_beyond(obligation, *settled, rule.grace_days) {
            Some(on) => {
                run += 1;
                if rule.broken_after_missed_in_row > 0 && run >= rule.broken_after_missed_in_row {
                    consider(Breach { rule: BreachRule::MissedInRow, installment: obligation.number, on });
                }
            }
            None => run = 0,
        }
    }
    first
}

#[cfg(test)]
mod tests;
