//! The claim and the relief on it: buckets, waivers, and how a payment is allocated.
//!
//! Invariants: a waiver never exceeds its bucket; an allocation never exceeds what is due in
//! a bucket, and its parts sum exactly to the amount allocated.
//! Policy: payments go to buckets in the allocation order, by default fees, penalty interest,
//! interest, principal (the usual order of Chinese card issuers and of most US and EU
//! servicers: costs before principal).

use super::money::{Amount, Currency, Rounding};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One bucket of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Bucket {
    /// 本金
    Principal,
    /// 利息
    Interest,
    /// 罚息
    Penalty,
    /// 费用 / 滞纳金
    Fees,
}

crate::by_name!(Bucket { "principal" => Principal, "interest" => Interest, "penalty" => Penalty, "fees" => Fees });

impl Bucket {
    /// Every bucket, in the order of a claim statement.
    pub const ALL: [Bucket; 4] = [Bucket::Principal, Bucket::Interest, Bucket::Penalty, Bucket::Fees];
    /// The default allocation order: fees, penalty interest, interest, principal.
    pub const DEFAULT_ORDER: [Bucket; 4] = [Bucket::Fees, Bucket::Penalty, Bucket::Interest, Bucket::Principal];

    /// The bucket's camelCase key, as in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Bucket::Principal => "principal",
            Bucket::Interest => "interest",
            Bucket::Penalty => "penalty",
            Bucket::Fees => "fees",
        }
    }
}

/// One amount per bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Buckets {
    pub principal: Amount,
    pub interest: Amount,
    pub penalty: Amount,
    pub fees: Amount,
}

impl Buckets {
    /// All buckets at zero with the scale of `rounding`.
    pub fn zero(rounding: Rounding) -> Self {
        let z = rounding.amount(Decimal::ZERO);
        Buckets { principal: z, interest: z, penalty: z, fees: z }
    }

    /// The amount in `bucket`.
    pub fn get(&self, bucket: Bucket) -> Amount {
        match bucket {
            Bucket::Principal => self.principal,
            Bucket::Interest => self.interest,
            Bucket::Penalty => self.penalty,
            Bucket::Fees => self.fees,
        }
    }

    /// A mutable reference to the amount in `bucket`.
    pub fn get_mut(&mut self, bucket: Bucket) -> &mut Amount {
        match bucket {
            Bucket::Principal => &mut self.principal,
            Bucket::Interest => &mut self.interest,
            Bucket::Penalty => &mut self.penalty,
            Bucket::Fees => &mut self.fees,
        }
    }

    /// The sum of all buckets.
    pub fn total(&self) -> Amount {
        self.principal + self.interest + self.penalty + self.fees
    }

    /// Bucket-wise `self − other`.
    pub fn minus(&self, other: &Buckets) -> Buckets {
        let mut out = *self;
        for b in Bucket::ALL {
            *out.get_mut(b) -= other.get(b);
        }
        out
    }
}

/// What the debtor owes as of a date, bucket by bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The currency of every amount.
    pub currency: Currency,
    /// The date the buckets are stated at; the plan's day zero.
    pub as_of: NaiveDate,
    /// Amounts due per bucket, each ≥ 0, in the currency's minor unit.
    pub buckets: Buckets,
    /// The contract's annual rate, in percent (9.99 means 9.99 % a year).
    pub contract_rate_percent: Decimal,
    /// The date the contract was signed (selects the LPR for the rate cap), if given.
    pub contract_date: Option<NaiveDate>,
}

/// How much of a bucket a waiver removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiverSize {
    /// An amount in the currency, at most the bucket.
    Amount(Decimal),
    /// A share of the bucket in percent, 0..=100; the waived amount is rounded by the
    /// plan's rule.
    Percent(Decimal),
}

/// A waiver (减免) of part of one bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiver {
    /// The bucket relieved.
    pub bucket: Bucket,
    /// How much.
    pub size: WaiverSize,
    /// A conditional waiver is reinstated when the plan is broken; an unconditional one is
    /// final.
    pub conditional: bool,
}

/// Why a waiver cannot apply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReliefError {
    #[error("waiver of {bucket:?} exceeds the bucket ({available})")]
    WaiverExceedsBucket { bucket: Bucket, available: Amount },
    #[error("waiver percentage above 100")]
    PercentAbove100 { bucket: Bucket },
    #[error("payment {amount} exceeds what is due ({due})")]
    PaymentExceedsDue { amount: Amount, due: Amount },
}

/// The relief granted on a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relief {
    /// Waived per bucket (conditional and unconditional together).
    pub waived: Buckets,
    /// The conditional part of `waived`, reinstated if the plan is broken.
    pub conditional: Buckets,
    /// What is due after the waivers.
    pub due: Buckets,
}

