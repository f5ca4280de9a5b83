//! Tauri commands for metrics, goals and manager reports: each takes the state, calls the
//! core, converts the result.

use std::path::PathBuf;

use tauri::State;
use teamlead_core as core;
use teamlead_core::metrics::Calendar;
use teamlead_core::report;
use teamlead_ipc::reports as ipc;
use teamlead_ipc::IpcError;

use crate::AppState;

type Reply<T> = Result<T, IpcError>;

fn model(
    state: &AppState,
    period: &ipc::ReportPeriod,
) -> Reply<(core::BoardId, report::ReportModel)> {
    let (board, period) = period.parse()?;
    state.with(|store| {
        let now = store.now();
        let calendar = Calendar::local();
        let options = store.report_options(board, calendar.date_of(now))?;
        let model = store.report_model(board, period, now, calendar, &options)?;
        Ok((board, model))
    })
}

#[tauri::command]
pub fn metrics(state: State<'_, AppState>, req: ipc::MetricsRequest) -> Reply<ipc::Metrics> {
    let (_, model) = model(&state, &req.period)?;
    Ok(ipc::Metrics::new(&model, req.dark))
}

/// The report as the self-contained HTML page that an HTML export writes.
#[tauri::command]
pub fn report_preview(state: State<'_, AppState>, req: ipc::ReportPeriod) -> Reply<String> {
    let (_, model) = model(&state, &req)?;
    Ok(report::html::render(&model))
}

/// Writes the report atomically on a blocking task, so the window stays responsive, then
/// records what it listed for the next report to compare with.
#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    req: ipc::ExportReport,
) -> Reply<ipc::ExportedReport> {
    write_report(
        &state,
        &req.period,
        req.format.into(),
        PathBuf::from(&req.path),
    )
    .await
}

/// Saves the report into the export folder (Downloads unless `--export-dir` says otherwise),
/// named after its period and never over an existing file.
#[tauri::command]
pub async fn save_report(
    state: State<'_, AppState>,
    req: ipc::SaveReport,
) -> Reply<ipc::ExportedReport> {
    let format: report::Format = req.format.into();
    let dir = state.export_dir.clone();
    std::fs::create_dir_all(&dir).map_err(|e| {
        IpcError::from(core::Error::Export {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })
    })?;
    let stem = core::files::safe_file_stem(&format!(
        "Team report {} to {}",
        req.period.from, req.period.to
    ));
    let path = core::files::unused_paths(&dir, &stem, &[format.as_str()]).remove(0);
    write_report(&state, &req.period, format, path).await
}

async fn write_report(
    state: &AppState,
    period: &ipc::ReportPeriod,
    format: report::Format,
    path: PathBuf,
) -> Reply<ipc::ExportedReport> {
    let (board, model) = model(state, period)?;
    let (model, written) = tauri::async_runtime::spawn_blocking(move || {
        let written = report::write(&model, format, &path);
        (model, written)
    })
    .await
    .map_err(|e| IpcError::internal(format!("The export stopped unexpectedly: {e}")))?;
    let files = written?;
    state.with(|store| store.record_report_export(board, &model, format))?;
    Ok(ipc::ExportedReport {
        files: files.iter().map(|f| f.display().to_string()).collect(),
    })
}

#[tauri::command]
pub fn report_notes(state: State<'_, AppState>, req: ipc::ReportPeriod) -> Reply<ipc::ReportNotes> {
    let (board, period) = req.parse()?;
    state.with(|store| Ok(store.report_notes(board, period)?.into()))
}

#[tauri::command]
pub fn set_report_status(
    state: State<'_, AppState>,
    req: ipc::SetReportStatus,
) -> Reply<ipc::ReportNotes> {
    let (board, period) = req.period.parse()?;
    let status = req.status.map(|s| (s.into(), req.reason.as_str()));
    state.with(|store| Ok(store.set_report_status(board, period, status)?.into()))
}

#[tauri::command]
pub fn set_report_needs(
    state: State<'_, AppState>,
    req: ipc::SetReportNeeds,
) -> Reply<ipc::ReportNotes> {
    let (board, period) = req.period.parse()?;
    state.with(|store| Ok(store.set_report_needs(board, period, &req.text)?.into()))
}

#[tauri::command]
pub fn list_team_goals(state: State<'_, AppState>) -> Reply<Vec<ipc::TeamGoalProgress>> {
    state.with(|store| {
        let progress = store.team_goals_progress(store.now(), &Calendar::local())?;
        Ok(progress.into_iter().map(Into::into).collect())
    })
}

#[tauri::command]
pub fn save_team_goal(state: State<'_, AppState>, req: ipc::SaveTeamGoal) -> Reply<ipc::TeamGoal> {
    let target = req.target()?;
    state.with(|store| {
        let goal = match req.goal_id {
            Some(id) => store.update_team_goal(core::TeamGoalId(id), &req.title, target)?,
            None => store.create_team_goal(&req.title, target)?,
        };
        Ok(goal.into())
    })
}

#[tauri::command]
pub fn delete_team_goal(state: State<'_, AppState>, goal_id: i64) -> Reply<()> {
    state.with(|store| store.delete_team_goal(core::TeamGoalId(goal_id)))
}

#[tauri::command]
pub fn set_card_team_goal(state: State<'_, AppState>, req: ipc::SetCardTeamGoal) -> Reply<()> {
    let goal = req.goal_id.map(core::TeamGoalId);
    state.with(|store| store.set_card_team_goal(core::CardId(req.card_id), goal))
}
