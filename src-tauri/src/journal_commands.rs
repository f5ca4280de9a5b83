//! Tauri commands of the one-on-one journal: each takes the state, calls one core function,
//! converts the result.

use tauri::State;
use teamlead_core as core;
use teamlead_ipc as ipc;
use teamlead_ipc::journal as wire;

use crate::AppState;

type Reply<T> = Result<T, ipc::IpcError>;

/// Searches return this many hits unless the page asks for another number.
const DEFAULT_HITS: u32 = 50;

#[tauri::command]
pub fn person_journal(
    state: State<'_, AppState>,
    member_id: i64,
    today: String,
) -> Reply<wire::PersonJournal> {
    let today = wire::parse_date(&today)?;
    state.with(|store| {
        Ok(store
            .person_journal(core::MemberId(member_id), today)?
            .into())
    })
}

#[tauri::command]
pub fn update_person(state: State<'_, AppState>, req: wire::UpdatePerson) -> Reply<wire::Person> {
    let update = req.update()?;
    state.with(|store| {
        Ok(store
            .update_person(core::MemberId(req.member_id), &update)?
            .into())
    })
}

#[tauri::command]
pub fn save_person_notes(
    state: State<'_, AppState>,
    req: wire::SavePersonNotes,
) -> Reply<wire::NotesSaved> {
    let member = core::MemberId(req.member_id);
    state.with(|store| {
        Ok(wire::NotesSaved {
            saved_at: store.save_person_notes(member, &req.notes)?,
        })
    })
}

#[tauri::command]
pub fn set_member_skill(
    state: State<'_, AppState>,
    req: wire::SetMemberSkill,
) -> Reply<wire::Person> {
    let member = core::MemberId(req.member_id);
    state.with(|store| {
        Ok(store
            .set_member_skill(member, &req.skill, req.level)?
            .into())
    })
}

#[tauri::command]
pub fn add_goal(state: State<'_, AppState>, req: wire::AddGoal) -> Reply<wire::Goal> {
    let goal = core::journal::NewGoal {
        title: req.title,
        skills: req.skills,
        progress: req.progress,
    };
    state.with(|store| Ok(store.add_goal(core::MemberId(req.member_id), &goal)?.into()))
}

#[tauri::command]
pub fn update_goal(state: State<'_, AppState>, req: wire::UpdateGoal) -> Reply<wire::Goal> {
    let goal = core::journal::NewGoal {
        title: req.title,
        skills: req.skills,
        progress: req.progress,
    };
    state.with(|store| Ok(store.update_goal(core::GoalId(req.goal_id), &goal)?.into()))
}

#[tauri::command]
pub fn delete_goal(state: State<'_, AppState>, goal_id: i64) -> Reply<()> {
    state.with(|store| store.delete_goal(core::GoalId(goal_id)))
}

#[tauri::command]
pub fn create_session(
    state: State<'_, AppState>,
    req: wire::CreateSession,
) -> Reply<wire::Session> {
    let new = req.new_session()?;
    state.with(|store| {
        Ok(store
            .create_session(core::MemberId(req.member_id), new)?
            .into())
    })
}

#[tauri::command]
pub fn load_session(state: State<'_, AppState>, session_id: i64) -> Reply<wire::Session> {
    state.with(|store| Ok(store.session(core::SessionId(session_id))?.into()))
}

#[tauri::command]
pub fn delete_session(state: State<'_, AppState>, session_id: i64) -> Reply<()> {
    state.with(|store| store.delete_session(core::SessionId(session_id)))
}

/// The autosave: not an undo step.
#[tauri::command]
pub fn save_session_notes(
    state: State<'_, AppState>,
    req: wire::SaveSessionNotes,
) -> Reply<wire::NotesSaved> {
    let session = core::SessionId(req.session_id);
    state.with(|store| {
        Ok(wire::NotesSaved {
            saved_at: store.save_session_notes(session, &req.notes)?,
        })
    })
}

#[tauri::command]
pub fn set_check_in(state: State<'_, AppState>, req: wire::SetCheckIn) -> Reply<wire::Session> {
    let session = core::SessionId(req.session_id);
    state.with(|store| Ok(store.set_check_in(session, req.mood, req.workload)?.into()))
}