/// Applies `waivers` to `claim`. Several waivers on one bucket add up; their sum may not
/// exceed the bucket.
///
/// # Errors
/// [`ReliefError::WaiverExceedsBucket`] or [`ReliefError::PercentAbove100`].
pub fn apply_waivers(claim: &Claim, waivers: &[Waiver], rounding: Rounding) -> Result<Relief, ReliefError> {
    let mut waived = Buckets::zero(rounding);
    let mut conditional = Buckets::zero(rounding);
    for waiver in waivers {
        let available = claim.buckets.get(waiver.bucket);
        let amount = match waiver.size {
            WaiverSize::Amount(a) => rounding.amount(a),
            WaiverSize::Percent(p) => {
                if p > Decimal::ONE_HUNDRED {
                    return Err(ReliefError::PercentAbove100 { bucket: waiver.bucket });
                }
                // Multiplied before divided, rounded once.
                rounding
                    .mul_div(*available, p, Decimal::ONE_HUNDRED)
                    .map(Amount::from)
                    .ok_or(ReliefError::WaiverExceedsBucket { bucket: waiver.bucket, available })?
            }
        };
        let new_total = waived.get(waiver.bucket) + amount;
        if new_total > available {
            return Err(ReliefError::WaiverExceedsBucket { bucket: waiver.bucket, available });
        }
        *waived.get_mut(waiver.bucket) = new_total;
        if waiver.conditional {
            *conditional.get_mut(waiver.bucket) += amount;
        }
    }
    let due = claim.buckets.minus(&waived);
    Ok(Relief { waived, conditional, due })
}

/// Allocates `amount` across `due` in `order`; buckets not named in `order` come last in
/// statement order.
///
/// # Errors
/// [`ReliefError::PaymentExceedsDue`] when `amount` is more than the total due.
pub fn allocate(amount: Amount, due: &Buckets, order: &[Bucket], rounding: Rounding) -> Result<Buckets, ReliefError> {
    let total = due.total();
    if amount > total {
        return Err(ReliefError::PaymentExceedsDue { amount, due: total });
    }
    let mut allocation = Buckets::zero(rounding);
    let mut left = amount;
    let tail = Bucket::ALL.into_iter().filter(|b| !order.contains(b));
    for bucket in order.iter().copied().chain(tail) {
        let take = left.min(due.get(bucket));
        *allocation.get_mut(bucket) = rounding.amount(*take);
        left -= take;
    }
    Ok(allocation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::RoundingRule;
    use rust_decimal_macros::dec;

    fn claim() -> Claim {
        Claim {
            currency: Currency::CNY,
            as_of: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            buckets: Buckets {
                principal: dec!(10000).into(),
                interest: dec!(800).into(),
                penalty: dec!(300).into(),
                fees: dec!(150).into(),
            },
            contract_rate_percent: dec!(18),
            contract_date: NaiveDate::from_ymd_opt(2023, 1, 1),
        }
    }

    fn rounding() -> Rounding {
        Rounding::new(Currency::CNY, RoundingRule::HalfAwayFromZero)
    }

    #[test]
    fn waivers_by_amount_and_percent() {
        let waivers = [
            Waiver { bucket: Bucket::Fees, size: WaiverSize::Percent(dec!(100)), conditional: false },
            Waiver { bucket: Bucket::Penalty, size: WaiverSize::Percent(dec!(33.333)), conditional: true },
            Waiver { bucket: Bucket::Interest, size: WaiverSize::Amount(dec!(200)), conditional: false },
        ];
        let relief = apply_waivers(&claim(), &waivers, rounding()).unwrap();
        // Hand computation: 300 × 33.333 % = 99.999 → 100.00.
        assert_eq!(relief.waived.penalty, dec!(100.00));
        assert_eq!(relief.conditional.penalty, dec!(100.00));
        assert_eq!(relief.waived.fees, dec!(150));
        // 11,250 claimed − (150 + 100 + 200) waived = 10,800.
        assert_eq!(relief.due.total(), dec!(10800));
    }

    #[test]
    fn a_waiver_larger_than_its_bucket_is_refused() {
        let waivers = [Waiver { bucket: Bucket::Fees, size: WaiverSize::Amount(dec!(150.01)), conditional: false }];
        assert!(matches!(
            apply_waivers(&claim(), &waivers, rounding()),
            Err(ReliefError::WaiverExceedsBucket { bucket: Bucket::Fees, .. })
        ));
    }

    #[test]
    fn payments_go_to_costs_before_principal() {
        let allocation = allocate(dec!(1000).into(), &claim().buckets, &Bucket::DEFAULT_ORDER, rounding()).unwrap();
        assert_eq!(
            (*allocation.fees, *allocation.penalty, *allocation.interest, *allocation.principal),
            (dec!(150), dec!(300), dec!(550), dec!(0))
        );
        let principal_first = [Bucket::Principal];
        let allocation = allocate(dec!(1000).into(), &claim().buckets, &principal_first, rounding()).unwrap();
        assert_eq!(allocation.principal, dec!(1000));
    }
}
