//! Full-text search over session notes, talking points, action items and feedback, with
//! SQLite FTS5: accents and case folded, best matches first (bm25), each with a snippet whose
//! matched words are marked.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::DOC_RANGE_BITS;
use crate::error::{Error, Result};
use crate::model::{MemberId, SessionId};
use crate::store::Store;
use crate::validate;

/// Marks where a matched word starts and ends in [`SearchHit::snippet`]. Control characters
/// cannot occur in stored text, so the markers are unambiguous; [`snippet_parts`] splits on
/// them, and the UI shows the parts as text, never as HTML.
pub const HIT_START: char = '\u{2}';
pub const HIT_END: char = '\u{3}';

/// At most this many hits are returned.
pub const MAX_HITS: usize = 200;

/// What a hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    Notes,
    AgendaItem,
    ActionItem,
    Feedback,
}

impl HitKind {
    fn of(doc: i64) -> Option<HitKind> {
        match doc >> DOC_RANGE_BITS {
            0 => Some(HitKind::Notes),
            1 => Some(HitKind::AgendaItem),
            2 => Some(HitKind::ActionItem),
            3 => Some(HitKind::Feedback),
            _ => None,
        }
    }

    /// Reads the session, person and date of a document of this kind.
    fn place_sql(self) -> &'static str {
        match self {
            HitKind::Notes => {
                "SELECT s.id, s.member_id, m.name, s.date
                 FROM one_on_ones s JOIN members m ON m.id = s.member_id WHERE s.id = ?1"
            }
            HitKind::AgendaItem => {
                "SELECT s.id, s.member_id, m.name, s.date FROM agenda_items x
                 JOIN one_on_ones s ON s.id = x.session_id JOIN members m ON m.id = s.member_id
                 WHERE x.id = ?1"
            }
            HitKind::ActionItem => {
                "SELECT s.id, s.member_id, m.name, s.date FROM action_items x
                 JOIN one_on_ones s ON s.id = x.session_id JOIN members m ON m.id = s.member_id
                 WHERE x.id = ?1"
            }
            HitKind::Feedback => {
                "SELECT s.id, s.member_id, m.name, s.date FROM feedback x
                 JOIN one_on_ones s ON s.id = x.session_id JOIN members m ON m.id = s.member_id
                 WHERE x.id = ?1"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The id of the session, talking point, action item or feedback entry.
    pub id: i64,
    pub session: SessionId,
    pub member: MemberId,
    pub member_name: String,
    pub date: NaiveDate,
    /// Some words around the matches, each match between [`HIT_START`] and [`HIT_END`];
    /// an ellipsis marks text left out.
    pub snippet: String,
    /// Higher is better (bm25, negated).
    pub score: f64,
}

/// Documents up to this many characters get FTS5's own snippet; longer ones are cut by
/// [`around_first_match`].
const SNIPPET_FROM_WHOLE_CHARS: i64 = 16 * 1024;

/// A snippet of a highlighted text: some words before its first match and some after, with
/// every marker kept in pairs and an ellipsis where text was left out.
pub fn around_first_match(highlighted: &str) -> String {
    const BEFORE: usize = 40;
    const AFTER: usize = 120;
    let Some(first) = highlighted.find(HIT_START) else {
        return String::new();
    };
    // Back to a word boundary at most BEFORE characters earlier.
    let mut start = highlighted[..first]
        .char_indices()
        .rev()
        .nth(BEFORE)
        .map_or(0, |(i, _)| i);
    if start > 0 {
        start = highlighted[start..first]
            .find(char::is_whitespace)
            .map_or(first, |i| start + i + 1);
    }
    // Forward past AFTER characters, then to the end of the word (or of the match).
    let mut end = highlighted[first..]
        .char_indices()
        .nth(AFTER)
        .map_or(highlighted.len(), |(i, _)| first + i);
    let open = highlighted[..end].matches(HIT_START).count();
    let closed = highlighted[..end].matches(HIT_END).count();
    if open > closed {
        end = highlighted[end..]
            .find(HIT_END)
            .map_or(highlighted.len(), |i| end + i + HIT_END.len_utf8());
    }
    if end < highlighted.len() {
        end = highlighted[end..]
            .find(char::is_whitespace)
            .map_or(highlighted.len(), |i| end + i);
        // A match may begin inside the word the cut runs to.
        let open = highlighted[..end].matches(HIT_START).count();
        let closed = highlighted[..end].matches(HIT_END).count();
        if open > closed {
            end = highlighted[end..]
                .find(HIT_END)
                .map_or(highlighted.len(), |i| end + i + HIT_END.len_utf8());
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('\u{2026}');
    }
    out.push_str(highlighted[start..end].trim());
    if end < highlighted.len() {
        out.push('\u{2026}');
    }
    out
}

/// A piece of a snippet: plain text or a matched word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// Splits a snippet on its markers.
pub fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    for c in snippet.chars() {
        let boundary = match c {
            HIT_START => Some(true),
            HIT_END => Some(false),
            _ => None,
        };
        match boundary {
            Some(next) => {
                if !text.is_empty() {
                    parts.push(SnippetPart {
                        text: std::mem::take(&mut text),
                        hit,
                    });
                }
                hit = next;
            }
            None => text.push(c),
        }
    }
    if !text.is_empty() {
        parts.push(SnippetPart { text, hit });
    }
    parts
}

/// The FTS5 query for what the lead typed: every word must occur (in any order, accents and
/// case ignored). Each word is quoted, so FTS5 operators and punctuation are taken as text;
/// control characters, which stored text never holds (and FTS5 cannot quote), separate
/// words like spaces. `None` when there is nothing to search for.
pub fn match_query(input: &str) -> Result<Option<String>> {
    if input.chars().nth(validate::MAX_QUERY_CHARS).is_some() {
        return Err(Error::invalid(
            "query",
            format!(
                "A search can be at most {} characters long.",
                validate::MAX_QUERY_CHARS
            ),
        ));
    }
    let words: Vec<&str> = input
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.len() > validate::MAX_QUERY_WORDS {
        return Err(Error::invalid(
            "query",
            format!(
                "A search can have at most {} words.",
                validate::MAX_QUERY_WORDS
            ),
        ));
    }
    if words.is_empty() {
        return Ok(None);
    }
    let quoted: Vec<String> = words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    Ok(Some(quoted.join(" ")))
}

struct Place {
    session: SessionId,
    member: MemberId,
    member_name: String,
    date: NaiveDate,
}

fn place(conn: &Connection, kind: HitKind, id: i64) -> Result<Option<Place>> {
    Ok(conn
        .prepare_cached(kind.place_sql())?
        .query_row([id], |row| {
            Ok(Place {
                session: row.get(0)?,
                member: row.get(1)?,
                member_name: row.get(2)?,
                date: row.get(3)?,
            })
        })
        .optional()?)
}

impl Store {
    /// Searches the journal, everyone's or one person's (`member`), best matches first; at
    /// most `limit` hits (up to [`MAX_HITS`]).
    pub fn search_journal(
        &self,
        query: &str,
        member: Option<MemberId>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let Some(query) = match_query(query)? else {
            return Ok(Vec::new());
        };
        let limit = limit.min(MAX_HITS);
        let conn = self.conn();
        // Ranks first (FTS5 sorts by bm25 itself), snippets only for the hits kept.
        let mut ranked = conn.prepare_cached(
            "SELECT rowid, rank FROM journal_search WHERE journal_search MATCH ?1 ORDER BY rank",
        )?;
        let mut rows = ranked.query([&query])?;
        let mut hits = Vec::new();
        while hits.len() < limit {
            let Some(row) = rows.next()? else { break };
            let doc: i64 = row.get(0)?;
            let rank: f64 = row.get(1)?;
            let Some(kind) = HitKind::of(doc) else {
                continue;
            };
            let Some(place) = place(conn, kind, doc)? else {
                continue;
            };
            if member.is_some_and(|m| m != place.member) {
                continue;
            }
            hits.push(SearchHit {
                kind,
                id: doc,
                session: place.session,
                member: place.member,
                member_name: place.member_name,
                date: place.date,
                snippet: String::new(),
                score: -rank,
            });
        }
        drop(rows);
        // FTS5 picks the best window of a short document (its snippet() takes time quadratic
        // in the matches); a long one is highlighted whole, in linear time, and cut around
        // its first match.
        let mut snippet = conn.prepare_cached(
            "SELECT length(body) <= ?3,
                    CASE WHEN length(body) <= ?3
                         THEN snippet(journal_search, 0, char(2), char(3), '\u{2026}', 12)
                         ELSE highlight(journal_search, 0, char(2), char(3)) END
             FROM journal_search WHERE journal_search MATCH ?1 AND rowid = ?2",
        )?;
        for hit in &mut hits {
            let found: Option<(bool, String)> = snippet
                .query_row(
                    rusqlite::params![query, hit.id, SNIPPET_FROM_WHOLE_CHARS],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            hit.snippet = match found {
                Some((true, snippet)) => snippet,
                Some((false, highlighted)) => around_first_match(&highlighted),
                None => String::new(),
            };
        }
        Ok(hits)
    }
}
