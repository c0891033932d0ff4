//! The plan request's types: every figure as the text a person typed or a file holds.

use super::super::calendar::{DayCount, Frequency};
use super::super::claim::Bucket;
use super::super::members::{self, Members, ReadError};
use super::super::money::{Currency, RoundingRule};
use super::super::policy::{Policy, Product};
use crate::json::Value;
#[cfg(any(test, not(target_arch = "wasm32")))]
use serde::Deserialize;
use serde::Serialize;

/// A plan request with every figure as text.
// Natively serde's derived reader (`accord batch` streams a request per line); in the
// browser the hand-written one (`PlanRequest::from_json`). The differential test keeps the
// two in agreement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanRequest {
    /// The account.
    pub claim: ClaimRequest,
    /// Rounding rule; half away from zero when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingRule>,
    /// Waivers (减免).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<WaiverRequest>,
    /// Allocation order of payments, each bucket at most once (buckets left out come last in
    /// statement order); fees, penalty, interest, principal when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation_order: Option<Vec<Bucket>>,
    /// 部分还款 now, an amount; none when absent or empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_payment: Option<String>,
    /// How the rest is paid.
    pub plan: PlanTermsRequest,
    /// Re-aging: installments moved to the end of the plan, each by its number in the schedule
    /// the rest of the terms compute, to a due date of the plan's calendar after its last
    /// row and after the move before it, at the same amounts and split (no interest for the
    /// delay); each installment moves once. Installment plans only; none when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<MoveRequest>,
    /// The creditor's annual discount rate in percent; 0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_rate_percent: Option<String>,
    /// The policy; the default China card-debt profile when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// The debtor's monthly budget, for affordability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetRequest>,
}

/// An installment moved by a re-aging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoveRequest {
    /// The installment's number.
    pub number: u32,
    /// Its new due date, `YYYY-MM-DD`.
    pub due_date: String,
}

/// The account, as text.
// Natively serde's derived reader (the batch reads a claim per line; streaming is quicker);
// in the browser the hand-written one (`ClaimRequest::from_json`), which the offer needs
// anyway: one reader in each bundle. The differential test keeps the two in agreement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClaimRequest {
    /// ISO 4217 code.
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub as_of: String,
    pub principal: String,
    #[serde(default)]
    pub interest: String,
    #[serde(default)]
    pub penalty: String,
    #[serde(default)]
    pub fees: String,
    /// Contract annual rate in percent.
    #[serde(default)]
    pub contract_rate_percent: String,
    /// `YYYY-MM-DD`; the as-of date when absent or empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_date: Option<String>,
}

/// A waiver, as text: exactly one of `amount` and `percent`.
// Read as `ClaimRequest` is: derived natively, by hand in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaiverRequest {
    pub bucket: Bucket,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// Reinstated if the plan is broken.
    #[serde(default)]
    pub conditional: bool,
}

// The hand-written readers of the claim and a waiver, for the debtor's offer (see
// `domain::members`): what the derived ones above accept, member by member.
impl ClaimRequest {
    /// Reads a claim from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not a string.
    pub fn from_json(value: Value) -> Result<ClaimRequest, ReadError> {
        const KNOWN: &[&str] =
            &["currency", "asOf", "principal", "interest", "penalty", "fees", "contractRatePercent", "contractDate"];
        let mut m = Members::of(value, "struct ClaimRequest", KNOWN)?;
        let claim = ClaimRequest {
            currency: m.required("currency", members::text),
            as_of: m.required("asOf", members::text),
            principal: m.required("principal", members::text),
            interest: m.text_or_empty("interest"),
            penalty: m.text_or_empty("penalty"),
            fees: m.text_or_empty("fees"),
            contract_rate_percent: m.text_or_empty("contractRatePercent"),
            contract_date: m.optional("contractDate", members::text),
        };
        m.finish(claim)
    }
}

impl WaiverRequest {
    /// Reads a waiver from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not what it should be.
    pub fn from_json(value: Value) -> Result<WaiverRequest, ReadError> {
        let mut m = Members::of(value, "struct WaiverRequest", &["bucket", "amount", "percent", "conditional"])?;
        let waiver = WaiverRequest {
            bucket: m.required_name("bucket"),
            amount: m.optional("amount", members::text),
            percent: m.optional("percent", members::text),
            conditional: m.or_default("conditional", members::flag),
        };
        m.finish(waiver)
    }
}

