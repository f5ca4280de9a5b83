//! The crash harness as a test: `TEAMLEAD_CRASH_CYCLES` cycles (100 unless set; `make
//! crash-test` runs 1,000), `TEAMLEAD_CRASH_SEED` to replay a run (random unless set; it is
//! printed either way).

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use teamlead_crash::{run, Config};

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not {v}"))
    })
}

fn config(cycles: u32, seed: u64) -> Config {
    Config {
        writer: env!("CARGO_BIN_EXE_crash-writer").into(),
        cycles,
        seed,
        kill_window_ms: 60,
        from_start_percent: 25,
        writer_args: Vec::new(),
    }
}

#[test]
fn every_acknowledged_write_survives_a_kill() {
    let cycles = env_number("TEAMLEAD_CRASH_CYCLES").unwrap_or(100) as u32;
    let seed = env_number("TEAMLEAD_CRASH_SEED").unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    println!("crash test: seed {seed} (TEAMLEAD_CRASH_SEED={seed} replays it)");
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let summary = run(&config(cycles, seed), &dir.path().join("teamlead.sqlite3"))
        .unwrap_or_else(|why| panic!("{why}"));
    println!(
        "crash test: seed {seed}: {summary}, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(summary.cycles, cycles);
    assert!(summary.acknowledged > 0, "{summary}");
}

/// The harness catches a writer that acknowledges a write it never made.
#[test]
fn a_write_acknowledged_but_never_made_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(10, 7);
    config.writer_args = vec!["--ack-without-writing".into()];
    // After it has set up, so after it lied.
    config.from_start_percent = 0;
    let error =
        run(&config, &dir.path().join("teamlead.sqlite3")).expect_err("a lie must be caught");
    assert!(error.starts_with("seed 7, cycle "), "{error}");
    assert!(
        error.contains("notes of one-on-one 1 is missing; expected \"never-written-"),
        "{error}"
    );
}
