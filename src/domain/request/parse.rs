//! The one parser: a request's text into a typed [`PlanInput`], or every field that is wrong;
//! and the field a computation error concerns.

use super::field::WaiverPart;
use super::*;
use crate::domain::calendar::parse_date;
use crate::domain::claim::{Bucket, Buckets, Claim, ReliefError, Waiver, WaiverSize};
use crate::domain::money::{parse_amount, parse_percent, parse_whole, Currency};
use crate::domain::plan::{
    self, Budget, ExtensionTerm, InstallmentPlan, InstallmentSize, PlanError, PlanInput, PlanKind,
};
use crate::domain::policy::Policy;
use crate::domain::schedule::{Method, ScheduleError, MAX_INSTALLMENTS};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Collects field errors while parsing, so that every bad field is reported at once.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, field: FieldId, error: InputError) {
        self.0.push(FieldError::new(field, error));
    }

    fn amount(&mut self, field: FieldId, text: &str, currency: Currency) -> Option<Decimal> {
        parse_amount(text, currency).map_err(|e| self.push(field, InputError::Amount(e))).ok()
    }

    /// An amount that may be left empty (meaning zero).
    fn optional_amount(&mut self, field: FieldId, text: &str, currency: Currency) -> Option<Decimal> {
        if text.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            self.amount(field, text, currency)
        }
    }

    fn percent(&mut self, field: FieldId, text: &str) -> Option<Decimal> {
        parse_percent(text).map_err(|e| self.push(field, InputError::Amount(e))).ok()
    }

    fn optional_percent(&mut self, field: FieldId, text: &str) -> Option<Decimal> {
        if text.trim().is_empty() {
            Some(Decimal::ZERO)
        } else {
            self.percent(field, text)
        }
    }

    fn date(&mut self, field: FieldId, text: &str) -> Option<NaiveDate> {
        parse_date(text).map_err(|_| self.push(field, InputError::Date)).ok()
    }

    fn whole(&mut self, field: FieldId, text: &str, min: u32, max: u32) -> Option<u32> {
        let whole = parse_whole(text, min, max);
        if whole.is_none() {
            self.push(field, InputError::WholeNumber { min, max });
        }
        whole
    }
}

fn parse_budget_into(e: &mut Errors, b: &BudgetRequest, cur: Currency) -> Option<Budget> {
    let income = e.amount(FieldId::Income, &b.monthly_income, cur);
    let expenses = e.optional_amount(FieldId::Expenses, &b.essential_expenses, cur);
    let other = e.optional_amount(FieldId::OtherDebts, &b.other_debt_payments, cur);
    Some(Budget { monthly_income: income?, essential_expenses: expenses?, other_debt_payments: other? })
}

/// Parses a budget in `currency`.
///
/// # Errors
/// Every [`FieldError`] of the budget (fields `budget.*`).
pub fn parse_budget(budget: &BudgetRequest, currency: Currency) -> Result<Budget, Vec<FieldError>> {
    let mut e = Errors::default();
    parse_budget_into(&mut e, budget, currency).filter(|_| e.0.is_empty()).ok_or(e.0)
}

impl PlanRequest {
    /// Parses every field, reporting every bad one.
    ///
    /// # Errors
    /// Every [`FieldError`] found.
    pub fn parse(&self) -> Result<PlanInput, Vec<FieldError>> {
        let mut e = Errors::default();
        let currency = match self.claim.currency.parse::<Currency>() {
            Ok(c) => Some(c),
            Err(err) => {
                e.push(FieldId::Currency, InputError::Amount(err));
                None
            }
        };
        let cur = currency.unwrap_or_default();
        let c = &self.claim;
        let as_of = e.date(FieldId::AsOf, &c.as_of);
        let principal = e.amount(FieldId::Principal, &c.principal, cur);
        let interest = e.optional_amount(FieldId::Interest, &c.interest, cur);
        let penalty = e.optional_amount(FieldId::Penalty, &c.penalty, cur);
        let fees = e.optional_amount(FieldId::Fees, &c.fees, cur);
        let contract_rate = e.optional_percent(FieldId::ContractRate, &c.contract_rate_percent);
        // Absent is absent: a rule that needs the date says so below, nothing stands in for it.
        let contract_date = match c.contract_date.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(text) => e.date(FieldId::ContractDate, text).map(Some),
        };