/// How the rest is paid, as text.
// Natively read through `PlanTermsFields` (see there why), not a derived reader; in the
// browser by hand (`PlanTermsRequest::from_json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum PlanTermsRequest {
    #[serde(rename_all = "camelCase")]
    Settlement {
        /// `YYYY-MM-DD`.
        pay_by: String,
    },
    #[serde(rename_all = "camelCase")]
    Extension {
        /// Days, or months when `unit` is months.
        length: String,
        #[serde(default)]
        unit: ExtensionUnit,
        #[serde(default)]
        fee: String,
        #[serde(default)]
        interest: ExtensionInterestRequest,
        /// The reduced annual rate in percent, for `interest: reduced`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reduced_rate_percent: Option<String>,
        #[serde(default)]
        day_count: DayCount,
    },
    #[serde(rename_all = "camelCase")]
    Installments {
        #[serde(default)]
        down_payment: String,
        /// Installment count; or give `targetPayment`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        count: Option<String>,
        /// The payment to fit; the count is solved.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target_payment: Option<String>,
        #[serde(default)]
        frequency: Frequency,
        #[serde(default)]
        method: MethodRequest,
        /// Annual growth of a step-up payment in percent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step_up_percent: Option<String>,
        /// Plan annual rate in percent; 0 freezes interest (停息).
        annual_rate_percent: String,
        /// `YYYY-MM-DD`.
        first_due_date: String,
        #[serde(default)]
        day_count: DayCount,
        /// "1", "10" or "100".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        round_up_to: Option<String>,
    },
}

impl Default for PlanTermsRequest {
    fn default() -> Self {
        PlanTermsRequest::Settlement { pay_by: String::new() }
    }
}

/// The plan types, the `type` member of [`PlanTermsRequest`].
#[derive(Clone, Copy)]
enum PlanType {
    Settlement,
    Extension,
    Installments,
}

crate::by_name!(PlanType { "settlement" => Settlement, "extension" => Extension, "installments" => Installments });

/// The members each plan type takes, `type` first.
const SETTLEMENT: &[&str] = &["type", "payBy"];
const EXTENSION: &[&str] = &["type", "length", "unit", "fee", "interest", "reducedRatePercent", "dayCount"];
const INSTALLMENTS: &[&str] = &[
    "type",
    "downPayment",
    "count",
    "targetPayment",
    "frequency",
    "method",
    "stepUpPercent",
    "annualRatePercent",
    "firstDueDate",
    "dayCount",
    "roundUpTo",
];

impl PlanType {
    /// The members this plan type takes.
    fn members(self) -> &'static [&'static str] {
        match self {
            PlanType::Settlement => SETTLEMENT,
            PlanType::Extension => EXTENSION,
            PlanType::Installments => INSTALLMENTS,
        }
    }
}

/// Every member of every plan type: [`PlanTermsRequest`] is read through this one flat struct
/// and then checked against its type, with the errors the derived reader gives (`unknown
/// field`, `missing field`). The derived reader of an internally tagged enum buffers the
/// whole object and reads each variant again from the buffer.
#[cfg(any(test, not(target_arch = "wasm32")))]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PlanTermsFields {
    #[serde(rename = "type")]
    kind: PlanType,
    #[serde(default, deserialize_with = "given")]
    pay_by: Option<String>,
    #[serde(default, deserialize_with = "given")]
    length: Option<String>,
    #[serde(default, deserialize_with = "given")]
    unit: Option<ExtensionUnit>,
    #[serde(default, deserialize_with = "given")]
    fee: Option<String>,
    #[serde(default, deserialize_with = "given")]
    interest: Option<ExtensionInterestRequest>,
    #[serde(default, deserialize_with = "given")]
    reduced_rate_percent: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    day_count: Option<DayCount>,
    #[serde(default, deserialize_with = "given")]
    down_payment: Option<String>,
    #[serde(default, deserialize_with = "given")]
    count: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    target_payment: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    frequency: Option<Frequency>,
    #[serde(default, deserialize_with = "given")]
    method: Option<MethodRequest>,
    #[serde(default, deserialize_with = "given")]
    step_up_percent: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    annual_rate_percent: Option<String>,
    #[serde(default, deserialize_with = "given")]
    first_due_date: Option<String>,
    #[serde(default, deserialize_with = "given")]
    round_up_to: Option<Option<String>>,
}

/// A member that was given (`Some`), read as its own type: `null` is refused where the member
/// is not optional and is `Some(None)` where it is, exactly as the derived reader does; so a
/// member given as `null` still counts as given (and as unknown for another plan type).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub(crate) fn given<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

