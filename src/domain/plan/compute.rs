//! Computes a plan: relief on the claim, the upfront payments, the rows of a settlement,
//! an extension or installments, the totals and recovery, and the policy's findings.

use super::affordability::affordability;
use super::recovery::{annualized, dated_flows, present_value};
use super::*;
use crate::domain::calendar;
use crate::domain::claim::{self, Relief};
use crate::domain::exact::Ratio;
use crate::domain::money::{fix_scale, Amount, Rounding};
use crate::domain::policy::PlanFacts;
use crate::domain::schedule::{self, InstallmentTerms};
use chrono::{Days, Months};

/// `part` as a percentage of `whole`, 2 decimals, half away from zero, computed exactly
/// (part × 100 ÷ whole, rounded once); 0 when `whole` is 0.
pub fn percent_of(part: impl Into<Decimal>, whole: impl Into<Decimal>) -> Decimal {
    const PERCENT: Rounding = Rounding { decimals: 2, rule: RoundingRule::HalfAwayFromZero };
    PERCENT.mul_div(part, Decimal::ONE_HUNDRED, whole.into()).unwrap_or_else(|| fix_scale(Decimal::ZERO, 2))
}

/// Computes `input`.
///
/// # Errors
/// [`PlanError`] when relief, upfront payments, dates or the schedule are impossible.
pub fn compute(input: &PlanInput) -> Result<PlanOutcome, PlanError> {
    let rounding = Rounding::new(input.claim.currency, input.rounding_rule);
    let claim = &input.claim;
    let relief: Relief = claim::apply_waivers(claim, &input.waivers, rounding)?;
    let upfront = upfront(input, &relief, rounding)?;
    let upfront_total = upfront.partial_payment + upfront.down_payment;
    let financed = rounding.amount(relief.due.total() - upfront_total);
    let (schedule, frequency) = rows(input, &relief, &upfront, financed, rounding)?;
    let (schedule, grid) = match &input.kind {
        PlanKind::Installments(plan) if !input.moves.is_empty() => {
            let (rows, periods) = move_to_end(schedule, &input.moves, plan.first_due, frequency, rounding)?;
            (rows, Some((plan.first_due, periods)))
        }
        _ if !input.moves.is_empty() => {
            return Err(PlanError::NoSuchInstallment { number: input.moves[0].0, rows: 0 });
        }
        _ => (schedule, None),
    };

    // Sums of amounts of one minor unit, exact: one summing loop for the five columns (one
    // copy of it in the browser's code).
    let [installments_total, principal, interest, charges, fees]: [Amount; 5] = std::array::from_fn(|column| {
        rounding.sum(schedule.iter().map(|r| match column {
            0 => r.payment,
            1 => r.principal,
            2 => r.interest,
            3 => r.charges,
            _ => r.fees,
        }))
    });
    let totals = Totals {
        paid: rounding.amount(upfront_total + installments_total),
        principal,
        interest,
        charges,
        fees,
        installments: installments_total,
        waived: rounding.amount(relief.waived.total()),
        waived_conditional: rounding.amount(relief.conditional.total()),
    };
    let claim_buckets = fix_buckets(claim.buckets, rounding);
    let claim_total = rounding.amount(claim_buckets.total());
    let grid = grid.as_ref().map(|(first_due, periods)| (*first_due, periods.as_slice()));
    let flows = dated_flows(claim.as_of, financed, &schedule, frequency, grid);
    let present_value = rounding.amount(*upfront_total + present_value(&flows, input.discount_rate_percent, frequency));
    let recovery =
        Recovery { amount: totals.paid, percent_of_claim: percent_of(totals.paid, claim_total), present_value };
    let installment_frequency = matches!(input.kind, PlanKind::Installments(_)).then_some(frequency);
    let mut outcome = PlanOutcome {
        currency: claim.currency,
        rounding: input.rounding_rule,
        claim: claim_buckets,
        claim_total,
        waived: relief.waived,
        waived_conditional: relief.conditional,
        reinstated_on_breach: fix_buckets(relief.conditional, rounding),
        due: fix_buckets(relief.due, rounding),
        upfront,
        financed,
        interest_free: totals.charges,
        frequency: installment_frequency,
        annualized_rate: annualized(&flows, frequency, plan_rate_percent(&input.kind)),
        affordability: input
            .budget
            .map(|budget| affordability(&budget, &input.policy, &schedule, installment_frequency, rounding)),
        schedule,
        totals,
        recovery,
        findings: Vec::new(),
    };
    outcome.findings = input.policy.check(&facts(input, &outcome));
    Ok(outcome)
}