        let mut waivers = Vec::new();
        for (i, w) in self.waivers.iter().enumerate() {
            let size = match (w.amount.as_deref().map(str::trim), w.percent.as_deref().map(str::trim)) {
                (Some(a), None | Some("")) if !a.is_empty() => e
                    .amount(FieldId::Waiver { index: i, bucket: w.bucket, part: WaiverPart::Amount }, a, cur)
                    .map(WaiverSize::Amount),
                (None | Some(""), Some(p)) if !p.is_empty() => e
                    .percent(FieldId::Waiver { index: i, bucket: w.bucket, part: WaiverPart::Percent }, p)
                    .map(WaiverSize::Percent),
                _ => {
                    e.push(
                        FieldId::Waiver { index: i, bucket: w.bucket, part: WaiverPart::Whole },
                        InputError::AmountOrPercent,
                    );
                    None
                }
            };
            if let Some(size) = size {
                waivers.push(Waiver { bucket: w.bucket, size, conditional: w.conditional });
            }
        }

        let partial = match self.partial_payment.as_deref() {
            None => Some(Decimal::ZERO),
            Some(text) => e.optional_amount(FieldId::PartialPayment, text, cur),
        };
        let discount = match self.discount_rate_percent.as_deref() {
            None => Some(Decimal::ZERO),
            Some(text) => e.optional_percent(FieldId::DiscountRate, text),
        };
        let kind = self.parse_plan(&mut e, cur, as_of);
        let budget = self.budget.as_ref().and_then(|b| parse_budget_into(&mut e, b, cur));
        let policy = self.policy.clone().unwrap_or_else(|| Policy::default_for(cur));
        if let Err(err) = policy.validate() {
            e.push(FieldId::Policy, InputError::Policy { reason: err.to_string() });
        }
        let needs_contract_date =
            policy.rules.iter().any(|r| r.rule == super::super::policy::RuleKind::RateCapLprMultiple);
        if needs_contract_date && contract_date == Some(None) {
            e.push(FieldId::ContractDate, InputError::ContractDateNeeded);
        }
        // Only an installment plan's rows move, and each move takes a period of the calendar.
        let moves = self.moves.len();
        if moves > 0 && !matches!(self.plan, PlanTermsRequest::Installments { .. }) {
            e.push(FieldId::Moves, InputError::OnlyInstallmentsMove);
        } else if moves > MAX_INSTALLMENTS as usize {
            e.push(FieldId::Moves, InputError::WholeNumber { min: 0, max: MAX_INSTALLMENTS });
        }
        let moves: Vec<(u32, NaiveDate)> =
            self.moves.iter().filter_map(|m| Some((m.number, e.date(FieldId::Moves, &m.due_date)?))).collect();
        let budget_ok = self.budget.is_none() || budget.is_some();
        // An empty order or a repeated bucket would leave part of a payment unallocated.
        if let Some(order) = &self.allocation_order {
            let repeated = order.iter().enumerate().any(|(i, b)| order[..i].contains(b));
            if order.is_empty() || repeated {
                e.push(FieldId::AllocationOrder, InputError::AllocationOrder);
            }
        }