#[cfg(any(test, not(target_arch = "wasm32")))]
impl<'de> Deserialize<'de> for PlanTermsRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let f = PlanTermsFields::deserialize(deserializer)?;
        let expected = f.kind.members();
        let present = [
            ("payBy", f.pay_by.is_some()),
            ("length", f.length.is_some()),
            ("unit", f.unit.is_some()),
            ("fee", f.fee.is_some()),
            ("interest", f.interest.is_some()),
            ("reducedRatePercent", f.reduced_rate_percent.is_some()),
            ("dayCount", f.day_count.is_some()),
            ("downPayment", f.down_payment.is_some()),
            ("count", f.count.is_some()),
            ("targetPayment", f.target_payment.is_some()),
            ("frequency", f.frequency.is_some()),
            ("method", f.method.is_some()),
            ("stepUpPercent", f.step_up_percent.is_some()),
            ("annualRatePercent", f.annual_rate_percent.is_some()),
            ("firstDueDate", f.first_due_date.is_some()),
            ("roundUpTo", f.round_up_to.is_some()),
        ];
        if let Some((name, _)) = present.iter().find(|(name, given)| *given && !expected.contains(name)) {
            return Err(D::Error::unknown_field(name, expected));
        }
        let required = |value: Option<String>, name: &'static str| value.ok_or_else(|| D::Error::missing_field(name));
        Ok(match f.kind {
            PlanType::Settlement => PlanTermsRequest::Settlement { pay_by: required(f.pay_by, "payBy")? },
            PlanType::Extension => PlanTermsRequest::Extension {
                length: required(f.length, "length")?,
                unit: f.unit.unwrap_or_default(),
                fee: f.fee.unwrap_or_default(),
                interest: f.interest.unwrap_or_default(),
                reduced_rate_percent: f.reduced_rate_percent.flatten(),
                day_count: f.day_count.unwrap_or_default(),
            },
            PlanType::Installments => PlanTermsRequest::Installments {
                down_payment: f.down_payment.unwrap_or_default(),
                count: f.count.flatten(),
                target_payment: f.target_payment.flatten(),
                frequency: f.frequency.unwrap_or_default(),
                method: f.method.unwrap_or_default(),
                step_up_percent: f.step_up_percent.flatten(),
                annual_rate_percent: required(f.annual_rate_percent, "annualRatePercent")?,
                first_due_date: required(f.first_due_date, "firstDueDate")?,
                day_count: f.day_count.unwrap_or_default(),
                round_up_to: f.round_up_to.flatten(),
            },
        })
    }
}

impl PlanRequest {
    /// Reads a plan request from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not what it should be.
    pub fn from_json(value: Value) -> Result<PlanRequest, ReadError> {
        const KNOWN: &[&str] = &[
            "claim",
            "rounding",
            "waivers",
            "allocationOrder",
            "partialPayment",
            "plan",
            "moves",
            "discountRatePercent",
            "policy",
            "budget",
        ];
        let mut m = Members::of(value, "struct PlanRequest", KNOWN)?;
        let request = PlanRequest {
            claim: m.required("claim", ClaimRequest::from_json),
            rounding: m.optional("rounding", members::named),
            waivers: m.list_or_empty("waivers", WaiverRequest::from_json),
            allocation_order: m.optional_list("allocationOrder", members::named),
            partial_payment: m.optional("partialPayment", members::text),
            plan: m.required("plan", PlanTermsRequest::from_json),
            moves: m.list_or_empty("moves", MoveRequest::from_json),
            discount_rate_percent: m.optional("discountRatePercent", members::text),
            policy: m.optional("policy", Policy::from_json),
            budget: m.optional("budget", BudgetRequest::from_json),
        };
        m.finish(request)
    }
}

impl MoveRequest {
    fn from_json(value: Value) -> Result<MoveRequest, ReadError> {
        let mut m = Members::of(value, "struct MoveRequest", &["number", "dueDate"])?;
        let moved = MoveRequest {
            number: m.required("number", members::whole),
            due_date: m.required("dueDate", members::text),
        };
        m.finish(moved)
    }
}

impl BudgetRequest {
    /// Reads a budget from its JSON value.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not a string.
    pub fn from_json(value: Value) -> Result<BudgetRequest, ReadError> {
        const KNOWN: &[&str] = &["monthlyIncome", "essentialExpenses", "otherDebtPayments"];
        let mut m = Members::of(value, "struct BudgetRequest", KNOWN)?;
        let budget = BudgetRequest {
            monthly_income: m.required("monthlyIncome", members::text),
            essential_expenses: m.text_or_empty("essentialExpenses"),
            other_debt_payments: m.text_or_empty("otherDebtPayments"),
        };
        m.finish(budget)
    }
}