/// Re-aging: each installment `moves` names goes to its new due date, a date of the plan's
/// calendar (from `first_due`) after the last row and after the move before it, at the same
/// amounts and split: the rows not moved in their order, then the moved ones in the order
/// of the moves (each keeps its number), the balance counted again down to zero. Returns the
/// rows and each one's period on the calendar (0 for `first_due`).
///
/// # Errors
/// [`PlanError::NoSuchInstallment`]; [`PlanError::NotADueDate`] for a date off the calendar,
/// not after the last row and the move before, or an installment moved twice.
fn move_to_end(
    rows: Vec<ScheduleRow>,
    moves: &[(u32, NaiveDate)],
    first_due: NaiveDate,
    frequency: Frequency,
    rounding: Rounding,
) -> Result<(Vec<ScheduleRow>, Vec<u32>), PlanError> {
    let count = rows.len() as u32;
    let mut slots: Vec<Option<ScheduleRow>> = rows.into_iter().map(Some).collect();
    let mut moved = Vec::with_capacity(moves.len());
    let mut previous = count.saturating_sub(1);
    for &(number, date) in moves {
        let slot = number.checked_sub(1).and_then(|index| slots.get_mut(index as usize));
        let slot = slot.ok_or(PlanError::NoSuchInstallment { number, rows: count })?;
        // The calendar's period of `date`: the whole periods from the first due date, or one
        // more where a month's end falls short of the count back.
        let (whole, _) = calendar::unit_periods_between(first_due, date, frequency);
        let period = [whole, whole + 1].into_iter().find(|p| frequency.due_date(first_due, *p) == Some(date));
        let period = period.filter(|p| *p > previous).ok_or(PlanError::NotADueDate { number })?;
        let row = slot.take().ok_or(PlanError::NotADueDate { number })?;
        previous = period;
        moved.push((period, ScheduleRow { date, ..row }));
    }
    let kept = slots.into_iter().enumerate().filter_map(|(index, row)| Some((index as u32, row?)));
    let placed: Vec<(u32, ScheduleRow)> = kept.chain(moved).collect();
    let mut left: Decimal = placed.iter().map(|(_, row)| *row.principal + *row.charges).sum();
    let mut periods = Vec::with_capacity(placed.len());
    let mut rows = Vec::with_capacity(placed.len());
    for (period, mut row) in placed {
        left -= *row.principal + *row.charges;
        row.balance = rounding.amount(left);
        periods.push(period);
        rows.push(row);
    }
    Ok((rows, periods))
}

/// The partial payment and the down payment, made on the as-of date, and where they go.
fn upfront(input: &PlanInput, relief: &Relief, rounding: Rounding) -> Result<Upfront, PlanError> {
    let down_payment = match &input.kind {
        PlanKind::Installments(plan) => rounding.amount(plan.down_payment),
        _ => rounding.amount(Decimal::ZERO),
    };
    let partial_payment = rounding.amount(input.partial_payment);
    let total = partial_payment + down_payment;
    let due = relief.due.total();
    if total > due {
        return Err(PlanError::UpfrontExceedsDue { due });
    }
    let allocation = claim::allocate(total, &relief.due, &input.allocation_order, rounding)?;
    Ok(Upfront { date: input.claim.as_of, partial_payment, down_payment, allocation })
}

