//! The reader's filters and selection in the URL hash, so a link reproduces the view.
//!
//! `encode` writes a short, human-readable hash in a fixed key order:
//!
//! ```text
//! hide=arms,money&actors=-wagner&fold=1&years=2020-2022&layout=network&sel=band:russia:mali:arms
//! ```
//!
//! - `hide`: hidden kind ids, or family ids for all their kinds (`decode` reads both; old
//!   links name kinds only); `show`: the kinds or families shown, all others hidden (how a
//!   dataset's first view is written); `all`: no filter — everything, not the first view;
//!   `actors`: hidden actor ids, each marked `-`; `fold=1`: groups
//!   folded; `years=FROM-TO` (either may be negative); `layout=network` (the giver–receiver
//!   arrangement is the default and is left out), or `layout=multiples&by=family` (or
//!   `by=period`, over the periods the dataset names): small multiples;
//! - `sel=actor:ID` or `sel=band:SOURCE:TARGET:KIND`, with `:reported` or `:denied` after the
//!   kind for a band of claims less sure than facts (actor ids after folding);
//! - `step=N`: step N (from 1) of the dataset's story: its view and highlight, which the
//!   other keys of the same hash then change (so `#step=3` alone is step 3 as the editor
//!   wrote it, and `hash_of` writes a step shown as written that way).
//!
//! Ids are percent-encoded: every byte but ASCII letters, digits and `-._` becomes `%XX`, so
//! any string survives, and the hash holds only characters a browser leaves as they are (it
//! would rewrite `>`, spaces and non-ASCII text). `decode` also reads the form
//! `sel=band:SOURCE>TARGET:KIND`, with `>` written as is or as `%3E`.
//!
//! An empty hash means the dataset's first view (`Dataset::view`), if it declares one: `read`
//! and `hash_of` handle that, around `decode` and `encode`.
//!
//! `decode` never fails: what it cannot use (an unknown key, an id the dataset does not have,
//! malformed years or escapes) is left out and described in a note for the console or a
//! visible message.

use crate::data::model::{Dataset, Status};
use crate::picture::highlight::Target;
use crate::view::{Arrangement, Filters, Multiples, View};

/// What is pinned: an actor, or one band (giver, receiver, kind and status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// An actor id (after folding).
    Actor(String),
    /// Actor ids (after folding) and a kind id.
    Band {
        source: String,
        target: String,
        kind: String,
        status: Status,
    },
}

/// Everything the hash holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlState {
    pub filters: Filters,
    pub selection: Option<Selection>,
    /// The story's step being shown, from 1; its annotations are drawn while it is set.
    pub step: Option<usize>,
}

/// Notes beyond this many are summed up in one last note.
const MAX_NOTES: usize = 10;
/// Characters of a hostile value quoted back in a note.
const QUOTE_CHARS: usize = 40;

/// The ids of a set, sorted: one view, one link.
fn sorted(set: &std::collections::HashSet<String>) -> Vec<&str> {
    let mut ids: Vec<&str> = set.iter().map(String::as_str).collect();
    crate::util::sort::sort(&mut ids[..]);
    ids
}

/// The hash for `state`, without the leading `#`; the default state gives `""`.
pub fn encode(state: &UrlState) -> String {
    let f = &state.filters;
    let mut parts: Vec<String> = Vec::new();
    if !f.hidden_kinds.is_empty() {
        let ids: Vec<String> = sorted(&f.hidden_kinds).into_iter().map(escape).collect();
        parts.push(format!("hide={}", ids.join(",")));
    }
    if !f.hidden_actors.is_empty() {
        let ids: Vec<String> = sorted(&f.hidden_actors)
            .into_iter()
            .map(|a| format!("-{}", escape(a)))
            .collect();
        parts.push(format!("actors={}", ids.join(",")));
    }
    if f.fold_groups {
        parts.push("fold=1".to_string());
    }
    if let Some((from, to)) = f.years {
        parts.push(format!("years={from}-{to}"));
    }
    if let Some(by) = f.multiples {
        parts.push(format!("layout=multiples&by={}", by.id()));
    } else if f.arrangement == Arrangement::Network {
        parts.push("layout=network".to_string());
    }
    match &state.selection {
        None => {}
        Some(Selection::Actor(id)) => parts.push(format!("sel=actor:{}", escape(id))),
        Some(Selection::Band {
            source,
            target,
            kind,
            status,
        }) => parts.push(format!(
            "sel=band:{}:{}:{}{}",
            escape(source),
            escape(target),
            escape(kind),
            match status {
                Status::Fact => String::new(),
                other => format!(":{}", other.id()),
            }
        )),
    }
    if let Some(step) = state.step {
        parts.push(format!("step={step}"));
    }
    parts.join("&")
}

