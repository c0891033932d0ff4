//! Every unit-only enum of the JSON contracts reads the names it writes, through serde
//! (`domain::names::read`) and through the hand-written readers (`domain::members::named`).

use accord::domain::calendar::{DayCount, Frequency};
use accord::domain::claim::Bucket;
use accord::domain::members;
use accord::domain::money::{Currency, RoundingRule};
use accord::domain::names::ByName;
use accord::domain::negotiation::{LogEvent, OfferKind, WaiverUnit};
use accord::domain::policy::{Outcome, Product, RuleKind, Severity};
use accord::domain::request::{ExtensionInterestRequest, ExtensionUnit, MethodRequest};
use accord::export::agreement::Channel;
use accord::export::embed::Mode;
use serde::{de::DeserializeOwned, Serialize};
use std::fmt::Debug;

/// Each name is what `Serialize` writes for its variant, and reads back as that variant by
/// both readers; an unknown name and another type are refused in serde's words.
fn names_agree<T: ByName + Serialize + DeserializeOwned + PartialEq + Debug>() {
    assert_eq!(T::NAMES.len(), T::VARIANTS.len());
    for (name, variant) in T::NAMES.iter().zip(T::VARIANTS) {
        assert_eq!(serde_json::to_string(variant).unwrap(), format!("\"{name}\""));
        assert_eq!(serde_json::from_str::<T>(&format!("\"{name}\"")).unwrap(), *variant);
        assert_eq!(members::named::<T>(serde_json::json!(name).into()).unwrap(), *variant);
    }
    let unknown = serde_json::from_str::<T>("\"noSuchName\"").unwrap_err().to_string();
    let listed = T::NAMES.iter().all(|name| unknown.contains(&format!("`{name}`")));
    assert!(unknown.starts_with("unknown variant `noSuchName`, expected ") && listed, "{unknown}");
    let by_hand = members::named::<T>(serde_json::json!("noSuchName").into()).unwrap_err().to_string();
    assert!(unknown.starts_with(&by_hand), "{by_hand} / {unknown}");
    let wrong_type = serde_json::from_str::<T>("1").unwrap_err().to_string();
    assert!(wrong_type.starts_with("invalid type: integer `1`, expected one of"), "{wrong_type}");
    let by_hand = members::named::<T>(serde_json::json!(1).into()).unwrap_err().to_string();
    assert!(wrong_type.starts_with(&by_hand), "{by_hand} / {wrong_type}");
}

#[test]
fn every_named_enum_reads_the_names_it_writes() {
    names_agree::<Frequency>();
    names_agree::<DayCount>();
    names_agree::<Bucket>();
    names_agree::<Currency>();
    names_agree::<RoundingRule>();
    names_agree::<OfferKind>();
    names_agree::<WaiverUnit>();
    names_agree::<LogEvent>();
    names_agree::<Severity>();
    names_agree::<Outcome>();
    names_agree::<Product>();
    names_agree::<RuleKind>();
    names_agree::<ExtensionUnit>();
    names_agree::<ExtensionInterestRequest>();
    names_agree::<MethodRequest>();
    names_agree::<Mode>();
    names_agree::<Channel>();
}
