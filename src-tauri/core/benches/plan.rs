//! Planner benchmarks on fixed-seed generated teams. Prints one summary line per target:
//! `bench P6 plan-1000x50 ms=...`, `bench P6q plan-quality ratio=...`, `bench P6x ...`.

use std::time::{Duration, Instant};

use teamlead_core::plan::gen::{team, Shape};
use teamlead_core::plan::{plan, Plan, PlanInput};

const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];

fn shape(cards: usize, people: usize) -> Shape {
    Shape {
        cards,
        people,
        skills: 20,
        slack: 1.15,
        assigned_percent: 20,
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The median time to plan, over `rounds` runs cycling through the inputs.
fn time(inputs: &[PlanInput], rounds: usize) -> (Duration, Vec<Plan>) {
    let plans: Vec<Plan> = inputs.iter().map(|i| plan(i).unwrap()).collect();
    let mut samples = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let input = &inputs[round % inputs.len()];
        let start = Instant::now();
        let result = plan(input).unwrap();
        samples.push(start.elapsed());
        assert_eq!(
            result,
            plans[round % inputs.len()],
            "the plan is deterministic"
        );
    }
    (median(&mut samples), plans)
}

fn main() {
    let small: Vec<PlanInput> = SEEDS.iter().map(|&s| team(s, &shape(1_000, 50))).collect();
    let (p6, plans) = time(&small, 25);
    for (input, plan) in small.iter().zip(&plans) {
        let placed = plan.suggestions.len() + plan.unassigned.len();
        assert_eq!(
            placed,
            input.cards.iter().filter(|c| c.assignee.is_none()).count()
        );
    }
    // Quality: the worst seed's ratio of reached to bound.
    let worst = plans
        .iter()
        .max_by(|a, b| {
            (a.max_utilisation / a.lower_bound).total_cmp(&(b.max_utilisation / b.lower_bound))
        })
        .unwrap();
    let large: Vec<PlanInput> = [7u64]
        .iter()
        .map(|&s| team(s, &shape(10_000, 200)))
        .collect();
    let (p6x, _) = time(&large, 5);
    for (seed, plan) in SEEDS.iter().zip(&plans) {
        println!(
            "plan-1000x50 seed {seed}: {} suggested, {} unassigned, reached {:.4}, bound {:.4}",
            plan.suggestions.len(),
            plan.unassigned.len(),
            plan.max_utilisation,
            plan.lower_bound
        );
    }
    println!("bench P6 plan-1000x50 ms={:.1} target=50", ms(p6));
    println!(
        "bench P6q plan-quality ratio={:.4} target=1.02 (reached {:.3}, bound {:.3})",
        worst.max_utilisation / worst.lower_bound,
        worst.max_utilisation,
        worst.lower_bound
    );
    println!("bench P6x plan-10000x200 ms={:.1} target=2000", ms(p6x));
}
