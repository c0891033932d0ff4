//! A running `accord intake` on a free port, as `tests/intake.rs` and `benches/intake.rs`
//! start it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running `accord intake` and the address it listens on; killed when dropped.
pub struct IntakeProcess {
    pub child: Child,
    pub address: String,
}

impl Drop for IntakeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `accord` (the binary's path) as `accord intake --keys KEYS --db DB --listen
/// 127.0.0.1:0 EXTRA…` and reads the port from its first line.
pub fn start_intake(accord: &str, keys: &Path, db: &Path, extra: &[&str]) -> IntakeProcess {
    let mut child = Command::new(accord)
        .args(["intake", "--keys"])
        .arg(keys)
        .arg("--db")
        .arg(db)
        .args(["--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("accord intake starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("its first line");
    let address = first.trim().rsplit("http://").next().expect("an address").to_string();
    IntakeProcess { child, address }
}
