//! Tauri commands: each takes the state, calls one core function, converts the result.

use tauri::State;
use teamlead_core as core;
use teamlead_ipc as ipc;

use crate::AppState;

type Reply<T> = Result<T, ipc::IpcError>;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> ipc::AppInfo {
    ipc::AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_file: state.data_file.display().to_string(),
        export_dir: state.export_dir.display().to_string(),
        log_dir: state.log_dir.display().to_string(),
    }
}

#[tauri::command]
pub fn workspace(state: State<'_, AppState>) -> Reply<ipc::Workspace> {
    state.with(|store| workspace_of(store))
}

#[tauri::command]
pub fn seed_demo(state: State<'_, AppState>) -> Reply<ipc::Workspace> {
    state.with(|store| {
        store.seed_demo_with_history()?;
        workspace_of(store)
    })
}

#[tauri::command]
pub fn start_fresh(state: State<'_, AppState>) -> Reply<ipc::Workspace> {
    state.with(|store| {
        store.start_fresh()?;
        workspace_of(store)
    })
}

#[tauri::command]
pub fn load_board(state: State<'_, AppState>, board_id: i64) -> Reply<ipc::Board> {
    state.with(|store| store.board_view(core::BoardId(board_id)).map(Into::into))
}

/// Open work per person on a board: what the UI re-reads after a change.
#[tauri::command]
pub fn board_loads(state: State<'_, AppState>, board_id: i64) -> Reply<Vec<ipc::Load>> {
    let board = core::BoardId(board_id);
    state.with(|store| {
        Ok(store
            .board_loads(board)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

#[tauri::command]
pub fn list_members(state: State<'_, AppState>) -> Reply<Vec<ipc::Member>> {
    state.with(|store| Ok(store.list_members()?.into_iter().map(Into::into).collect()))
}

#[tauri::command]
pub fn create_card(state: State<'_, AppState>, req: ipc::CreateCard) -> Reply<ipc::Card> {
    state.with(|store| {
        Ok(store
            .create_card(core::ColumnId(req.column_id), &req.title)?
            .into())
    })
}

#[tauri::command]
pub fn rename_card(state: State<'_, AppState>, req: ipc::RenameCard) -> Reply<ipc::Card> {
    state.with(|store| {
        Ok(store
            .rename_card(core::CardId(req.card_id), &req.title)?
            .into())
    })
}

#[tauri::command]
pub fn move_card(state: State<'_, AppState>, req: ipc::MoveCard) -> Reply<ipc::CardPlace> {
    let (card, to) = req.placement();
    state.with(|store| Ok(store.move_card(card, to)?.into()))
}

fn workspace_of(store: &core::Store) -> core::Result<ipc::Workspace> {
    Ok(ipc::Workspace {
        empty: store.is_empty()?,
        boards: store.list_boards()?.into_iter().map(Into::into).collect(),
    })
}

#[tauri::command]
pub fn assign_card(state: State<'_, AppState>, req: ipc::AssignCard) -> Reply<ipc::Card> {
    let member = req.member_id.map(core::MemberId);
    state.with(|store| Ok(store.assign_card(core::CardId(req.card_id), member)?.into()))
}

#[tauri::command]
pub fn place_card(state: State<'_, AppState>, req: ipc::PlaceCard) -> Reply<ipc::CardPlace> {
    let (card, to, member) = req.placement();
    state.with(|store| Ok(store.place_card(card, to, member)?.into()))
}

#[tauri::command]
pub fn set_wip_limit(state: State<'_, AppState>, req: ipc::SetWipLimit) -> Reply<ipc::Column> {
    let column = core::ColumnId(req.column_id);
    state.with(|store| Ok(store.set_wip_limit(column, req.limit)?.into()))
}

#[tauri::command]
pub fn set_estimate(state: State<'_, AppState>, req: ipc::SetEstimate) -> Reply<ipc::Card> {
    state.with(|store| {
        Ok(store
            .set_estimate(core::CardId(req.card_id), req.estimate)?
            .into())
    })
}

#[tauri::command]
pub fn archive_card(state: State<'_, AppState>, card_id: i64) -> Reply<ipc::Card> {
    state.with(|store| Ok(store.archive_card(core::CardId(card_id))?.into()))
}

#[tauri::command]
pub fn restore_card(state: State<'_, AppState>, card_id: i64) -> Reply<ipc::Card> {
    state.with(|store| Ok(store.restore_card(core::CardId(card_id))?.into()))
}

#[tauri::command]
pub fn delete_card(state: State<'_, AppState>, card_id: i64) -> Reply<()> {
    state.with(|store| store.delete_card(core::CardId(card_id)))
}

#[tauri::command]
pub fn archived_cards(state: State<'_, AppState>, board_id: i64) -> Reply<Vec<ipc::Card>> {
    let board = core::BoardId(board_id);
    state.with(|store| {
        Ok(store
            .archived_cards(board)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

#[tauri::command]
pub fn add_column(state: State<'_, AppState>, req: ipc::AddColumn) -> Reply<ipc::Column> {
    let (board, after) = (
        core::BoardId(req.board_id),
        req.after_id.map(core::ColumnId),
    );
    state.with(|store| Ok(store.add_column(board, &req.name, after)?.into()))
}

#[tauri::command]
pub fn rename_column(state: State<'_, AppState>, req: ipc::RenameColumn) -> Reply<ipc::Column> {
    state.with(|store| {
        Ok(store
            .rename_column(core::ColumnId(req.column_id), &req.name)?
            .into())
    })
}

#[tauri::command]
pub fn move_column(state: State<'_, AppState>, req: ipc::MoveColumn) -> Reply<ipc::Column> {
    let (column, after) = (
        core::ColumnId(req.column_id),
        req.after_id.map(core::ColumnId),
    );
    state.with(|store| Ok(store.move_column(column, after)?.into()))
}

#[tauri::command]
pub fn delete_column(state: State<'_, AppState>, req: ipc::DeleteColumn) -> Reply<()> {
    let (column, to) = (
        core::ColumnId(req.column_id),
        req.cards_to.map(core::ColumnId),
    );
    state.with(|store| store.delete_column(column, to))
}

#[tauri::command]
pub fn add_board(state: State<'_, AppState>, name: String) -> Reply<ipc::Board> {
    state.with(|store| Ok(store.add_board(&name)?.into()))
}

#[tauri::command]
pub fn rename_board(state: State<'_, AppState>, req: ipc::RenameBoard) -> Reply<()> {
    state.with(|store| store.rename_board(core::BoardId(req.board_id), &req.name))
}

#[tauri::command]
pub fn card_detail(state: State<'_, AppState>, card_id: i64) -> Reply<ipc::CardDetail> {
    state.with(|store| Ok(store.card_detail(core::CardId(card_id))?.into()))
}

#[tauri::command]
pub fn set_description(state: State<'_, AppState>, req: ipc::SetDescription) -> Reply<ipc::Card> {
    let card = core::CardId(req.card_id);
    state.with(|store| Ok(store.set_description(card, &req.text)?.into()))
}

#[tauri::command]
pub fn set_priority(state: State<'_, AppState>, req: ipc::SetPriority) -> Reply<ipc::Card> {
    let card = core::CardId(req.card_id);
    state.with(|store| Ok(store.set_priority(card, req.priority.into())?.into()))
}

#[tauri::command]
pub fn set_due(state: State<'_, AppState>, req: ipc::SetDue) -> Reply<ipc::Card> {
    let due = req.date()?;
    state.with(|store| Ok(store.set_due(core::CardId(req.card_id), due)?.into()))
}

#[tauri::command]
pub fn block_card(state: State<'_, AppState>, req: ipc::BlockCard) -> Reply<ipc::Card> {
    let card = core::CardId(req.card_id);
    state.with(|store| Ok(store.block_card(card, &req.reason)?.into()))
}

#[tauri::command]
pub fn unblock_card(state: State<'_, AppState>, card_id: i64) -> Reply<ipc::Card> {
    state.with(|store| Ok(store.unblock_card(core::CardId(card_id))?.into()))
}

#[tauri::command]
pub fn create_label(state: State<'_, AppState>, req: ipc::CreateLabel) -> Reply<ipc::Label> {
    let board = core::BoardId(req.board_id);
    state.with(|store| {
        Ok(store
            .create_label(board, &req.name, req.color.into())?
            .into())
    })
}

#[tauri::command]
pub fn update_label(state: State<'_, AppState>, req: ipc::UpdateLabel) -> Reply<ipc::Label> {
    let label = core::LabelId(req.label_id);
    state.with(|store| {
        Ok(store
            .update_label(label, &req.name, req.color.into())?
            .into())
    })
}

#[tauri::command]
pub fn delete_label(state: State<'_, AppState>, label_id: i64) -> Reply<()> {
    state.with(|store| store.delete_label(core::LabelId(label_id)))
}

#[tauri::command]
pub fn set_card_label(state: State<'_, AppState>, req: ipc::SetCardLabel) -> Reply<ipc::Card> {
    let (card, label) = (core::CardId(req.card_id), core::LabelId(req.label_id));
    state.with(|store| Ok(store.set_card_label(card, label, req.on)?.into()))
}

#[tauri::command]
pub fn set_card_skill(state: State<'_, AppState>, req: ipc::SetCardSkill) -> Reply<ipc::Card> {
    let card = core::CardId(req.card_id);
    state.with(|store| {
        Ok(store
            .set_card_skill(card, &req.skill, req.min_level)?
            .into())
    })
}

#[tauri::command]
pub fn skill_names(state: State<'_, AppState>) -> Reply<Vec<String>> {
    state.with(|store| store.skill_names())
}

#[tauri::command]
pub fn add_checklist_item(
    state: State<'_, AppState>,
    req: ipc::AddChecklistItem,
) -> Reply<ipc::ChecklistItem> {
    let card = core::CardId(req.card_id);
    state.with(|store| Ok(store.add_checklist_item(card, &req.text)?.into()))
}

#[tauri::command]
pub fn rename_checklist_item(
    state: State<'_, AppState>,
    req: ipc::RenameChecklistItem,
) -> Reply<ipc::ChecklistItem> {
    let item = core::ChecklistItemId(req.item_id);
    state.with(|store| Ok(store.rename_checklist_item(item, &req.text)?.into()))
}

#[tauri::command]
pub fn check_checklist_item(
    state: State<'_, AppState>,
    req: ipc::CheckChecklistItem,
) -> Reply<ipc::ChecklistItem> {
    let item = core::ChecklistItemId(req.item_id);
    state.with(|store| Ok(store.check_checklist_item(item, req.done)?.into()))
}

#[tauri::command]
pub fn delete_checklist_item(state: State<'_, AppState>, item_id: i64) -> Reply<()> {
    state.with(|store| store.delete_checklist_item(core::ChecklistItemId(item_id)))
}

#[tauri::command]
pub fn archive_column(state: State<'_, AppState>, column_id: i64) -> Reply<ipc::Column> {
    state.with(|store| Ok(store.archive_column(core::ColumnId(column_id))?.into()))
}

#[tauri::command]
pub fn restore_column(state: State<'_, AppState>, column_id: i64) -> Reply<ipc::Column> {
    state.with(|store| Ok(store.restore_column(core::ColumnId(column_id))?.into()))
}

#[tauri::command]
pub fn archived_columns(
    state: State<'_, AppState>,
    board_id: i64,
) -> Reply<Vec<ipc::ArchivedColumn>> {
    let board = core::BoardId(board_id);
    state.with(|store| {
        Ok(store
            .archived_columns(board)?
            .into_iter()
            .map(Into::into)
            .collect())
    })
}

#[tauri::command]
pub fn undo(state: State<'_, AppState>) -> Reply<ipc::UndoStep> {
    state.with(|store| {
        Ok(ipc::UndoStep {
            label: store.undo()?,
        })
    })
}

#[tauri::command]
pub fn redo(state: State<'_, AppState>) -> Reply<ipc::UndoStep> {
    state.with(|store| {
        Ok(ipc::UndoStep {
            label: store.redo()?,
        })
    })
}

#[tauri::command]
pub fn workload(
    state: State<'_, AppState>,
    req: ipc::workload::WorkloadQuery,
) -> Reply<ipc::workload::Workload> {
    let (board, horizon) = (core::BoardId(req.board_id), req.horizon.to_core()?);
    state.with(|store| Ok(store.workload(board, horizon)?.into()))
}

#[tauri::command]
pub fn suggest_plan(
    state: State<'_, AppState>,
    req: ipc::workload::SuggestPlan,
) -> Reply<ipc::plan::PlanResponse> {
    let (board, horizon, options) = (core::BoardId(req.board_id), req.horizon()?, req.options());
    state.with(|store| Ok(store.suggest_plan(board, horizon, options)?.into()))
}

#[tauri::command]
pub fn apply_plan(state: State<'_, AppState>, req: ipc::workload::ApplyPlan) -> Reply<()> {
    let board = core::BoardId(req.board_id);
    state.with(|store| store.apply_plan(board, &req.accepted()))
}

#[tauri::command]
pub fn set_capacity(state: State<'_, AppState>, req: ipc::workload::SetCapacity) -> Reply<()> {
    let member = core::MemberId(req.member_id);
    state.with(|store| store.set_capacity(member, req.weekly_capacity))
}

#[tauri::command]
pub fn add_time_off(
    state: State<'_, AppState>,
    req: ipc::workload::AddTimeOff,
) -> Reply<ipc::workload::TimeOff> {
    let (member, (start, end)) = (core::MemberId(req.member_id), req.days()?);
    state.with(|store| Ok(store.add_time_off(member, start, end)?.into()))
}

#[tauri::command]
pub fn remove_time_off(state: State<'_, AppState>, time_off_id: i64) -> Reply<()> {
    state.with(|store| store.remove_time_off(core::TimeOffId(time_off_id)))
}

#[tauri::command]
pub fn pin_card(state: State<'_, AppState>, req: ipc::workload::PinCard) -> Reply<ipc::Card> {
    state.with(|store| {
        Ok(store
            .pin_card(core::CardId(req.card_id), req.pinned)?
            .into())
    })
}