/// Reads a hash (with or without its `#`) against `dataset`: the state, and a note for each
/// part left out.
pub fn decode(hash: &str, dataset: &Dataset) -> (UrlState, Vec<String>) {
    let mut notes = Notes::default();
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    // A step is the base the other keys change, whatever their order.
    let step = hash
        .split('&')
        .filter_map(|part| part.strip_prefix("step="))
        .next_back()
        .and_then(|value| step_number(value, dataset, &mut notes));
    let mut state = match step {
        Some(n) => {
            let (mut state, step_notes) = step_state(dataset, n);
            for note in step_notes {
                notes.push(format!("step {n}: {note}"));
            }
            state.step = Some(n);
            state
        }
        None => UrlState::default(),
    };
    apply(hash, dataset, &mut state, &mut notes);
    (state, notes.finish())
}

/// The state of step `n` (from 1) of the dataset's story, as its editor wrote it: its view
/// and highlight, with the notes on what they cannot say (`step` is left unset).
pub fn step_state(dataset: &Dataset, n: usize) -> (UrlState, Vec<String>) {
    let Some(step) = n.checked_sub(1).and_then(|i| dataset.story.get(i)) else {
        return (
            UrlState::default(),
            vec![format!("the story has no step {n}")],
        );
    };
    let mut state = UrlState::default();
    let mut notes = Notes::default();
    // A step's own view cannot name another step.
    let view: Vec<&str> = step
        .view
        .split('&')
        .filter(|part| {
            let is_step = part.split('=').next() == Some("step");
            if is_step {
                notes.push("a step's view cannot hold step=; left out".to_string());
            }
            !is_step
        })
        .collect();
    apply(&view.join("&"), dataset, &mut state, &mut notes);
    if let Some(highlight) = &step.highlight {
        state.selection = selection(highlight, dataset, &mut notes);
    }
    (state, notes.finish())
}

/// A `sel=` value (`actor:ID`, `band:SOURCE:TARGET:KIND`) read against `dataset`, with the
/// notes on what it cannot say.
pub fn read_selection(value: &str, dataset: &Dataset) -> (Option<Selection>, Vec<String>) {
    let mut notes = Notes::default();
    let selection = selection(value, dataset, &mut notes);
    (selection, notes.finish())
}

fn step_number(value: &str, dataset: &Dataset, notes: &mut Notes) -> Option<usize> {
    let steps = dataset.story.len();
    match value.parse::<usize>() {
        Ok(n) if (1..=steps).contains(&n) => Some(n),
        _ if steps == 0 => {
            notes.push("step: this dataset has no story; left out".to_string());
            None
        }
        _ => {
            notes.push(format!(
                "step={} left out: expected a step from 1 to {steps}",
                quote(value)
            ));
            None
        }
    }
}

/// Changes `state` by each part of `hash` (without its `#`) but `step`.
fn apply(hash: &str, dataset: &Dataset, state: &mut UrlState, notes: &mut Notes) {
    let mut seen: Vec<&str> = Vec::new();
    let mut by: Option<&str> = None;
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    for part in hash.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        if seen.contains(&key) {
            notes.push(format!(
                "“{key}” appears more than once; the last one is used"
            ));
        }
        match key {
            "hide" => state.filters.hidden_kinds = kinds("hide", value, dataset, notes),
            "show" => {
                let shown = kinds("show", value, dataset, notes);
                state.filters.hidden_kinds = dataset
                    .kinds
                    .iter()
                    .filter(|k| !shown.contains(&k.id))
                    .map(|k| k.id.clone())
                    .collect();
            }
            "all" if value.is_empty() => {}
            "actors" => state.filters.hidden_actors = actors(value, dataset, notes),
            "fold" => match value {
                "1" => state.filters.fold_groups = true,
                "0" => state.filters.fold_groups = false,
                _ => notes.push(format!("fold={} left out: expected 1 or 0", quote(value))),
            },
            "years" => state.filters.years = years(value, notes),
            "layout" => match value {
                "network" | "giver-receiver" | "multiples" => {
                    state.filters.arrangement = if value == "network" {
                        Arrangement::Network
                    } else {
                        Arrangement::GiverReceiver
                    };
                    state.filters.multiples = (value == "multiples").then_some(Multiples::Family);
                }
                _ => notes.push(format!(
                    "layout={} left out: expected network, giver-receiver or multiples",
                    quote(value)
                )),
            },
            "by" => by = Some(value),
            "sel" => state.selection = selection(value, dataset, notes),
            "step" => {}
            _ => {
                notes.push(format!("unknown setting “{}” left out", quote(key)));
                continue;
            }
        }
        seen.push(key);
    }
    if let Some(value) = by {
        state.filters.multiples = multiples(value, state.filters.multiples, dataset, notes);
    }
}