/// The date an extension moves the payment to, if it is after the as-of date.
fn extension_due(as_of: NaiveDate, term: ExtensionTerm) -> Option<NaiveDate> {
    match term {
        ExtensionTerm::Days(days) => as_of.checked_add_days(Days::new(u64::from(days))),
        ExtensionTerm::Months(months) => as_of.checked_add_months(Months::new(months)),
    }
    .filter(|d| *d > as_of)
}

/// The rows that repay `financed`, and the frequency their times are counted in.
fn rows(
    input: &PlanInput,
    relief: &Relief,
    upfront: &Upfront,
    financed: Amount,
    rounding: Rounding,
) -> Result<(Vec<ScheduleRow>, Frequency), PlanError> {
    let financed = financed.value();
    let claim = &input.claim;
    // What is left of the buckets the profile says bear no interest (违约金 and fees on a
    // card) is repaid apart from the rest, without interest.
    let interest_free: Decimal = Bucket::ALL
        .iter()
        .filter(|b| !input.policy.interest_bearing.contains(b))
        .map(|b| *relief.due.get(*b) - *upfront.allocation.get(*b))
        .sum();
    let bearing = financed - interest_free;
    match &input.kind {
        PlanKind::Settlement { pay_by } => {
            if *pay_by < claim.as_of {
                return Err(PlanError::DateNotAfterAsOf);
            }
            let rows = single_row(*pay_by, (bearing, interest_free), Decimal::ZERO, Decimal::ZERO, rounding);
            Ok((rows, Frequency::Monthly))
        }
        PlanKind::Extension { term, fee, interest, day_count } => {
            let due_date = extension_due(claim.as_of, *term).ok_or(PlanError::DateNotAfterAsOf)?;
            let annual_percent = match interest {
                ExtensionInterest::Contract => claim.contract_rate_percent,
                ExtensionInterest::Reduced(rate) => *rate,
                ExtensionInterest::Frozen => Decimal::ZERO,
            };
            // Interest runs on the principal still due; months under the periodic convention
            // are twelfths of a year, everything else uses the day count.
            let (years_numerator, years_denominator) = match (term, day_count) {
                (ExtensionTerm::Months(m), DayCount::Periodic) => (u64::from(*m), 12),
                _ => day_count.year_fraction(claim.as_of, due_date),
            };
            let rate = Ratio::of_annual_percent(annual_percent, years_numerator, years_denominator)
                .ok_or(ScheduleError::Overflow)?;
            let principal_left = relief.due.principal - upfront.allocation.principal;
            let interest_amount = rounding.times(principal_left, rate).ok_or(ScheduleError::Overflow)?;
            let rows = single_row(due_date, (bearing, interest_free), interest_amount, rounding.round(*fee), rounding);
            Ok((rows, Frequency::Monthly))
        }
        PlanKind::Installments(plan) => {
            if financed.is_zero() {
                return Err(PlanError::NothingToFinance);
            }
            let terms = InstallmentTerms {
                financed: bearing,
                interest_free,
                start: claim.as_of,
                first_due: plan.first_due,
                frequency: plan.frequency,
                method: plan.method,
                annual_rate_percent: plan.annual_rate_percent,
                day_count: plan.day_count,
                round_up_to: plan.round_up_to,
            };
            let count = match plan.size {
                InstallmentSize::Count(n) => n,
                InstallmentSize::TargetPayment(target) => {
                    schedule::solve_count(&terms, target, schedule::MAX_INSTALLMENTS, rounding)?
                }
            };
            Ok((schedule::build(&terms, count, rounding)?, plan.frequency))
        }
    }
}

pub(super) fn fix_buckets(mut buckets: Buckets, rounding: Rounding) -> Buckets {
    for b in Bucket::ALL {
        *buckets.get_mut(b) = rounding.amount(buckets.get(b));
    }
    buckets
}

