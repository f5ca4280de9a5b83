/// The app's own commands; each gets an `allow-<name>` permission that the capability in
/// `tauri.conf.json` must grant, so a command nobody granted cannot be called from the page.
const COMMANDS: &[&str] = &[
    "app_info",
    "workspace",
    "seed_demo",
    "start_fresh",
    "load_board",
    "list_members",
    "create_card",
    "rename_card",
    "move_card",
    "assign_card",
    "place_card",
    "set_wip_limit",
    "set_estimate",
    "archive_card",
    "restore_card",
    "delete_card",
    "archived_cards",
    "add_column",
    "rename_column",
    "move_column",
    "delete_column",
    "add_board",
    "rename_board",
    "card_detail",
    "set_description",
    "set_priority",
    "set_due",
    "block_card",
    "unblock_card",
    "create_label",
    "update_label",
    "delete_label",
    "set_card_label",
    "set_card_skill",
    "skill_names",
    "add_checklist_item",
    "rename_checklist_item",
    "check_checklist_item",
    "delete_checklist_item",
    "archive_column",
    "restore_column",
    "archived_columns",
    "undo",
    "redo",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build step failed");
}