#[tauri::command]
pub fn set_shareable(state: State<'_, AppState>, req: wire::SetShareable) -> Reply<()> {
    state.with(|store| store.set_shareable(req.target(), req.shareable))
}

#[tauri::command]
pub fn add_agenda_item(
    state: State<'_, AppState>,
    req: wire::AddAgendaItem,
) -> Reply<wire::AgendaItem> {
    let session = core::SessionId(req.session_id);
    state.with(|store| Ok(store.add_agenda_item(session, &req.text)?.into()))
}

#[tauri::command]
pub fn edit_agenda_item(
    state: State<'_, AppState>,
    req: wire::EditAgendaItem,
) -> Reply<wire::AgendaItem> {
    let item = core::AgendaItemId(req.item_id);
    state.with(|store| Ok(store.edit_agenda_item(item, &req.text)?.into()))
}

#[tauri::command]
pub fn set_agenda_status(
    state: State<'_, AppState>,
    req: wire::SetAgendaStatus,
) -> Reply<wire::AgendaItem> {
    let item = core::AgendaItemId(req.item_id);
    state.with(|store| Ok(store.set_agenda_status(item, req.status.into())?.into()))
}

#[tauri::command]
pub fn delete_agenda_item(state: State<'_, AppState>, item_id: i64) -> Reply<()> {
    state.with(|store| store.delete_agenda_item(core::AgendaItemId(item_id)))
}

#[tauri::command]
pub fn apply_template(
    state: State<'_, AppState>,
    req: wire::ApplyTemplate,
) -> Reply<wire::Session> {
    let (session, template) = (
        core::SessionId(req.session_id),
        core::TemplateId(req.template_id),
    );
    state.with(|store| Ok(store.apply_template(session, template)?.into()))
}

#[tauri::command]
pub fn add_action_item(
    state: State<'_, AppState>,
    req: wire::AddActionItem,
) -> Reply<wire::ActionItem> {
    let new = req.new_item()?;
    let session = core::SessionId(req.session_id);
    state.with(|store| Ok(store.add_action_item(session, &new)?.into()))
}

#[tauri::command]
pub fn update_action_item(
    state: State<'_, AppState>,
    req: wire::UpdateActionItem,
) -> Reply<wire::ActionItem> {
    let new = req.new_item()?;
    let item = core::ActionItemId(req.item_id);
    state.with(|store| Ok(store.update_action_item(item, &new)?.into()))
}

#[tauri::command]
pub fn set_action_item_done(
    state: State<'_, AppState>,
    req: wire::SetActionItemDone,
) -> Reply<wire::ActionItem> {
    let item = core::ActionItemId(req.item_id);
    state.with(|store| Ok(store.set_action_item_done(item, req.done)?.into()))
}

#[tauri::command]
pub fn delete_action_item(state: State<'_, AppState>, item_id: i64) -> Reply<()> {
    state.with(|store| store.delete_action_item(core::ActionItemId(item_id)))
}

#[tauri::command]
pub fn action_item_to_card(
    state: State<'_, AppState>,
    req: wire::ActionItemToCard,
) -> Reply<wire::ActionItemCard> {
    let (item, column) = (
        core::ActionItemId(req.item_id),
        core::ColumnId(req.column_id),
    );
    state.with(|store| Ok(store.action_item_to_card(item, column)?.into()))
}

#[tauri::command]
pub fn add_feedback(state: State<'_, AppState>, req: wire::AddFeedback) -> Reply<wire::Feedback> {
    let new = req.new_feedback();
    let session = core::SessionId(req.session_id);
    state.with(|store| Ok(store.add_feedback(session, &new)?.into()))
}

#[tauri::command]
pub fn update_feedback(
    state: State<'_, AppState>,
    req: wire::UpdateFeedback,
) -> Reply<wire::Feedback> {
    let new = req.new_feedback();
    let feedback = core::FeedbackId(req.feedback_id);
    state.with(|store| Ok(store.update_feedback(feedback, &new)?.into()))
}