        match (
            currency,
            as_of,
            principal,
            interest,
            penalty,
            fees,
            contract_rate,
            contract_date,
            partial,
            discount,
            kind,
        ) {
            (
                Some(currency),
                Some(as_of),
                Some(principal),
                Some(interest),
                Some(penalty),
                Some(fees),
                Some(contract_rate_percent),
                Some(contract_date),
                Some(partial_payment),
                Some(discount_rate_percent),
                Some(kind),
            ) if e.0.is_empty() && budget_ok => Ok(PlanInput {
                claim: Claim {
                    currency,
                    as_of,
                    buckets: Buckets {
                        principal: principal.into(),
                        interest: interest.into(),
                        penalty: penalty.into(),
                        fees: fees.into(),
                    },
                    contract_rate_percent,
                    contract_date,
                },
                rounding_rule: self.rounding.unwrap_or_default(),
                waivers,
                allocation_order: self.allocation_order.clone().unwrap_or_else(|| Bucket::DEFAULT_ORDER.to_vec()),
                partial_payment,
                kind,
                moves,
                discount_rate_percent,
                policy,
                budget,
            }),
            _ => Err(e.0),
        }
    }

    fn parse_plan(&self, e: &mut Errors, cur: Currency, as_of: Option<NaiveDate>) -> Option<PlanKind> {
        match &self.plan {
            PlanTermsRequest::Settlement { pay_by } => {
                let pay_by = e.date(FieldId::PayBy, pay_by)?;
                if as_of.is_some_and(|a| pay_by < a) {
                    e.push(FieldId::PayBy, InputError::NotAfterAsOf);
                    return None;
                }
                Some(PlanKind::Settlement { pay_by })
            }
            PlanTermsRequest::Extension { length, unit, fee, interest, reduced_rate_percent, day_count } => {
                let length = e.whole(FieldId::Length, length, 1, if *unit == ExtensionUnit::Days { 3660 } else { 120 });
                let fee = e.optional_amount(FieldId::Fee, fee, cur);
                let interest = match interest {
                    ExtensionInterestRequest::Contract => Some(plan::ExtensionInterest::Contract),
                    ExtensionInterestRequest::Frozen => Some(plan::ExtensionInterest::Frozen),
                    ExtensionInterestRequest::Reduced => e
                        .percent(FieldId::ReducedRate, reduced_rate_percent.as_deref().unwrap_or(""))
                        .map(plan::ExtensionInterest::Reduced),
                };
                let term = match unit {
                    ExtensionUnit::Days => ExtensionTerm::Days(length?),
                    ExtensionUnit::Months => ExtensionTerm::Months(length?),
                };
                Some(PlanKind::Extension { term, fee: fee?, interest: interest?, day_count: *day_count })
            }
            PlanTermsRequest::Installments {
                down_payment,
                count,
                target_payment,
                frequency,
                method,
                step_up_percent,
                annual_rate_percent,
                first_due_date,
                day_count,
                round_up_to,
            } => {
                let down_payment = e.optional_amount(FieldId::DownPayment, down_payment, cur);
                let size = match (count.as_deref().map(str::trim), target_payment.as_deref().map(str::trim)) {
                    (Some(n), None | Some("")) if !n.is_empty() => {
                        e.whole(FieldId::Count, n, 1, MAX_INSTALLMENTS).map(InstallmentSize::Count)
                    }
                    (None | Some(""), Some(t)) if !t.is_empty() => {
                        e.amount(FieldId::TargetPayment, t, cur).map(InstallmentSize::TargetPayment)
                    }
                    _ => {
                        e.push(FieldId::Count, InputError::CountOrTarget);
                        None
                    }
                };
                let method = match method {
                    MethodRequest::EqualInstallment => Some(Method::EqualInstallment),
                    MethodRequest::EqualPrincipal => Some(Method::EqualPrincipal),
                    MethodRequest::InterestOnlyBalloon => Some(Method::InterestOnlyBalloon),
                    MethodRequest::StepUp => e
                        .percent(FieldId::StepUp, step_up_percent.as_deref().unwrap_or(""))
                        .map(|annual_step_percent| Method::StepUp { annual_step_percent }),
                };
                let rate = e.percent(FieldId::PlanRate, annual_rate_percent);
                let first_due = e.date(FieldId::FirstDue, first_due_date);
                if let (Some(first), Some(start)) = (first_due, as_of) {
                    if first <= start {
                        e.push(FieldId::FirstDue, InputError::NotAfterAsOf);
                    }
                }
                let round_up_to = match round_up_to.as_deref().map(str::trim) {
                    None | Some("") => Some(None),
                    Some(step @ ("1" | "10" | "100")) => Decimal::from_str_exact(step).ok().map(Some),
                    Some(_) => {
                        e.push(FieldId::RoundUpTo, InputError::RoundUpStep);
                        None
                    }
                };
                Some(PlanKind::Installments(InstallmentPlan {
                    down_payment: down_payment?,
                    size: size?,
                    frequency: *frequency,
                    method: method?,
                    annual_rate_percent: rate?,
                    first_due: first_due?,
                    day_count: *day_count,
                    round_up_to: round_up_to?,
                }))
            }
        }
    }
}

