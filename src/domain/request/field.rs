//! What can be wrong with a request, and where: each error names its field by a [`FieldId`],
//! the one name the parser, the views, the messages and the CLI share. Its `Display` is the
//! field's JSON path in the request (`claim.principal`, `waivers.0.amount`), so the CLI's
//! output and the files do not change with it.

use crate::domain::claim::Bucket;
use crate::domain::money::AmountError;
use serde::{Serialize, Serializer};
use std::fmt;

/// A field of a plan request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    /// `claim.currency`
    Currency,
    /// `claim.asOf`
    AsOf,
    /// `claim.principal`
    Principal,
    /// `claim.interest`
    Interest,
    /// `claim.penalty`
    Penalty,
    /// `claim.fees`
    Fees,
    /// `claim.contractRatePercent`
    ContractRate,
    /// `claim.contractDate`
    ContractDate,
    /// `waivers.{index}` (the waiver as a whole), `.amount` or `.percent`: the waiver at
    /// `index` in the request's list, which relieves `bucket` (the views find their input by
    /// the bucket; files and the CLI by the position).
    Waiver { index: usize, bucket: Bucket, part: WaiverPart },
    /// `allocationOrder`
    AllocationOrder,
    /// `partialPayment`
    PartialPayment,
    /// `discountRatePercent`
    DiscountRate,
    /// `plan` (the plan as a whole: its date does not fit the calendar or the as-of date)
    Plan,
    /// `plan.payBy`
    PayBy,
    /// `plan.length`
    Length,
    /// `plan.fee`
    Fee,
    /// `plan.reducedRatePercent`
    ReducedRate,
    /// `plan.downPayment`
    DownPayment,
    /// `plan.count`
    Count,
    /// `plan.targetPayment`
    TargetPayment,
    /// `plan.method` (a step-up whose payment stops covering the interest)
    Method,
    /// `plan.stepUpPercent`
    StepUp,
    /// `plan.annualRatePercent`
    PlanRate,
    /// `plan.firstDueDate`
    FirstDue,
    /// `plan.roundUpTo`
    RoundUpTo,
    /// `moves` (a re-aging's installments)
    Moves,
    /// `budget.monthlyIncome`
    Income,
    /// `budget.essentialExpenses`
    Expenses,
    /// `budget.otherDebtPayments`
    OtherDebts,
    /// `policy`
    Policy,
}

/// Which part of a waiver a message concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WaiverPart {
    /// The waiver as a whole (`waivers.0`).
    Whole,
    /// `waivers.0.amount`
    Amount,
    /// `waivers.0.percent`
    Percent,
}

impl FieldId {
    /// Every field, once (a waiver for each bucket and part, at position 0): what a test
    /// checks the views show. Adding a variant without listing it here fails to compile in
    /// [`FieldId::json_path`]'s match, and the test then names it.
    pub fn all() -> Vec<FieldId> {
        use FieldId::*;
        let mut all = vec![
            Currency,
            AsOf,
            Principal,
            Interest,
            Penalty,
            Fees,
            ContractRate,
            ContractDate,
            AllocationOrder,
            PartialPayment,
            DiscountRate,
            Plan,
            PayBy,
            Length,
            Fee,
            ReducedRate,
            DownPayment,
            Count,
            TargetPayment,
            Method,
            StepUp,
            PlanRate,
            FirstDue,
            RoundUpTo,
            Moves,
            Income,
            Expenses,
            OtherDebts,
            Policy,
        ];
        for bucket in Bucket::ALL {
            for part in [WaiverPart::Whole, WaiverPart::Amount, WaiverPart::Percent] {
                all.push(Waiver { index: 0, bucket, part });
            }
        }
        all
    }

