//! Conventions that erode unless a test checks them.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_is_pure_no_web_crates_no_clock_no_randomness() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src/domain", "src/export"] {
        let dir = root.join(dir);
        if dir.exists() {
            rust_files(&dir, &mut files);
        }
    }
    files.push(root.join("src/i18n.rs"));
    assert!(files.len() >= 8, "the core's files were not found");
    let forbidden =
        ["leptos", "web_sys", "js_sys", "wasm_bindgen", "::now(", "rand::", "getrandom", "SystemTime", "Instant"];
    for file in files {
        let text = fs::read_to_string(&file).expect("readable file");
        for word in forbidden {
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}

#[test]
fn only_the_irr_solver_uses_floating_point() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/domain"), &mut files);
    for file in files {
        let text = fs::read_to_string(&file).expect("readable file");
        let uses_float = text.contains("f64") || text.contains("f32");
        let allowed = file.ends_with("irr.rs") || file.ends_with("plan.rs");
        assert!(!uses_float || allowed, "{} uses floating point", file.display());
        if file.ends_with("irr.rs") {
            // std's float functions beyond + − × ÷ may differ between wasm and native
            // (comments may name them).
            let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
            for call in [".powf(", ".powi(", ".ln(", ".exp(", ".sqrt(", ".log"] {
                assert!(!code.contains(call), "{} calls {call}", file.display());
            }
        }
    }
}

#[test]
fn the_shipped_request_schema_matches_the_types() {
    let shipped = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/plan-request.schema.json"))
        .expect("public/plan-request.schema.json");
    let shipped: serde_json::Value = serde_json::from_str(&shipped).expect("valid JSON");
    assert_eq!(
        shipped,
        accord::domain::request::plan_request_schema(),
        "regenerate with: cargo run --bin accord -- schema plan-request > public/plan-request.schema.json"
    );
}

#[test]
fn the_shipped_agreement_schema_matches_the_types() {
    let shipped = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/agreement.schema.json"))
        .expect("public/agreement.schema.json");
    let shipped: serde_json::Value = serde_json::from_str(&shipped).expect("valid JSON");
    assert_eq!(
        shipped,
        accord::export::agreement::agreement_schema(),
        "regenerate with: cargo run --bin accord -- schema > public/agreement.schema.json"
    );
}
