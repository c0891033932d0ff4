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
    // The core, the files and messages, the strings, and the views' pure parts.
    for dir in ["src/domain", "src/export", "src/i18n"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.extend(
        ["src/locale.rs", "src/ui/print.rs", "src/ui/forms.rs", "src/ui/self_service.rs"].map(|f| root.join(f)),
    );
    assert!(files.len() >= 30, "the core's files were not found: {}", files.len());
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
        // The solver, and where its result becomes a Decimal.
        let allowed = file.ends_with("irr.rs") || file.ends_with("plan/recovery.rs");
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
fn the_shipped_status_schema_matches_the_types() {
    let shipped = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/status.schema.json"))
        .expect("public/status.schema.json");
    let shipped: serde_json::Value = serde_json::from_str(&shipped).expect("valid JSON");
    assert_eq!(
        shipped,
        accord::export::servicing::status_schema(),
        "regenerate with: cargo run --bin accord -- schema status > public/status.schema.json"
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

#[test]
fn the_shipped_deployment_schema_matches_the_types() {
    let shipped = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/deployment.schema.json"))
        .expect("public/deployment.schema.json");
    let shipped: serde_json::Value = serde_json::from_str(&shipped).expect("valid JSON");
    assert_eq!(
        shipped,
        accord::export::deployment::deployment_schema(),
        "regenerate with: cargo run --bin accord -- schema deployment > public/deployment.schema.json"
    );
}

/// The module a source file is (`src/domain/plan.rs` → `domain::plan`, `src/ui/mod.rs` → `ui`).
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(root.join("src")).expect("under src");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap_or_default();
    if last != "mod.rs" && last != "lib.rs" {
        parts.push(last.trim_end_matches(".rs").to_string());
    }
    parts
}

/// Every module path a file's code names (`crate::…`, `super::…`), resolved to absolute
/// module paths; comments are left out (doc links are not dependencies).
fn named_paths(module: &[String], text: &str) -> Vec<Vec<String>> {
    let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let starts_word = i == 0 || !ident(bytes[i - 1]);
        let (mut base, skip) = if starts_word && rest.starts_with("crate::") {
            (Vec::new(), 7)
        } else if starts_word && rest.starts_with("super::") {
            // `super` is the parent module (a folder's mod.rs names the folder itself).
            let mut base = module.to_vec();
            base.pop();
            (base, 7)
        } else {
            i += 1;
            continue;
        };
        i += skip;
        // More `super::`.
        while bytes[i..].iter().collect::<String>().starts_with("super::") {
            base.pop();
            i += 7;
        }
        let mut path = base.clone();
        loop {
            let start = i;
            while i < bytes.len() && ident(bytes[i]) {
                i += 1;
            }
            if start == i {
                break;
            }
            path.push(bytes[start..i].iter().collect());
            if bytes[i..].iter().take(2).collect::<String>() == "::" {
                i += 2;
                if i < bytes.len() && bytes[i] == '{' {
                    // A group: each item's first segment.
                    let end = bytes[i..].iter().position(|c| *c == '}').map_or(bytes.len(), |p| i + p);
                    let group: String = bytes[i + 1..end].iter().collect();
                    for item in group.split(',') {
                        let first: String = item.trim().chars().take_while(|c| ident(*c)).collect();
                        if !first.is_empty() && first != "self" {
                            let mut p = path.clone();
                            p.push(first);
                            out.push(p);
                        }
                    }
                    out.push(path.clone());
                    i = end;
                    path.clear();
                    break;
                }
                continue;
            }
            break;
        }
        if !path.is_empty() {
            out.push(path);
        }
    }
    out
}

/// Finds a cycle in `edges` (node → nodes), if any, as the nodes around it.
fn find_cycle(edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        state: &mut std::collections::BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    return Some(stack[from..].to_vec());
                }
                Some(_) => {}
                None => {
                    if let Some(cycle) = visit(next, edges, state, stack) {
                        return Some(cycle);
                    }
                }
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = std::collections::BTreeMap::new();
    for node in edges.keys() {
        if !state.contains_key(node.as_str()) {
            if let Some(cycle) = visit(node, edges, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn modules_import_one_another_without_cycles() {
    // Issue 18: calendar ↔ request, agreement ↔ signature, ui ↔ ui::embed and the export
    // folder ↔ i18n imported each other. Checked at every depth: top-level modules
    // (domain, export, i18n, ui …), then modules inside each (domain::calendar …), and so on;
    // a module and the modules inside it may use each other.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.retain(|f| !f.starts_with(root.join("src/bin")) && !f.ends_with("main.rs"));
    let mut modules: Vec<Vec<String>> = files.iter().map(|f| module_of(root, f)).collect();
    modules.sort();
    let mut paths = Vec::new();
    for file in &files {
        let module = module_of(root, file);
        let text = fs::read_to_string(file).expect("readable file");
        for path in named_paths(&module, &text) {
            // The module a path names: its longest prefix that is a module of ours.
            if let Some(target) = (1..=path.len()).rev().map(|n| &path[..n]).find(|p| modules.iter().any(|m| m == p)) {
                paths.push((module.clone(), target.to_vec()));
            }
        }
    }
    assert!(paths.len() > 100, "too few imports found: {}", paths.len());
    for depth in 1..=3 {
        let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
        for (from, to) in &paths {
            if from.len() < depth || to.len() < depth {
                continue;
            }
            let (a, b) = (&from[..depth], &to[..depth]);
            // Within one parent only, and not a module and one inside it.
            if a == b || a[..depth - 1] != b[..depth - 1] {
                continue;
            }
            edges.entry(a.join("::")).or_default().insert(b.join("::"));
        }
        assert_eq!(find_cycle(&edges), None, "an import cycle at depth {depth}");
    }
}

#[test]
fn no_source_line_is_wider_than_120_characters() {
    // rustfmt keeps code within 120 (rustfmt.toml) but not `view!` markup or long literals
    // (issue 18 counted 118 such lines): leptosfmt -m 120 formats the views.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for file in files {
        let text = fs::read_to_string(&file).expect("readable file");
        for (number, line) in text.lines().enumerate() {
            let width = line.chars().count();
            assert!(width <= 120, "{}:{} is {width} characters wide", file.display(), number + 1);
        }
    }
}

#[test]
fn the_shipped_policy_profiles_and_schema_match_the_built_ins() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for profile in accord::domain::policy::Policy::profiles() {
        let path = root.join(format!("public/policies/{}.json", profile.name));
        let shipped: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("a shipped profile")).expect("valid JSON");
        assert_eq!(
            shipped,
            serde_json::to_value(&profile).unwrap(),
            "regenerate with: cargo run --bin accord -- policy profile {0} > public/policies/{0}.json",
            profile.name
        );
    }
    let shipped: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root.join("public/policy.schema.json")).expect("schema"))
            .expect("valid JSON");
    assert_eq!(
        shipped,
        accord::domain::policy::policy_schema(),
        "regenerate with: cargo run --bin accord -- schema policy > public/policy.schema.json"
    );
}
