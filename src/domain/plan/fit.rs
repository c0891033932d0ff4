//! Making a plan fit the debtor's budget: the smallest installment count, or the smallest
//! waivers within the policy, that bring its monthly burden within the budget.

use super::affordability::{budget_limits, monthly_burden};
use super::compute::fix_buckets;
use super::*;
use crate::domain::claim::{self, WaiverSize};
use crate::domain::money::{Amount, Rounding, RoundingRule};
use crate::domain::policy::RuleKind;

/// The smallest installment count whose payment fits the debtor's budget under `input`'s
/// policy, keeping every other term. Returns the count.
///
/// # Errors
/// [`PlanError`] when the input is not an installment plan with a budget, or no count fits.
pub fn fit_count_to_budget(input: &PlanInput) -> Result<u32, PlanError> {
    let (PlanKind::Installments(plan), Some(budget)) = (&input.kind, &input.budget) else {
        return Err(PlanError::Schedule(ScheduleError::TargetNotApplicable));
    };
    let rounding = Rounding::new(input.claim.currency, input.rounding_rule);
    let (_, max_monthly) = budget_limits(budget, &input.policy, rounding);
    let down = Rounding { rule: RoundingRule::Down, ..rounding };
    let per_year = Decimal::from(plan.frequency.periods_per_year());
    let per_period = down.mul_div(max_monthly, Decimal::from(12), per_year).ok_or(ScheduleError::Overflow)?;
    let mut fitted = input.clone();
    if let PlanKind::Installments(p) = &mut fitted.kind {
        p.size = InstallmentSize::TargetPayment(per_period);
    }
    let policy_max =
        input.policy.limit(RuleKind::MaxInstallments).and_then(|m| u32::try_from(m.trunc().mantissa()).ok());
    let outcome = compute(&fitted)?;
    let count = outcome.schedule.len() as u32;
    match policy_max {
        Some(max) if count > max => Err(PlanError::Schedule(ScheduleError::TargetNotReachable { max })),
        _ => Ok(count),
    }
}

/// Why no waiver fits the budget.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    #[error("fitting needs a budget")]
    NoBudget,
    #[error("no waiver within the policy's limits makes the payment fit the budget")]
    OutOfReach,
    #[error(transparent)]
    Plan(#[from] PlanError),
}

/// The order in which [`fit_waiver_to_budget`] waives: penalty interest and fees first,
/// principal last.
pub const FIT_WAIVER_ORDER: [Bucket; 4] = [Bucket::Penalty, Bucket::Fees, Bucket::Interest, Bucket::Principal];

/// The smallest waivers, keeping every other term, that bring the plan's monthly burden
/// ([`monthly_burden`]) within the debtor's budget: returns the total waived per bucket
/// (what is already waived plus what is added), in the currency.
///
/// Adds to the buckets in [`FIT_WAIVER_ORDER`], each only up to its policy limit (every
/// `MaxWaiverPercent` rule counts, whatever its severity, so the result raises no waiver
/// finding); a bucket without a rule is not waived further. The added total is found by
/// bisection over minor units, so it is exact: one minor unit less would not fit.
///
/// # Errors
/// [`FitError::NoBudget`], [`FitError::OutOfReach`] when even the most the policy allows
/// does not fit, or the plan's own error.
pub fn fit_waiver_to_budget(input: &PlanInput) -> Result<Buckets, FitError> {
    let budget = input.budget.as_ref().ok_or(FitError::NoBudget)?;
    let rounding = Rounding::new(input.claim.currency, input.rounding_rule);
    let (_, max_monthly) = budget_limits(budget, &input.policy, rounding);
    let current = claim::apply_waivers(&input.claim, &input.waivers, rounding).map_err(PlanError::from)?.waived;
    let claim_buckets = fix_buckets(input.claim.buckets, rounding);
    let headroom = |bucket: Bucket| {
        let limit = input
            .policy
            .rules
            .iter()
            .filter(|r| r.rule == RuleKind::MaxWaiverPercent && r.bucket == Some(bucket))
            .map(|r| r.limit.min(Decimal::ONE_HUNDRED))
            .min()
            .unwrap_or(Decimal::ZERO);
        let down = Rounding { rule: RoundingRule::Down, ..rounding };
        let allowed = down.mul_div(claim_buckets.get(bucket), limit, Decimal::ONE_HUNDRED).unwrap_or_default();
        (allowed - *current.get(bucket)).max(Decimal::ZERO)
    };
    let with_extra = |extra: Decimal| {
        let mut left = extra;
        let mut total = current;
        for bucket in FIT_WAIVER_ORDER {
            let take = left.min(headroom(bucket));
            *total.get_mut(bucket) += Amount::from(take);
            left -= take;
        }
        total
    };
    let fits = |waived: &Buckets| -> Result<bool, PlanError> {
        let mut trial = input.clone();
        trial.waivers = Bucket::ALL
            .iter()
            .filter(|b| !waived.get(**b).is_zero())
            .map(|b| Waiver {
                bucket: *b,
                size: WaiverSize::Amount(waived.get(*b).value()),
                conditional: input.waivers.iter().any(|w| w.bucket == *b && w.conditional),
            })
            .collect();
        let outcome = compute(&trial)?;
        Ok(monthly_burden(&outcome.schedule, outcome.frequency, rounding) <= max_monthly)
    };
    if fits(&current)? {
        return Ok(current);
    }
    let unit = input.claim.currency.minor_unit();
    let most = FIT_WAIVER_ORDER.iter().map(|b| headroom(*b)).sum::<Decimal>();
    // Waiving everything may leave nothing to finance, or less than the upfront payments:
    // nothing is owed monthly, so for the search that fits (the result is checked below).
    let fits_or_empty = |extra: Decimal| match fits(&with_extra(extra)) {
        Err(PlanError::NothingToFinance | PlanError::UpfrontExceedsDue { .. })
        | Err(PlanError::Relief(ReliefError::PaymentExceedsDue { .. })) => Ok(true),
        other => other,
    };
    if most.is_zero() || !fits_or_empty(most)? {
        return Err(FitError::OutOfReach);
    }
    // Invariant: `low` minor units do not fit, `high` do.
    let (mut low, mut high) = (Decimal::ZERO, (most / unit).trunc());
    while high - low > Decimal::ONE {
        let middle = ((low + high) / Decimal::TWO).trunc();
        if fits_or_empty(middle * unit)? {
            high = middle;
        } else {
            low = middle;
        }
    }
    let waived = with_extra(rounding.round(high * unit));
    match fits(&waived) {
        Ok(true) => Ok(waived),
        _ => Err(FitError::OutOfReach),
    }
}