impl PlanTermsRequest {
    /// Reads plan terms from their JSON value: the `type` first, then the members that type
    /// takes: any other member, even `null`, is an unknown field of this type (the native
    /// reader, `PlanTermsFields`, refuses the same documents).
    ///
    /// # Errors
    /// No or an unknown `type`; the first member that is missing, unknown or mistyped.
    pub fn from_json(value: Value) -> Result<PlanTermsRequest, ReadError> {
        let mut m = Members::lenient(value, "struct PlanTermsFields")?;
        let Some(kind) = m.given("type", members::named::<PlanType>) else {
            let missing = ReadError::custom("missing field `type`".into());
            return Err(m.finish(()).err().unwrap_or(missing));
        };
        m.only(kind.members())?;
        let terms = match kind {
            PlanType::Settlement => PlanTermsRequest::Settlement { pay_by: m.required("payBy", members::text) },
            PlanType::Extension => PlanTermsRequest::Extension {
                length: m.required("length", members::text),
                unit: m.or_default("unit", members::named),
                fee: m.text_or_empty("fee"),
                interest: m.or_default("interest", members::named),
                reduced_rate_percent: m.optional("reducedRatePercent", members::text),
                day_count: m.or_default("dayCount", members::named),
            },
            PlanType::Installments => PlanTermsRequest::Installments {
                down_payment: m.text_or_empty("downPayment"),
                count: m.optional("count", members::text),
                target_payment: m.optional("targetPayment", members::text),
                frequency: m.or_default("frequency", members::named),
                method: m.or_default("method", members::named),
                step_up_percent: m.optional("stepUpPercent", members::text),
                annual_rate_percent: m.required("annualRatePercent", members::text),
                first_due_date: m.required("firstDueDate", members::text),
                day_count: m.or_default("dayCount", members::named),
                round_up_to: m.optional("roundUpTo", members::text),
            },
        };
        m.finish(terms)
    }
}

/// The unit of an extension's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ExtensionUnit {
    #[default]
    Days,
    Months,
}

crate::by_name!(ExtensionUnit { "days" => Days, "months" => Months });

/// Interest during an extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ExtensionInterestRequest {
    #[default]
    Contract,
    Reduced,
    Frozen,
}

crate::by_name!(ExtensionInterestRequest { "contract" => Contract, "reduced" => Reduced, "frozen" => Frozen });

/// The repayment method, without its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum MethodRequest {
    #[default]
    EqualInstallment,
    EqualPrincipal,
    InterestOnlyBalloon,
    StepUp,
}

crate::by_name!(MethodRequest {
    "equalInstallment" => EqualInstallment,
    "equalPrincipal" => EqualPrincipal,
    "interestOnlyBalloon" => InterestOnlyBalloon,
    "stepUp" => StepUp,
});

impl PlanRequest {
    /// The product of the policy the plan is checked against (its words: 违约金 or 罚息).
    pub fn product(&self) -> Product {
        Policy::product_of(self.policy.as_ref(), self.claim.currency_or_default())
    }
}

impl ClaimRequest {
    /// The currency as given, or the default (CNY) while it is not one: for showing amounts
    /// (the parser names an unknown currency as an error).
    pub fn currency_or_default(&self) -> Currency {
        self.currency.parse().unwrap_or_default()
    }
}

/// The debtor's monthly budget, as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[cfg_attr(any(test, not(target_arch = "wasm32")), derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetRequest {
    pub monthly_income: String,
    #[serde(default)]
    pub essential_expenses: String,
    #[serde(default)]
    pub other_debt_payments: String,
}