/// The field a computation error concerns.
pub fn field_of(request: &PlanRequest, error: PlanError) -> FieldError {
    use FieldId::*;
    let target_field = match &request.plan {
        PlanTermsRequest::Installments { target_payment: Some(t), .. } if !t.trim().is_empty() => TargetPayment,
        _ => Count,
    };
    // The waiver of `bucket` the request lists last (a second waiver of a bucket is what
    // takes it over).
    let waiver = |bucket: Bucket, part: WaiverPart| {
        let index = request.waivers.iter().rposition(|w| w.bucket == bucket).unwrap_or(0);
        Waiver { index, bucket, part }
    };
    let (field, error) = match error {
        PlanError::Relief(ReliefError::WaiverExceedsBucket { bucket, available }) => {
            (waiver(bucket, WaiverPart::Whole), InputError::ExceedsBucket { available: available.to_string() })
        }
        PlanError::Relief(ReliefError::PercentAbove100 { bucket }) => {
            let index = request.waivers.iter().position(|w| w.bucket == bucket).unwrap_or(0);
            (Waiver { index, bucket, part: WaiverPart::Percent }, InputError::PercentAbove100)
        }
        PlanError::Relief(ReliefError::PaymentExceedsDue { due, .. }) | PlanError::UpfrontExceedsDue { due } => {
            let field = match &request.plan {
                PlanTermsRequest::Installments { down_payment, .. } if !down_payment.trim().is_empty() => DownPayment,
                _ => PartialPayment,
            };
            (field, InputError::ExceedsDue { due: due.to_string() })
        }
        PlanError::NothingToFinance => (DownPayment, InputError::NothingToFinance),
        PlanError::DateNotAfterAsOf => (Plan, InputError::NotAfterAsOf),
        PlanError::NoSuchInstallment { number, rows } => (Moves, InputError::NoSuchInstallment { number, rows }),
        PlanError::NotADueDate { number } => (Moves, InputError::NotADueDate { number }),
        PlanError::Schedule(s) => match s {
            ScheduleError::CountOutOfRange { max } => (Count, InputError::WholeNumber { min: 1, max }),
            ScheduleError::FirstDueNotAfterStart => (FirstDue, InputError::NotAfterAsOf),
            ScheduleError::DateOutOfRange => (FirstDue, InputError::DateOutOfRange),
            ScheduleError::PaymentNeverCoversInterest { minimum } => {
                (target_field, InputError::NeverCoversInterest { minimum: minimum.to_string() })
            }
            ScheduleError::TargetNotReachable { max } => (target_field, InputError::TargetNotReachable { max }),
            ScheduleError::TargetNotApplicable => (target_field, InputError::TargetNotApplicable),
            ScheduleError::NegativeAmortization { number } => (Method, InputError::NegativeAmortization { number }),
            ScheduleError::Overflow => (Plan, InputError::Overflow),
        },
    };
    FieldError::new(field, error)
}