/// What `by=VALUE` makes of the small multiples `layout` asked for (by family until told).
fn multiples(
    value: &str,
    asked: Option<Multiples>,
    dataset: &Dataset,
    notes: &mut Notes,
) -> Option<Multiples> {
    if asked.is_none() {
        notes.push(format!(
            "by={} left out: it splits small multiples, layout=multiples",
            quote(value)
        ));
        return None;
    }
    match value {
        "family" => Some(Multiples::Family),
        "period" if dataset.periods.is_empty() => {
            notes.push(
                "by=period: this dataset names no periods; small multiples by family".to_string(),
            );
            Some(Multiples::Family)
        }
        "period" => Some(Multiples::Period),
        _ => {
            notes.push(format!(
                "by={} left out: expected family or period; small multiples by family",
                quote(value)
            ));
            Some(Multiples::Family)
        }
    }
}

/// The selection that pins `target` in `view`, or `None` if `view` has no such mark.
pub fn selection_of(view: &View, target: Target) -> Option<Selection> {
    match target {
        Target::Node(n) => view.nodes.get(n).map(|n| Selection::Actor(n.actor.clone())),
        Target::Band(b) => view.links.get(b).map(|l| Selection::Band {
            source: l.source_actor.clone(),
            target: l.target_actor.clone(),
            kind: l.kind.clone(),
            status: l.status,
        }),
    }
}

/// Where `selection` is in `view`: its band, or the actor's first node (an actor drawn as
/// giver and receiver has two). A band of another status between the same ends and of the
/// same kind stands in for one that is gone. `None` if the filters hide it.
pub fn target_of(view: &View, selection: &Selection) -> Option<Target> {
    match selection {
        Selection::Actor(id) => view
            .nodes
            .iter()
            .position(|n| &n.actor == id)
            .map(Target::Node),
        Selection::Band {
            source,
            target,
            kind,
            status,
        } => {
            let same = |l: &&crate::view::ViewLink| {
                &l.source_actor == source && &l.target_actor == target && &l.kind == kind
            };
            let links = view.links.iter();
            links
                .clone()
                .position(|l| same(&l) && l.status == *status)
                .or_else(|| links.clone().position(|l| same(&l)))
                .map(Target::Band)
        }
    }
}

#[derive(Default)]
struct Notes {
    notes: Vec<String>,
    more: usize,
}

impl Notes {
    fn push(&mut self, note: String) {
        if self.notes.len() < MAX_NOTES {
            self.notes.push(note);
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.more > 0 {
            let s = if self.more == 1 { "" } else { "s" };
            self.notes
                .push(format!("and {} more part{s} left out", self.more));
        }
        self.notes
    }
}

/// Kind ids, each kind named or its family (which stands for all its kinds).
fn kinds(
    key: &str,
    value: &str,
    dataset: &Dataset,
    notes: &mut Notes,
) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for item in value.split(',').filter(|i| !i.is_empty()) {
        match unescape(item) {
            Ok(id) if dataset.kind(&id).is_some() => {
                out.insert(id);
            }
            Ok(id) if dataset.family(&id).is_some() => {
                out.extend(dataset.kinds_of(&id).map(|k| k.id.clone()));
            }
            Ok(id) => notes.push(format!(
                "{key}: no kind or family “{}” in this dataset; left out",
                quote(&id)
            )),
            Err(why) => notes.push(format!("{key}: “{}” left out: {why}", quote(item))),
        }
    }
    out
}

