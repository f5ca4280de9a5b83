//! The plain data the core stores and returns.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::store::Millis;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

id_type!(
    /// A team member.
    MemberId
);
id_type!(
    /// A board.
    BoardId
);
id_type!(
    /// A column of a board.
    ColumnId
);
id_type!(
    /// A card on a board.
    CardId
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    pub name: String,
    /// 1 (learning) to 5 (expert).
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: MemberId,
    pub name: String,
    pub role: String,
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub name: String,
    pub role: String,
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub id: BoardId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: ColumnId,
    pub board_id: BoardId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: CardId,
    pub column_id: ColumnId,
    /// Order within the column; compare ranks as strings.
    pub rank: String,
    pub title: String,
    pub assignee: Option<MemberId>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// A board with its columns in order and its cards in order within each column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardView {
    pub board: Board,
    pub columns: Vec<Column>,
    pub cards: Vec<Card>,
}

impl BoardView {
    /// The cards of one column, in order.
    pub fn cards_in(&self, column: ColumnId) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(move |c| c.column_id == column)
    }
}

/// Where a card goes: into `column`, right after `after` (or first when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub column: ColumnId,
    pub after: Option<CardId>,
}
