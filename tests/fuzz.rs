//! The fuzz harness as part of the test suite: every committed regression input (each once
//! made a door panic, or is a case from issue 13) goes through its door without a panic, and
//! a short run of every door finds none. Long runs are `scripts/fuzz` (README: the last one).
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn fuzz(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_accord-fuzz"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("accord-fuzz runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[test]
fn every_committed_regression_input_goes_through_its_door_without_a_panic() {
    let (ok, text) = fuzz(&["--replay", "tests/fuzz-regressions"]);
    assert!(ok, "{text}");
    let replayed: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("replayed ")?.split_whitespace().next()?.parse().ok())
        .expect("a count");
    assert!(replayed >= 19, "{text}");
    assert!(!text.contains("PANIC"), "{text}");
}

#[test]
fn a_short_run_of_every_door_finds_no_panic() {
    let crashers = std::env::temp_dir().join(format!("accord-fuzz-{}", std::process::id()));
    let (ok, text) = fuzz(&["all", "--count", "400", "--seed", "13", "--crashers", crashers.to_str().unwrap()]);
    assert!(ok, "{text}");
    for door in ["plan", "batch", "agreement", "link", "message", "policy", "negotiation"] {
        let row = text.lines().find(|l| l.starts_with(door)).unwrap_or_else(|| panic!("{door} ran: {text}"));
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(columns[1], "400", "{row}");
        assert_eq!(columns[3], "0", "panics at {door}: {row}");
    }
}