#[tauri::command]
pub fn delete_feedback(state: State<'_, AppState>, feedback_id: i64) -> Reply<()> {
    state.with(|store| store.delete_feedback(core::FeedbackId(feedback_id)))
}

#[tauri::command]
pub fn list_templates(state: State<'_, AppState>) -> Reply<Vec<wire::Template>> {
    state.with(|store| Ok(store.templates()?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub fn create_template(
    state: State<'_, AppState>,
    req: wire::CreateTemplate,
) -> Reply<wire::Template> {
    state.with(|store| Ok(store.create_template(&req.name, &req.items)?.into()))
}

#[tauri::command]
pub fn update_template(
    state: State<'_, AppState>,
    req: wire::UpdateTemplate,
) -> Reply<wire::Template> {
    let template = core::TemplateId(req.template_id);
    state.with(|store| {
        Ok(store
            .update_template(template, &req.name, &req.items)?
            .into())
    })
}

#[tauri::command]
pub fn delete_template(state: State<'_, AppState>, template_id: i64) -> Reply<()> {
    state.with(|store| store.delete_template(core::TemplateId(template_id)))
}

#[tauri::command]
pub fn journal_schedules(
    state: State<'_, AppState>,
    today: String,
) -> Reply<Vec<wire::PersonSchedule>> {
    let today = wire::parse_date(&today)?;
    state.with(|store| {
        Ok(store
            .schedules(today)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

#[tauri::command]
pub fn due_this_week(
    state: State<'_, AppState>,
    today: String,
) -> Reply<Vec<wire::PersonSchedule>> {
    let today = wire::parse_date(&today)?;
    state.with(|store| {
        Ok(store
            .due_this_week(today)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

#[tauri::command]
pub fn search_journal(
    state: State<'_, AppState>,
    req: wire::SearchJournal,
) -> Reply<Vec<wire::SearchHit>> {
    let member = req.member_id.map(core::MemberId);
    let limit = req.limit.unwrap_or(DEFAULT_HITS) as usize;
    state.with(|store| {
        Ok(store
            .search_journal(&req.query, member, limit)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

/// What may be shared about a person, as Markdown: read through `journal::shareable` only.
#[tauri::command]
pub fn shareable_summary(state: State<'_, AppState>, member_id: i64) -> Reply<String> {
    state.with(|store| {
        let shared = store.shareable_person(core::MemberId(member_id))?;
        Ok(core::journal::shareable::markdown(&shared))
    })
}

/// Everything about one person, private notes included: their right of access.
#[tauri::command]
pub fn export_person(state: State<'_, AppState>, member_id: i64) -> Reply<wire::PersonExport> {
    let record = state.with(|store| store.person_record(core::MemberId(member_id)))?;
    wire::PersonExport::of(record)
}

/// Saves everything about one person as Markdown and JSON files side by side in the export
/// folder, never over an existing file; returns the two paths.
#[tauri::command]
pub async fn save_person_export(state: State<'_, AppState>, member_id: i64) -> Reply<Vec<String>> {
    let record = state.with(|store| store.person_record(core::MemberId(member_id)))?;
    let stem = core::files::safe_file_stem(&format!("{} - personal data", record.person.name));
    let export = wire::PersonExport::of(record)?;
    let dir = state.export_dir.clone();
    let written = tauri::async_runtime::spawn_blocking(move || {
        std::fs::create_dir_all(&dir).map_err(|e| core::Error::Export {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })?;
        let paths = core::files::unused_paths(&dir, &stem, &["md", "json"]);
        core::files::write_files_atomically(&[
            (paths[0].clone(), export.markdown.into_bytes()),
            (paths[1].clone(), export.json.into_bytes()),
        ])?;
        Ok::<_, core::Error>(paths)
    })
    .await
    .map_err(|e| ipc::IpcError::internal(format!("The export stopped unexpectedly: {e}")))??;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// Erases a person and all their journal data; not undoable (the page confirms first).
#[tauri::command]
pub fn erase_person(state: State<'_, AppState>, member_id: i64) -> Reply<()> {
    state.with(|store| store.erase_person(core::MemberId(member_id)))
}
