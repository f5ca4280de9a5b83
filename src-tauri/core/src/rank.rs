//! Order keys for cards and columns.
//!
//! A rank is a base-62 fraction written with the digits `0-9A-Za-z`, whose ASCII order is
//! the digit order, so SQLite's default BINARY collation sorts ranks correctly. A rank is
//! never empty and never ends in `0`, so there is always room before it. Placing an item
//! between two others writes only that item: neighbours are never renumbered.

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: u32 = 62;

fn digit_value(byte: u8) -> Option<u32> {
    match byte {
        b'0'..=b'9' => Some(u32::from(byte - b'0')),
        b'A'..=b'Z' => Some(u32::from(byte - b'A') + 10),
        b'a'..=b'z' => Some(u32::from(byte - b'a') + 36),
        _ => None,
    }
}

fn digit(value: u32) -> char {
    char::from(DIGITS[value as usize])
}

/// Whether `rank` is a well-formed rank: non-empty, base-62 digits only, no trailing `0`.
pub fn is_valid(rank: &str) -> bool {
    !rank.is_empty() && !rank.ends_with('0') && rank.bytes().all(|b| digit_value(b).is_some())
}

/// A rank strictly between `before` and `after`; `None` stands for the start or the end.
///
/// Both bounds must be valid ranks with `before < after`; the caller reads them from the
/// database, where only this module writes them.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    debug_assert!(before.is_none_or(is_valid), "invalid lower rank {before:?}");
    debug_assert!(after.is_none_or(is_valid), "invalid upper rank {after:?}");
    if let (Some(a), Some(b)) = (before, after) {
        debug_assert!(a < b, "ranks out of order: {a:?} >= {b:?}");
    }
    if let (Some(a), None) = (before, after) {
        if let Some(next) = increment(a) {
            return next;
        }
    }
    let mut out = String::new();
    midpoint(
        before.unwrap_or("").as_bytes(),
        after.map(str::as_bytes),
        &mut out,
    );
    out
}

/// The shortest rank above `a` made by raising one digit, so that appending to the end,
/// the most common placement, grows ranks by one digit only every few dozen appends.
fn increment(a: &str) -> Option<String> {
    let bytes = a.as_bytes();
    let i = bytes.iter().position(|&b| b != b'z')?;
    let raised = digit_value(bytes[i])? + 1;
    let mut out = String::with_capacity(i + 1);
    out.push_str(&a[..i]);
    out.push(digit(raised));
    Some(out)
}

/// `n` ranks in increasing order, evenly spaced and of equal width, for bulk inserts.
pub fn spread(n: usize) -> Vec<String> {
    let mut width = 1u32;
    while u128::from(BASE).pow(width) <= n as u128 + 1 {
        width += 1;
    }
    let space = u128::from(BASE).pow(width);
    let step = space / (n as u128 + 1);
    (1..=n as u128)
        .map(|i| {
            let mut value = i * step;
            let mut digits = vec![b'0'; width as usize];
            for slot in digits.iter_mut().rev() {
                *slot = DIGITS[(value % u128::from(BASE)) as usize];
                value /= u128::from(BASE);
            }
            while digits.last() == Some(&b'0') {
                digits.pop();
            }
            String::from_utf8(digits).expect("base-62 digits are ASCII")
        })
        .collect()
}

/// Appends to `out` a fraction strictly between `a` (missing digits read as 0) and `b`
/// (`None` = 1). `a` has no trailing zero.
fn midpoint(a: &[u8], b: Option<&[u8]>, out: &mut String) {
    let mut a = a;
    let mut b = b;
    // Copy the common prefix, reading missing digits of `a` as zeros.
    if let Some(upper) = b {
        let mut n = 0;
        while n < upper.len() && a.get(n).copied().unwrap_or(b'0') == upper[n] {
            n += 1;
        }
        for &byte in &upper[..n] {
            out.push(char::from(byte));
        }
        a = a.get(n..).unwrap_or(&[]);
        b = Some(&upper[n..]);
    }
    let digit_a = a.first().and_then(|&d| digit_value(d)).unwrap_or(0);
    let digit_b = b
        .and_then(|upper| upper.first())
        .and_then(|&d| digit_value(d))
        .unwrap_or(BASE);
    if digit_b - digit_a > 1 {
        out.push(digit((digit_a + digit_b).div_ceil(2)));
        return;
    }
    // The first digits are adjacent.
    match b {
        Some(upper) if upper.len() > 1 => out.push(char::from(upper[0])),
        _ => {
            out.push(digit(digit_a));
            midpoint(a.get(1..).unwrap_or(&[]), None, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(before: Option<&str>, after: Option<&str>, expected: &str) {
        let got = between(before, after);
        assert_eq!(got, expected, "between({before:?}, {after:?})");
        assert!(is_valid(&got));
        if let Some(a) = before {
            assert!(a < got.as_str());
        }
        if let Some(b) = after {
            assert!(got.as_str() < b);
        }
    }

    #[test]
    fn table_of_cases() {
        check(None, None, "V");
        check(Some("V"), None, "W");
        check(Some("zV"), None, "zW");
        check(None, Some("V"), "G");
        check(Some("a"), Some("b"), "aV");
        check(Some("a"), Some("aV"), "aG");
        check(Some("az"), Some("b"), "azV");
        check(Some("0V"), Some("1"), "0l");
        check(None, Some("01"), "00V");
        check(Some("z"), None, "zV");
        check(Some("zz"), None, "zzV");
        check(Some("y"), Some("z"), "yV");
        check(Some("1"), Some("11"), "10V");
    }

    #[test]
    fn validity() {
        assert!(is_valid("a1"));
        assert!(!is_valid(""));
        assert!(!is_valid("a0"));
        assert!(!is_valid("a-b"));
    }

    #[test]
    fn spread_is_strictly_increasing_and_short() {
        for n in [0, 1, 2, 61, 62, 200, 5_000] {
            let ranks = spread(n);
            assert_eq!(ranks.len(), n);
            assert!(ranks.windows(2).all(|w| w[0] < w[1]), "n = {n}");
            assert!(ranks.iter().all(|r| is_valid(r) && r.len() <= 4), "n = {n}");
        }
    }

    #[test]
    fn appending_grows_slowly() {
        let mut last = between(None, None);
        for _ in 0..1_000 {
            let next = between(Some(&last), None);
            assert!(last < next);
            last = next;
        }
        assert!(
            last.len() <= 40,
            "rank after 1,000 appends is {} long",
            last.len()
        );
    }
}