/// The state the dataset's first view declares (the default state if it declares none), with
/// the notes on what its hash could not say.
pub fn first_view(dataset: &Dataset) -> (UrlState, Vec<String>) {
    match &dataset.view {
        Some(view) => decode(&view.hash, dataset),
        None => (UrlState::default(), Vec::new()),
    }
}

/// Reads a page's hash: an empty one is the dataset's first view.
pub fn read(hash: &str, dataset: &Dataset) -> (UrlState, Vec<String>) {
    if hash.trim_start_matches('#').is_empty() {
        first_view(dataset)
    } else {
        decode(hash, dataset)
    }
}

/// The hash that `read` turns back into `state`: empty for the first view, `all` for
/// everything when the first view is not everything.
pub fn hash_of(state: &UrlState, dataset: &Dataset) -> String {
    let (first, _) = first_view(dataset);
    if *state == first {
        return String::new();
    }
    // A step as its editor wrote it: its number says it all.
    if let Some(n) = state.step {
        let (mut written, _) = step_state(dataset, n);
        written.step = Some(n);
        if *state == written {
            return format!("step={n}");
        }
    }
    let hash = encode(state);
    if hash.is_empty() {
        "all".to_string()
    } else {
        hash
    }
}

fn actors(value: &str, dataset: &Dataset, notes: &mut Notes) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for item in value.split(',').filter(|i| !i.is_empty()) {
        let Some(escaped) = item.strip_prefix('-') else {
            notes.push(format!(
                "actors: “{}” left out: a hidden actor is written -ID",
                quote(item)
            ));
            continue;
        };
        match unescape(escaped) {
            Ok(id) if dataset.actor(&id).is_some() => {
                out.insert(id);
            }
            Ok(id) => notes.push(format!(
                "actors: no actor “{}” in this dataset; left out",
                quote(&id)
            )),
            Err(why) => notes.push(format!("actors: “{}” left out: {why}", quote(item))),
        }
    }
    out
}

/// `FROM-TO` or a single year; either year may be negative. FROM must not be after TO.
fn years(value: &str, notes: &mut Notes) -> Option<(i32, i32)> {
    if value.is_empty() {
        return None;
    }
    let parse = |s: &str| -> Option<i32> {
        let digits = s.strip_prefix('-').unwrap_or(s);
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // The separator is the first '-' after the first character (which may be a minus sign).
    let split = value
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == '-')
        .map(|(i, _)| i);
    let range = match split {
        Some(i) => parse(&value[..i]).zip(parse(&value[i + 1..])),
        None => parse(value).map(|y| (y, y)),
    };
    match range {
        Some((from, to)) if from <= to => Some((from, to)),
        Some(_) => {
            notes.push(format!(
                "years={} left out: the first year is after the last",
                quote(value)
            ));
            None
        }
        None => {
            notes.push(format!(
                "years={} left out: expected years like 2020-2022",
                quote(value)
            ));
            None
        }
    }
}

fn selection(value: &str, dataset: &Dataset, notes: &mut Notes) -> Option<Selection> {
    let (what, rest) = value.split_once(':').unwrap_or((value, ""));
    let fields: Vec<&str> = rest.split(':').collect();
    let raw = match (what, fields.as_slice()) {
        ("actor", [id]) => vec![*id],
        ("band", [source, target, kind]) => vec![*source, *target, *kind],
        ("band", [source, target, kind, status]) => vec![*source, *target, *kind, *status],
        ("band", [ends, kind]) => match split_arrow(ends) {
            Some((source, target)) => vec![source, target, *kind],
            None => vec![],
        },
        _ => vec![],
    };
    if raw.is_empty() {
        notes.push(format!(
            "sel={} left out: expected actor:ID or band:SOURCE:TARGET:KIND",
            quote(value)
        ));
        return None;
    }
    let mut ids = Vec::with_capacity(raw.len());
    for field in raw {
        match unescape(field) {
            Ok(id) => ids.push(id),
            Err(why) => {
                notes.push(format!("sel={} left out: {why}", quote(value)));
                return None;
            }
        }
    }
    let missing_actor = ids[..ids.len().min(2)]
        .iter()
        .find(|id| dataset.actor(id).is_none());
    if let Some(id) = missing_actor {
        notes.push(format!(
            "sel: no actor “{}” in this dataset; nothing selected",
            quote(id)
        ));
        return None;
    }
    let status = match ids.get(3).map(String::as_str) {
        None => Status::Fact,
        Some(id) => match Status::ALL.into_iter().find(|s| s.id() == id) {
            Some(status) => status,
            None => {
                notes.push(format!(
                    "sel: no status “{}” (expected fact, reported or denied); nothing selected",
                    quote(id)
                ));
                return None;
            }
        },
    };
    ids.truncate(3);
    match <[String; 3]>::try_from(ids) {
        Err(mut one) => Some(Selection::Actor(one.remove(0))),
        Ok([source, target, kind]) => {
            if dataset.kind(&kind).is_none() {
                notes.push(format!(
                    "sel: no kind “{}” in this dataset; nothing selected",
                    quote(&kind)
                ));
                return None;
            }
            Some(Selection::Band {
                source,
                target,
                kind,
                status,
            })
        }
    }
}