    /// The JSON path of the field in a request.
    fn json_path(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FieldId::*;
        let path = match self {
            Currency => "claim.currency",
            AsOf => "claim.asOf",
            Principal => "claim.principal",
            Interest => "claim.interest",
            Penalty => "claim.penalty",
            Fees => "claim.fees",
            ContractRate => "claim.contractRatePercent",
            ContractDate => "claim.contractDate",
            Waiver { index, part, .. } => {
                return match part {
                    WaiverPart::Whole => write!(f, "waivers.{index}"),
                    WaiverPart::Amount => write!(f, "waivers.{index}.amount"),
                    WaiverPart::Percent => write!(f, "waivers.{index}.percent"),
                }
            }
            AllocationOrder => "allocationOrder",
            PartialPayment => "partialPayment",
            DiscountRate => "discountRatePercent",
            Plan => "plan",
            PayBy => "plan.payBy",
            Length => "plan.length",
            Fee => "plan.fee",
            ReducedRate => "plan.reducedRatePercent",
            DownPayment => "plan.downPayment",
            Count => "plan.count",
            TargetPayment => "plan.targetPayment",
            Method => "plan.method",
            StepUp => "plan.stepUpPercent",
            PlanRate => "plan.annualRatePercent",
            FirstDue => "plan.firstDueDate",
            RoundUpTo => "plan.roundUpTo",
            Moves => "moves",
            Income => "budget.monthlyIncome",
            Expenses => "budget.essentialExpenses",
            OtherDebts => "budget.otherDebtPayments",
            Policy => "policy",
        };
        f.write_str(path)
    }

    /// Whether this is a waiver's field for `bucket` (any part).
    pub fn is_waiver_of(self, bucket: Bucket) -> bool {
        matches!(self, FieldId::Waiver { bucket: b, .. } if b == bucket)
    }
}

impl fmt::Display for FieldId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.json_path(f)
    }
}

impl Serialize for FieldId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What is wrong with one field. The UI words each variant in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum InputError {
    #[error("{0}")]
    Amount(AmountError),
    #[error("not a date (YYYY-MM-DD)")]
    Date,
    #[error("a whole number from {min} to {max} is needed")]
    WholeNumber { min: u32, max: u32 },
    #[error("give exactly one of amount and percent")]
    AmountOrPercent,
    #[error("give exactly one of count and target payment")]
    CountOrTarget,
    #[error("exceeds the bucket ({available})")]
    ExceedsBucket { available: String },
    #[error("more than 100 percent")]
    PercentAbove100,
    #[error("exceeds what is due ({due})")]
    ExceedsDue { due: String },
    #[error("nothing is left to pay in installments")]
    NothingToFinance,
    #[error("must be after the as-of date")]
    NotAfterAsOf,
    #[error("must be one of 1, 10, 100")]
    RoundUpStep,
    #[error("the payment never covers the interest; it must exceed {minimum}")]
    NeverCoversInterest { minimum: String },
    #[error("no count up to {max} brings the payment down to this")]
    TargetNotReachable { max: u32 },
    #[error("an interest-only plan needs a count")]
    TargetNotApplicable,
    #[error("installment {number} would not cover its interest")]
    NegativeAmortization { number: u32 },
    #[error("a due date is outside the calendar")]
    DateOutOfRange,
    #[error("the figures are too large to compute")]
    Overflow,
    #[error("invalid policy: {reason}")]
    Policy { reason: String },
    #[error("name each bucket at most once, and at least one")]
    AllocationOrder,
    #[error("the policy's rate cap needs the contract date")]
    ContractDateNeeded,
    #[error("only an installment plan's installments move")]
    OnlyInstallmentsMove,
    #[error("the plan has no installment {number} (it has {rows})")]
    NoSuchInstallment { number: u32, rows: u32 },
    #[error("installment {number} moves once, to a due date of the plan after its last and the move before")]
    NotADueDate { number: u32 },
}

/// An error and the field it concerns (written as its JSON path).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{field}: {error}")]
pub struct FieldError {
    /// The field, e.g. [`FieldId::Principal`] (`claim.principal`).
    pub field: FieldId,
    /// What is wrong.
    pub error: InputError,
}

impl FieldError {
    pub(crate) fn new(field: FieldId, error: InputError) -> Self {
        FieldError { field, error }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_writes_its_json_path() {
        assert_eq!(FieldId::Principal.to_string(), "claim.principal");
        let waiver = FieldId::Waiver { index: 2, bucket: Bucket::Fees, part: WaiverPart::Percent };
        assert_eq!(waiver.to_string(), "waivers.2.percent");
        assert!(waiver.is_waiver_of(Bucket::Fees) && !waiver.is_waiver_of(Bucket::Penalty));
        assert_eq!(serde_json::to_string(&FieldId::Plan).unwrap(), "\"plan\"");
        // Every name is different (a path written twice would merge two fields).
        let names: std::collections::BTreeSet<String> =
            FieldId::all().iter().filter(|f| !matches!(f, FieldId::Waiver { .. })).map(ToString::to_string).collect();
        assert_eq!(names.len(), FieldId::all().len() - 12);
    }
}
