//! The command line without a window: `teamlead plan FILE.json`.

use std::path::Path;
use std::process::ExitCode;

use teamlead_ipc::plan::PlanRequest;

/// Plans the file and prints the plan as JSON; errors go to stderr with a non-zero exit.
pub fn plan(path: &Path) -> ExitCode {
    match plan_file(path) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("teamlead plan: {message}");
            ExitCode::FAILURE
        }
    }
}

fn plan_file(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let request: PlanRequest =
        serde_json::from_str(&text).map_err(|e| format!("{shown} is not a plan file: {e}"))?;
    let plan = request
        .plan()
        .map_err(|e| format!("{shown}: {}", e.message))?;
    serde_json::to_string_pretty(&plan).map_err(|e| format!("cannot write the plan: {e}"))
}