impl BudgetRequest {
    /// Whether a budget is given: an income is typed (expenses and other debts may be left
    /// empty). Without one, no affordability is computed and no fit is possible.
    pub fn is_given(&self) -> bool {
        !self.monthly_income.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written readers of a plan request and its terms (the browser's) accept and
    /// refuse what serde's derived ones (`accord batch`'s) do, member by member, for each
    /// plan type.
    #[test]
    fn the_hand_written_readers_agree_with_serde() {
        use crate::domain::members::mutations::readers_agree;
        let mut request = serde_json::json!({
            "claim": {"currency": "CNY", "asOf": "2025-01-15", "principal": "10000", "interest": "500",
                      "penalty": "100", "fees": "50", "contractRatePercent": "18", "contractDate": "2024-01-15"},
            "rounding": "halfEven",
            "waivers": [{"bucket": "penalty", "percent": "100", "conditional": true},
                        {"bucket": "fees", "amount": "50"}],
            "allocationOrder": ["fees", "interest"],
            "partialPayment": "500",
            "plan": {"type": "installments", "downPayment": "100", "count": "12", "frequency": "monthly",
                     "method": "stepUp", "stepUpPercent": "5", "annualRatePercent": "6",
                     "firstDueDate": "2025-02-15", "dayCount": "act365F", "roundUpTo": "10"},
            "moves": [{"number": 2, "dueDate": "2026-03-15"}],
            "discountRatePercent": "8",
            "budget": {"monthlyIncome": "8000", "essentialExpenses": "3000", "otherDebtPayments": "500"}
        });
        let (accepted, refused) = readers_agree(&request, PlanRequest::from_json);
        assert!(accepted > 30 && refused > 300, "{accepted} accepted, {refused} refused");
        request["plan"] = serde_json::json!({"type": "extension", "length": "3", "unit": "months", "fee": "20",
            "interest": "reduced", "reducedRatePercent": "4", "dayCount": "periodic"});
        request["moves"] = serde_json::json!([]);
        let (accepted, refused) = readers_agree(&request["plan"], PlanTermsRequest::from_json);
        assert!(accepted > 5 && refused > 50, "{accepted} accepted, {refused} refused");
        let settlement = serde_json::json!({"type": "settlement", "payBy": "2025-02-01"});
        let (accepted, refused) = readers_agree(&settlement, PlanTermsRequest::from_json);
        assert!(accepted > 0 && refused > 15, "{accepted} accepted, {refused} refused");
        // A member of another plan type, even null, is an unknown field of this one, in the
        // derived reader's words.
        let foreign = serde_json::json!({"type": "settlement", "payBy": "2025-02-01", "count": null});
        let hand = crate::domain::members::parse(&foreign.to_string()).and_then(PlanTermsRequest::from_json);
        assert!(hand.unwrap_err().message.starts_with("unknown field `count`, expected `type` or `payBy`"));
    }

    #[test]
    fn plan_terms_are_read_by_their_type_with_the_derived_readers_errors() {
        let read = |text: &str| serde_json::from_str::<PlanTermsRequest>(text).map_err(|e| e.to_string());
        assert_eq!(
            read(r#"{"type":"settlement","payBy":"2025-02-01"}"#),
            Ok(PlanTermsRequest::Settlement { pay_by: "2025-02-01".into() })
        );
        let installments =
            read(r#"{"type":"installments","count":"12","annualRatePercent":"0","firstDueDate":"2025-02-01"}"#)
                .unwrap();
        assert!(matches!(installments, PlanTermsRequest::Installments { ref count, frequency: Frequency::Monthly, .. }
                if count.as_deref() == Some("12")));
        let foreign = read(r#"{"type":"settlement","payBy":"2025-02-01","fee":"1"}"#).unwrap_err();
        assert!(foreign.starts_with("unknown field `fee`, expected"), "{foreign}");
        assert!(read(r#"{"type":"settlement","payBy":"2025-02-01","feee":"1"}"#)
            .unwrap_err()
            .starts_with("unknown field `feee`"));
        assert!(read(r#"{"type":"extension"}"#).unwrap_err().starts_with("missing field `length`"));
        assert!(read(r#"{"type":"loan"}"#).unwrap_err().starts_with("unknown variant `loan`"));
        assert!(read(r#"{"payBy":"2025-02-01"}"#).unwrap_err().starts_with("missing field `type`"));
        assert!(read(r#"{"type":"settlement","payBy":5}"#).unwrap_err().starts_with("invalid type: integer `5`"));
        // null: refused for a member that is not optional, none for one that is, and a member
        // of another type even as null, as the derived reader did.
        assert!(read(r#"{"type":"settlement","payBy":null}"#).unwrap_err().starts_with("invalid type: null"));
        assert!(read(r#"{"type":"settlement","payBy":"2025-02-01","fee":null}"#).is_err());
        assert!(read(r#"{"type":"settlement","payBy":"2025-02-01","count":null}"#)
            .unwrap_err()
            .starts_with("unknown field `count`"));
        let nulls = read(
            r#"{"type":"installments","count":null,"targetPayment":"100","annualRatePercent":"0",
                "firstDueDate":"2025-02-01"}"#,
        );
        assert!(matches!(nulls, Ok(PlanTermsRequest::Installments { count: None, .. })), "{nulls:?}");
    }
}
