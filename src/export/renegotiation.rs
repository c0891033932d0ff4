//! A renegotiation from the record: the workspace draft that starts where an agreement stands
//! at a date. The claim is what the debtor owes then ([`claim_owed`]: with the conditional
//! relief back when the plan is broken), as of that date; while the plan is not broken its
//! conditional relief still stands on its condition, so the claim keeps those amounts and
//! every starting offer waives them again, conditionally (breaking the new plan brings them
//! back, as breaking the old one would have); the account's reference, contract
//! rate and date, the policy, the budget and the discount rate are the agreement's; the
//! negotiation log continues the agreement's; and the draft `supersedes` the agreement, so the
//! agreement made from it records the chain (`accord verify --previous` checks the link).

use super::agreement::AgreementFile;
use crate::domain::calendar::Frequency;
use crate::domain::claim::Bucket;
use crate::domain::negotiation::{AccountDraft, Draft, OfferKind, PolicyDraft, Supersedes, WaiverDraft, WaiverUnit};
use crate::domain::plan::PlanOutcome;
use crate::domain::request::ClaimRequest;
use crate::domain::servicing::{claim_owed, AgreementStatus, InstallmentState, Standing};

/// The draft that renegotiates `agreement` (verified; `plan` is its recomputed plan) from its
/// `status`: the workspace's four starting offers, first due a month after the status's date,
/// a settlement within 14 days.
pub fn renegotiation_draft(agreement: &AgreementFile, plan: &PlanOutcome, status: &AgreementStatus) -> Draft {
    let as_of = status.as_of;
    let mut draft = Draft::starting(as_of);
    let terms = &agreement.terms;
    let mut owed = claim_owed(plan, status);
    if status.new_claim.is_none() {
        for (index, bucket) in Bucket::ALL.into_iter().enumerate() {
            let standing = plan.reinstated_on_breach.get(bucket);
            if standing.is_zero() {
                continue;
            }
            *owed.get_mut(bucket) += standing;
            let waiver = WaiverDraft { value: standing.to_string(), unit: WaiverUnit::Amount, conditional: true };
            for offer in &mut draft.offers {
                offer.waivers[index] = waiver.clone();
            }
        }
    }
    let text = |amount: crate::domain::money::Amount| amount.to_string();
    draft.account = AccountDraft {
        claim: ClaimRequest {
            currency: terms.claim.currency.clone(),
            as_of: as_of.to_string(),
            principal: text(owed.principal),
            interest: text(owed.interest),
            penalty: text(owed.penalty),
            fees: text(owed.fees),
            contract_rate_percent: terms.claim.contract_rate_percent.clone(),
            // The contract's date stays the first agreement's (the rate caps of its day apply).
            contract_date: Some(terms.claim.contract_date.clone().unwrap_or_else(|| terms.claim.as_of.clone())),
        },
        reference: agreement.references.account_reference.clone(),
        days_past_due: status.days_past_due.to_string(),
        agent_id: agreement.references.agent_id.clone().unwrap_or_default(),
    };
    if let Some(policy) = &terms.policy {
        draft.policy = PolicyDraft::from(policy);
    }
    if let Some(budget) = &terms.budget {
        draft.budget = budget.clone();
    }
    if let Some(rate) = &terms.discount_rate_percent {
        draft.discount_rate_percent = rate.clone();
    }
    draft.log = agreement.negotiation_log.clone();
    draft.supersedes =
        Some(Supersedes { agreement_id: agreement.agreement_id.clone(), sha256: agreement.sha256.clone() });
    draft
}

/// Why a plan cannot be re-aged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReageRefusal {
    #[error("the plan is broken: renegotiate from the new claim")]
    Broken,
    #[error("the plan is completed")]
    Completed,
    #[error("nothing is past due")]
    NothingMissed,
    /// A single payment (settlement, extension), or a plan with its own interest or fees: the
    /// agreement's terms cannot carry its rows moved (an interest-free plan's can).
    #[error("only an interest-free installment plan can be re-aged")]
    NotInterestFree,
}

/// Whether `plan` can be re-aged at `status` ([`reage_draft`]), without building the draft:
/// the frequency the re-aged plan keeps.
///
/// # Errors
/// [`ReageRefusal`] when the plan is broken or completed, nothing is past due, or the plan
/// is not an interest-free installment plan.
pub fn check_reage(plan: &PlanOutcome, status: &AgreementStatus) -> Result<Frequency, ReageRefusal> {
    let frequency = plan.frequency.ok_or(ReageRefusal::NotInterestFree)?;
    if !(plan.totals.interest.is_zero() && plan.totals.fees.is_zero()) {
        return Err(ReageRefusal::NotInterestFree);
    }
    if status.completed {
        return Err(ReageRefusal::Completed);
    }
    if status.standing == Standing::Broken {
        return Err(ReageRefusal::Broken);
    }
    let past_due = |state| matches!(state, InstallmentState::Missed | InstallmentState::PartlyPaid);
    if !status.installments.iter().any(|row| past_due(row.state)) {
        return Err(ReageRefusal::NothingMissed);
    }
    Ok(frequency)
}

/// The renegotiation ([`renegotiation_draft`]) whose offer C **re-ages** the plan: every
/// obligation not paid in full — the missed ones and those not yet due — as an interest-free
/// installment plan at the old frequency from the first due date after the status's date (a
/// period after it when none is left), so the installments due after it keep their dates and
/// amounts and the missed ones move to the end. The claim is what is owed (with the standing
/// conditional relief, again conditional), so the new plan's total is what the old one still
/// asked: re-aging keeps the total (a property test). Without partial payments each row is
/// the old payment (the rounding's remainder on the last, as before); what a partial payment
/// covered lowers the rows evenly.
///
/// # Errors
/// [`ReageRefusal`]: see [`check_reage`].
pub fn reage_draft(
    agreement: &AgreementFile,
    plan: &PlanOutcome,
    status: &AgreementStatus,
) -> Result<Draft, ReageRefusal> {
    let frequency = check_reage(plan, status)?;
    let unpaid = status.installments.iter().filter(|row| row.paid < row.amount).count();
    let first_due = status
        .installments
        .iter()
        // The new plan starts the day after the status's date (its claim's as-of date): a row
        // due that very day moves like a missed one.
        .find(|row| row.state == InstallmentState::NotYetDue && row.due_date > status.as_of)
        .map(|row| row.due_date)
        .or_else(|| frequency.due_date(status.as_of, 1))
        .unwrap_or(status.as_of);
    let mut draft = renegotiation_draft(agreement, plan, status);
    let offer = &mut draft.offers[2];
    offer.kind = OfferKind::Installments;
    offer.use_target = false;
    offer.count = unpaid.to_string();
    offer.frequency = frequency;
    offer.annual_rate_percent = "0".into();
    offer.first_due_date = first_due.to_string();
    offer.down_payment = String::new();
    offer.partial_payment = String::new();
    // The workspace opens on the re-aged plan's schedule.
    draft.selected = 2;
    Ok(draft)
}