/// Splits `SOURCE>TARGET` at a `>` written as is or as the browser writes it, `%3E`.
fn split_arrow(ends: &str) -> Option<(&str, &str)> {
    if let Some(pair) = ends.split_once('>') {
        return Some(pair);
    }
    let at = ends.to_ascii_uppercase().find("%3E")?;
    Some((&ends[..at], &ends[at + 3..]))
}

/// Percent-encodes every byte but ASCII letters, digits, `-`, `.` and `_`.
pub fn escape(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for &b in id.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; the result must be UTF-8.
pub fn unescape(text: &str) -> Result<String, &'static str> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .ok_or("a % without two hex digits")?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return Err("a % without two hex digits");
            }
            let digit = |h: u8| (h as char).to_digit(16).unwrap_or(0) as u8;
            out.push(digit(hex[0]) << 4 | digit(hex[1]));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the escapes are not UTF-8 text")
}

/// A value quoted back in a note: decoded where possible, control characters replaced, and
/// cut to `QUOTE_CHARS` characters.
fn quote(text: &str) -> String {
    let text = unescape(text).unwrap_or_else(|_| text.to_string());
    let mut out: String = text
        .chars()
        .take(QUOTE_CHARS)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if text.chars().count() > QUOTE_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_kebab_ids_and_encodes_the_rest() {
        assert_eq!(escape("malian-armed-forces"), "malian-armed-forces");
        assert_eq!(escape("a b&c=d,e:f>g%"), "a%20b%26c%3Dd%2Ce%3Af%3Eg%25");
        assert_eq!(escape("é"), "%C3%A9");
        assert_eq!(unescape("%C3%A9").unwrap(), "é");
        assert_eq!(unescape("%c3%a9").unwrap(), "é");
    }

    #[test]
    fn unescape_rejects_broken_escapes() {
        for bad in ["%", "%4", "%zz", "%+1", "%-1", "%C3", "a%"] {
            assert!(unescape(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn years_accept_ranges_single_years_and_negative_years() {
        let mut notes = Notes::default();
        assert_eq!(years("2020-2022", &mut notes), Some((2020, 2022)));
        assert_eq!(years("2021", &mut notes), Some((2021, 2021)));
        assert_eq!(years("-50-20", &mut notes), Some((-50, 20)));
        assert_eq!(years("-50--20", &mut notes), Some((-50, -20)));
        assert!(notes.finish().is_empty());
        let mut notes = Notes::default();
        for bad in [
            "2022-2020",
            "20x0-2022",
            "2020-",
            "-",
            "--",
            "+2020-2021",
            "99999999999-1",
        ] {
            assert_eq!(years(bad, &mut notes), None, "{bad:?}");
        }
        assert_eq!(notes.finish().len(), 7);
    }

    #[test]
    fn notes_are_capped_and_quotes_are_cut() {
        let mut notes = Notes::default();
        for i in 0..15 {
            notes.push(format!("n{i}"));
        }
        let notes = notes.finish();
        assert_eq!(notes.len(), MAX_NOTES + 1);
        assert_eq!(notes.last().unwrap(), "and 5 more parts left out");
        let long = "x".repeat(100);
        assert_eq!(quote(&long).chars().count(), QUOTE_CHARS + 1);
        assert_eq!(quote("a%0Ab"), "a\u{FFFD}b");
    }
}
