//! The normal form of a request: the one text every equivalent request is written as.

use super::*;
use crate::domain::claim::WaiverSize;
use crate::domain::plan::{self, ExtensionTerm, InstallmentSize, PlanInput, PlanKind};
use crate::domain::schedule::Method;
use rust_decimal::Decimal;

impl PlanRequest {
    /// The request in normal form, rebuilt from its parsed `input`: every amount with exactly
    /// the currency's minor-unit digits ("100000.00"), percents without trailing zeros
    /// ("9.99", "18"), every default written out (rounding, allocation order, policy). Two
    /// requests that parse to the same input have the same normal form, and the normal form
    /// parses back to that input. The agreement JSON carries its terms in this form.
    pub fn normal_form(input: &PlanInput) -> PlanRequest {
        let currency = input.claim.currency;
        let amount = |d: Decimal| crate::domain::money::fix_scale(d, currency.minor_units()).to_string();
        let money = |a: crate::domain::money::Amount| amount(a.value());
        let percent = |d: Decimal| d.normalize().to_string();
        let claim = &input.claim;
        let plan = match &input.kind {
            PlanKind::Settlement { pay_by } => PlanTermsRequest::Settlement { pay_by: pay_by.to_string() },
            PlanKind::Extension { term, fee, interest, day_count } => {
                let (length, unit) = match term {
                    ExtensionTerm::Days(n) => (n, ExtensionUnit::Days),
                    ExtensionTerm::Months(n) => (n, ExtensionUnit::Months),
                };
                let (interest, reduced_rate_percent) = match interest {
                    plan::ExtensionInterest::Contract => (ExtensionInterestRequest::Contract, None),
                    plan::ExtensionInterest::Frozen => (ExtensionInterestRequest::Frozen, None),
                    plan::ExtensionInterest::Reduced(rate) => (ExtensionInterestRequest::Reduced, Some(percent(*rate))),
                };
                PlanTermsRequest::Extension {
                    length: length.to_string(),
                    unit,
                    fee: amount(*fee),
                    interest,
                    reduced_rate_percent,
                    day_count: *day_count,
                }
            }
            PlanKind::Installments(p) => {
                let (count, target_payment) = match p.size {
                    InstallmentSize::Count(n) => (Some(n.to_string()), None),
                    InstallmentSize::TargetPayment(t) => (None, Some(amount(t))),
                };
                let (method, step_up_percent) = match p.method {
                    Method::EqualInstallment => (MethodRequest::EqualInstallment, None),
                    Method::EqualPrincipal => (MethodRequest::EqualPrincipal, None),
                    Method::InterestOnlyBalloon => (MethodRequest::InterestOnlyBalloon, None),
                    Method::StepUp { annual_step_percent } => {
                        (MethodRequest::StepUp, Some(percent(annual_step_percent)))
                    }
                };
                PlanTermsRequest::Installments {
                    down_payment: amount(p.down_payment),
                    count,
                    target_payment,
                    frequency: p.frequency,
                    method,
                    step_up_percent,
                    annual_rate_percent: percent(p.annual_rate_percent),
                    first_due_date: p.first_due.to_string(),
                    day_count: p.day_count,
                    round_up_to: p.round_up_to.map(|step| step.normalize().to_string()),
                }
            }
        };
        PlanRequest {
            claim: ClaimRequest {
                currency: currency.code().into(),
                as_of: claim.as_of.to_string(),
                principal: money(claim.buckets.principal),
                interest: money(claim.buckets.interest),
                penalty: money(claim.buckets.penalty),
                fees: money(claim.buckets.fees),
                contract_rate_percent: percent(claim.contract_rate_percent),
                contract_date: claim.contract_date.map(|d| d.to_string()),
            },
            rounding: Some(input.rounding_rule),
            waivers: input
                .waivers
                .iter()
                .map(|w| WaiverRequest {
                    bucket: w.bucket,
                    amount: match w.size {
                        WaiverSize::Amount(a) => Some(amount(a)),
                        WaiverSize::Percent(_) => None,
                    },
                    percent: match w.size {
                        WaiverSize::Percent(p) => Some(percent(p)),
                        WaiverSize::Amount(_) => None,
                    },
                    conditional: w.conditional,
                })
                .collect(),
            allocation_order: Some(input.allocation_order.clone()),
            partial_payment: Some(amount(input.partial_payment)),
            plan,
            moves: input
                .moves
                .iter()
                .map(|(number, date)| MoveRequest { number: *number, due_date: date.to_string() })
                .collect(),
            discount_rate_percent: Some(percent(input.discount_rate_percent)),
            policy: Some(input.policy.clone()),
            budget: input.budget.map(|b| BudgetRequest {
                monthly_income: amount(b.monthly_income),
                essential_expenses: amount(b.essential_expenses),
                other_debt_payments: amount(b.other_debt_payments),
            }),
        }
    }
}