/// The one row of a settlement or an extension: the interest-bearing and the interest-free
/// parts of what is financed, the interest and the fee.
fn single_row(
    date: NaiveDate,
    (principal, charges): (Decimal, Decimal),
    interest: Decimal,
    fees: Decimal,
    rounding: Rounding,
) -> Vec<ScheduleRow> {
    let payment = principal + charges + interest + fees;
    if payment.is_zero() {
        return Vec::new();
    }
    vec![ScheduleRow {
        number: 1,
        date,
        payment: rounding.amount(payment),
        principal: rounding.amount(principal),
        interest: rounding.amount(interest),
        charges: rounding.amount(charges),
        fees: rounding.amount(fees),
        balance: rounding.amount(Decimal::ZERO),
    }]
}

/// The figures of a computed plan that the policy's rules look at.
/// The plan's own annual rate in percent, where the annualized rate's solver starts: an
/// installment plan's; 0 for one payment (few steps from zero).
fn plan_rate_percent(kind: &PlanKind) -> Decimal {
    match kind {
        PlanKind::Installments(plan) => plan.annual_rate_percent,
        _ => Decimal::ZERO,
    }
}

fn facts(input: &PlanInput, outcome: &PlanOutcome) -> PlanFacts {
    let claim = &input.claim;
    let rows = &outcome.schedule;
    let mut facts = PlanFacts {
        waiver_percent: Bucket::ALL
            .iter()
            .map(|b| (*b, percent_of(outcome.waived.get(*b), outcome.claim.get(*b))))
            .collect(),
        contract_date: claim.contract_date,
        ..PlanFacts::default()
    };
    if let Some(last) = rows.last() {
        let (whole, fraction) = calendar::unit_periods_between(claim.as_of, last.date, Frequency::Monthly);
        let months = Decimal::from(whole) + if fraction.is_zero() { Decimal::ZERO } else { Decimal::ONE };
        facts.term_months = Some(months);
    }
    match &input.kind {
        PlanKind::Settlement { .. } => {
            facts.settlement_percent = Some(percent_of(outcome.totals.paid, outcome.claim.total()))
        }
        PlanKind::Extension { term, .. } => {
            facts.extension_days =
                extension_due(claim.as_of, *term).map(|due| Decimal::from(calendar::days_between(claim.as_of, due)));
        }
        PlanKind::Installments(_) => {
            facts.installments = Some(Decimal::from(rows.len()));
            // The last row takes the rounding's remainder: not a regular installment (a
            // re-aging may have moved others after it).
            let last = rows.iter().map(|r| r.number).max().filter(|_| rows.len() > 1);
            let regular = rows.iter().filter(|r| Some(r.number) != last);
            // Compared where the rows are (a copy of each payment went through the stack
            // and stalled every load: 9 % of a 360-row plan's time).
            facts.smallest_installment = regular.min_by(|a, b| a.payment.cmp(&b.payment)).map(|r| r.payment.value());
            let upfront = outcome.upfront.partial_payment + outcome.upfront.down_payment;
            facts.upfront_percent = Some(percent_of(upfront, outcome.due.total()));
        }
    }
    if !matches!(input.kind, PlanKind::Settlement { .. }) {
        facts.nominal_rate_percent = outcome.annualized_rate.as_ref().map(|r| r.nominal_percent);
    }
    facts.payment_share_percent = outcome
        .affordability
        .as_ref()
        .map(|a| percent_of(a.monthly_equivalent_payment, a.disposable_income.value().max(Decimal::ZERO)));
    if outcome
        .affordability
        .as_ref()
        .is_some_and(|a| a.disposable_income.is_sign_negative() || a.disposable_income.is_zero())
    {
        facts.payment_share_percent = Some(Decimal::ONE_THOUSAND);
    }
    facts
}
