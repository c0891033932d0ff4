//! What several test files share: a creditor's signed self-service offer made with a
//! published test key, and a running intake.

#![allow(dead_code)] // each test file uses its own part

pub mod intake_process;

use accord::domain::offer::SelfServiceOffer;
use accord::export::agreement::SignedOfferRef;
use accord::export::signature::{secret_key_file, sign_offer, KeySet, PublicKeyEntry};

/// A signed offer, its deployment's keys and the offer read back.
pub struct SignedTestOffer {
    /// keys.json of the deployment: the key `k1`.
    pub keys: KeySet,
    /// The offer as an agreement carries it.
    pub signed: SignedOfferRef,
    /// The offer as the debtor's page reads it.
    pub offer: SelfServiceOffer,
}

/// 10,000.00 principal and 300.00 penalty (waived), 3–24 monthly installments at 0 % after
/// at least 10 % now, the first due in February 2025; expiring at `expires_at`. Signed with
/// RFC 8032 TEST 1's seed: a published test key, never a deployment's.
pub fn signed_test_offer(expires_at: &str) -> SignedTestOffer {
    let seed = [
        0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49,
        0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
    ];
    let key = secret_key_file("k1", seed);
    let keys = KeySet {
        keys: vec![PublicKeyEntry {
            key_id: "k1".into(),
            public_key: key.public_key.clone(),
            role: Default::default(),
        }],
    };
    let offer_json = serde_json::json!({
        "version": 1, "offerId": "OFR-1", "keyId": "k1", "expiresAt": expires_at,
        "accountReference": "ACC-1",
        "claim": { "currency": "CNY", "asOf": "2025-01-15", "principal": "10000.00", "penalty": "300.00" },
        "choices": [{ "type": "installments", "waivers": [{ "bucket": "penalty", "percent": "100" }],
                      "minCount": 3, "maxCount": 24, "frequency": "monthly", "method": "equalInstallment",
                      "annualRatePercent": "0", "minDownPaymentPercent": "10",
                      "firstDueFrom": "2025-02-01", "firstDueTo": "2025-02-28" }]
    });
    let link = sign_offer(&offer_json.clone().into(), &key, "https://pay.example/").expect("the test offer signs");
    let (payload, signature) =
        link.split_once("#offer=").and_then(|(_, token)| token.split_once('.')).expect("a signed link");
    let signed = SignedOfferRef { payload: payload.into(), signature: signature.into() };
    let offer = accord::domain::offer::parse_offer(&offer_json.to_string()).expect("the test offer reads");
    SignedTestOffer { keys, signed, offer }
}
