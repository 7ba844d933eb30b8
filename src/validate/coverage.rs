//! The coverage ledger: every sentence of the source documents that names an actor of the
//! dataset, each cited by the flows that quote it or excluded with a reason
//! (`influence-flows coverage FILE --sources DIR`, ledger `NAME.coverage.json`).
//!
//! Pure: the documents come in as text through a `read` function, the ledger as JSON text;
//! what is found comes out as counts and [`Problem`]s with the ledger's JSON paths. Native
//! only (the page reads only the counts the dataset carries).
//!
//! Sentences are split deterministically by [`sentences`]; quotes and sentences are compared
//! in the form of [`normalise`] (white space and typographic quotes forgiven, as for quotes).
//! A sentence is *cited* by a flow when one of the flow's quotes overlaps it in its document.

use super::quotes::normalise;
use super::{element, member, Problem};
use crate::data::model::{Coverage, Dataset};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The ledger's format tag.
pub const FORMAT: &str = "influence-flows-coverage/1";

/// An exclusion reason that says the sentence has not been read yet (what `--draft` writes).
pub const TODO: &str = "TODO";

/// Words ending in "." that do not end a sentence.
const ABBREVIATIONS: [&str; 22] = [
    "Aug", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Sep", "Sept", "Oct", "Nov", "Dec", "Mr",
    "Mrs", "Ms", "Dr", "St", "Gen", "Col", "Lt", "No", "vs",
];

/// One sentence of a document: its text with white space runs as single spaces, and where its
/// normalised form sits in the normalised document (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The sentences of a document, in order. Each line is a paragraph; within it a sentence
/// ends at `.`, `?`, `!` or `…`, with any closing quotes, brackets and footnote marks (`[12]`)
/// after it, where white space and then a capital letter, a digit or an opening quote or
/// bracket follow — except after an abbreviation (`Aug.`, `U.N.`, a single capital initial).
/// A line without any such end (a heading) is one sentence.
pub fn sentences(document: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in document.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let mut current: Vec<&str> = Vec::new();
        // Whether the last word that is not a footnote mark ended with a stop.
        let mut stopped = false;
        for (i, word) in words.iter().enumerate() {
            current.push(word);
            if !is_footnote(word) {
                stopped = ends_with_stop(word);
            }
            let end = match words.get(i + 1) {
                None => true,
                // A footnote mark after the stop ("security.” [11]") stays with the sentence
                // it closes.
                Some(next) if is_footnote(next) => false,
                Some(next) => stopped && starts_sentence(next),
            };
            if end {
                let text = current.join(" ");
                let length = normalise(&text).len();
                out.push(Sentence {
                    text,
                    start: offset,
                    end: offset + length,
                });
                offset += length + 1;
                current.clear();
                stopped = false;
            }
        }
    }
    out
}

/// A footnote mark: `[12]`.
fn is_footnote(word: &str) -> bool {
    let Some(inner) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']')) else {
        return false;
    };
    !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a word ends with a full stop (after closing quotes, brackets and footnote marks)
/// that is not an abbreviation's.
fn ends_with_stop(word: &str) -> bool {
    let mut core = word;
    loop {
        let trimmed = core.trim_end_matches(['”', '"', '’', '\'', ')', ']']);
        // A footnote glued on: "sanctions.[7]".
        let trimmed = match trimmed.rfind('[') {
            Some(at)
                if core.ends_with(']')
                    && core[at + 1..core.len() - 1]
                        .bytes()
                        .all(|b| b.is_ascii_digit()) =>
            {
                &core[..at]
            }
            _ => trimmed,
        };
        if trimmed == core {
            break;
        }
        core = trimmed;
    }
    if core.ends_with(['?', '!', '…']) {
        return true;
    }
    let Some(stem) = core.strip_suffix('.') else {
        return false;
    };
    let stem = stem.trim_start_matches(['“', '"', '‘', '(', '[']);
    let initial = stem.chars().count() == 1 && stem.chars().all(char::is_uppercase);
    !(stem.contains('.') || initial || ABBREVIATIONS.contains(&stem))
}

/// Whether a word can start a sentence: a capital letter, a digit, or an opening quote or
/// bracket.
fn starts_sentence(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“\"‘([".contains(c))
}

/// Whether `name` occurs in `text` as whole words (both normalised), case as written.
fn names(text: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// One document as coverage reads it.
struct Document<'a> {
    id: &'a str,
    file: &'a str,
    normalised: String,
    sentences: Vec<Sentence>,
}

/// A sentence of a document that must be in the ledger or may be.
struct Found {
    /// Index into its document's sentences.
    sentence: usize,
    /// Ids of the flows whose quotes overlap it, in dataset order.
    cited_by: Vec<String>,
    /// Actor names or aliases it holds, for messages.
    names: Vec<String>,
}

/// What the coverage check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Sentences in the documents, and those that name an actor.
    pub sentences: usize,
    pub naming_actors: usize,
    /// Ledger entries: read = cited + excluded (when the ledger is sound).
    pub read: usize,
    pub cited: usize,
    pub excluded: usize,
    /// Sentences that name an actor and are not in the ledger.
    pub uncovered: usize,
    /// Errors (uncovered, stale, wrong citations, …) and warnings, with ledger paths, or
    /// dataset paths for aliases and counts.
    pub problems: Vec<Problem>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The counts the dataset should carry.
    pub fn counts(&self) -> Coverage {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Coverage {
            read: count(self.read),
            cited: count(self.cited),
            excluded: count(self.excluded),
        }
    }
}

/// One entry of the ledger as read.
struct Entry {
    path: String,
    source: String,
    sentence: String,
    cited_by: Option<Vec<(String, String)>>,
    excluded: Option<String>,
}

/// Checks `ledger` (JSON text) against the dataset and its documents. `read` gets a source's
/// `file` name and returns its text (`None`: no such file).
pub fn check(dataset: &Dataset, ledger: &str, read: &dyn Fn(&str) -> Option<String>) -> Outcome {
    let mut problems = Vec::new();
    let documents = documents(dataset, read, &mut problems);
    let found = find(dataset, &documents);
    aliases(dataset, &documents, &mut problems);
    let entries = parse(ledger, &mut problems);

    let doc_index: HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    let flow_ids: HashSet<&str> = dataset.flows.iter().map(|f| f.id.as_str()).collect();
    // Each document's sentences by their normalised text (a sentence may occur twice).
    let by_text: Vec<HashMap<String, Vec<usize>>> = documents
        .iter()
        .map(|d| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, s) in d.sentences.iter().enumerate() {
                map.entry(normalise(&s.text)).or_default().push(i);
            }
            map
        })
        .collect();
    let mut listed: HashMap<(usize, usize), String> = HashMap::new();
    let (mut cited, mut excluded) = (0, 0);
    for entry in &entries {
        let Some(&d) = doc_index.get(entry.source.as_str()) else {
            let known: Vec<&str> = documents.iter().map(|d| d.id).collect();
            problems.push(Problem::error(
                member(&entry.path, "source"),
                format!(
                    "unknown source \"{}\"; the ledger covers the dataset's sources with a file: {}",
                    entry.source,
                    known.join(", ")
                ),
            ));
            continue;
        };
        let document = &documents[d];
        let Some(places) = by_text[d].get(&normalise(&entry.sentence)) else {
            problems.push(Problem::error(
                member(&entry.path, "sentence"),
                format!(
                    "stale: this sentence is no longer in \"{}\" ({}): “{}”; the document or the sentence splitter changed, so remove the entry or copy the sentence as it now reads",
                    document.id,
                    document.file,
                    short(&entry.sentence)
                ),
            ));
            continue;
        };
        let mut mine = None;
        for &place in places {
            if let Some(first) = listed.get(&(d, place)) {
                if places.len() == 1 {
                    problems.push(Problem::error(
                        member(&entry.path, "sentence"),
                        format!(
                            "this sentence is already in the ledger at {first}: “{}”; keep one entry",
                            short(&entry.sentence)
                        ),
                    ));
                }
                continue;
            }
            mine = Some(place);
            break;
        }
        let Some(place) = mine else {
            continue;
        };
        listed.insert((d, place), entry.path.clone());
        let quoted_by: &[String] = found
            .get(&(d, place))
            .map_or(&[], |f| f.cited_by.as_slice());
        match (&entry.cited_by, &entry.excluded) {
            (Some(ids), _) => {
                cited += 1;
                for (path, id) in ids {
                    if !flow_ids.contains(id.as_str()) {
                        problems.push(Problem::error(
                            path.clone(),
                            format!("unknown flow \"{id}\"; cite the ids of flows in the dataset"),
                        ));
                    } else if !quoted_by.contains(id) {
                        problems.push(Problem::error(
                            path.clone(),
                            format!(
                                "flow \"{id}\" does not quote this sentence: “{}”; cite the flows whose evidence quotes it{}",
                                short(&entry.sentence),
                                list_of(quoted_by)
                            ),
                        ));
                    }
                }
                for id in quoted_by {
                    if !ids.iter().any(|(_, i)| i == id) {
                        problems.push(Problem::error(
                            member(&entry.path, "cited_by"),
                            format!(
                                "flow \"{id}\" also quotes this sentence: “{}”; add it to cited_by",
                                short(&entry.sentence)
                            ),
                        ));
                    }
                }
            }
            (None, Some(reason)) => {
                excluded += 1;
                if reason.trim_start().starts_with(TODO) {
                    problems.push(Problem::error(
                        member(&entry.path, "excluded"),
                        format!(
                            "not read yet: “{}”; cite the flows that state it or give the reason it is left out",
                            short(&entry.sentence)
                        ),
                    ));
                }
                if !quoted_by.is_empty() {
                    problems.push(Problem::error(
                        member(&entry.path, "excluded"),
                        format!(
                            "this sentence is quoted by {}: “{}”; cite it (cited_by) instead of excluding it",
                            quoted_by.join(", "),
                            short(&entry.sentence)
                        ),
                    ));
                }
            }
            (None, None) => {}
        }
    }

    let mut uncovered = 0;
    let mut naming_actors = 0;
    for (&(d, s), f) in &found {
        if f.names.is_empty() {
            continue;
        }
        naming_actors += 1;
        if listed.contains_key(&(d, s)) {
            continue;
        }
        uncovered += 1;
        let document = &documents[d];
        let how = if f.cited_by.is_empty() {
            "no flow quotes it: cite it with the flows that state it, or exclude it with a reason"
                .to_string()
        } else {
            format!("quoted by {}: add it with cited_by", f.cited_by.join(", "))
        };
        problems.push(Problem::error(
            "sentences",
            format!(
                "uncovered: sentence {} of \"{}\" ({}) names {} and is not in the ledger: “{}”; {how}",
                s + 1,
                document.id,
                document.file,
                f.names.join(", "),
                short(&document.sentences[s].text)
            ),
        ));
    }

    let read_count = cited + excluded;
    let outcome_counts = Coverage {
        read: u32::try_from(read_count).unwrap_or(u32::MAX),
        cited: u32::try_from(cited).unwrap_or(u32::MAX),
        excluded: u32::try_from(excluded).unwrap_or(u32::MAX),
    };
    match dataset.coverage {
        Some(counts) if counts == outcome_counts => {}
        Some(counts) => problems.push(Problem::error(
            "coverage",
            format!(
                "the dataset says {} read, {} cited, {} excluded, the ledger {} read, {} cited, {} excluded; write the ledger's counts into the dataset",
                counts.read, counts.cited, counts.excluded, read_count, cited, excluded
            ),
        )),
        None => problems.push(Problem::warning(
            "coverage",
            format!(
                "the dataset carries no coverage counts; add \"coverage\": {{\"read\": {read_count}, \"cited\": {cited}, \"excluded\": {excluded}}} so that the page can say them"
            ),
        )),
    }
    Outcome {
        sentences: documents.iter().map(|d| d.sentences.len()).sum(),
        naming_actors,
        read: read_count,
        cited,
        excluded,
        uncovered,
        problems,
    }
}

/// A ledger for the dataset as it stands: every sentence that names an actor or that a flow
/// quotes, cited by the flows that quote it; the reasons of `previous` (a ledger's text, or
/// empty) kept for sentences no flow quotes, and [`TODO`] for new ones, so that `check` fails
/// until each has been read.
pub fn draft(dataset: &Dataset, previous: &str, read: &dyn Fn(&str) -> Option<String>) -> String {
    let mut ignored = Vec::new();
    let documents = documents(dataset, read, &mut ignored);
    let found = find(dataset, &documents);
    let reasons: HashMap<(String, String), String> = parse(previous, &mut ignored)
        .into_iter()
        .filter_map(|e| Some(((e.source, normalise(&e.sentence)), e.excluded?)))
        .collect();
    // Written by hand so that each entry reads source, sentence, then cited_by or excluded
    // (serde_json's map would sort the keys).
    let string = |text: &str| Value::from(text).to_string();
    let mut entries = Vec::new();
    for (&(d, s), f) in &found {
        let document = &documents[d];
        let text = &document.sentences[s].text;
        let last = if f.cited_by.is_empty() {
            let reason = reasons
                .get(&(document.id.to_string(), normalise(text)))
                .cloned()
                .unwrap_or_else(|| format!("{TODO}: names {}", f.names.join(", ")));
            format!("\"excluded\": {}", string(&reason))
        } else {
            let ids: Vec<String> = f.cited_by.iter().map(|id| string(id)).collect();
            format!("\"cited_by\": [{}]", ids.join(", "))
        };
        entries.push(format!(
            "    {{\n      \"source\": {},\n      \"sentence\": {},\n      {last}\n    }}",
            string(document.id),
            string(text)
        ));
    }
    format!(
        "{{\n  \"format\": {},\n  \"sentences\": [\n{}\n  ]\n}}\n",
        string(FORMAT),
        entries.join(",\n")
    )
}

/// The dataset's sources that have a readable file, split into sentences.
fn documents<'a>(
    dataset: &'a Dataset,
    read: &dyn Fn(&str) -> Option<String>,
    problems: &mut Vec<Problem>,
) -> Vec<Document<'a>> {
    let mut out = Vec::new();
    for (i, source) in dataset.sources.iter().enumerate() {
        let Some(file) = &source.file else {
            problems.push(Problem::warning(
                element("sources", i),
                format!(
                    "source \"{}\" has no file, so its sentences cannot be read",
                    source.id
                ),
            ));
            continue;
        };
        match read(file) {
            Some(text) => out.push(Document {
                id: &source.id,
                file,
                normalised: normalise(&text),
                sentences: sentences(&text),
            }),
            None => problems.push(Problem::error(
                member(&element("sources", i), "file"),
                format!("file \"{file}\" is not in the sources folder (or cannot be read as text)"),
            )),
        }
    }
    out
}

/// Every sentence that names an actor or that a flow quotes, by (document, sentence).
fn find(dataset: &Dataset, documents: &[Document]) -> BTreeMap<(usize, usize), Found> {
    let mut found: BTreeMap<(usize, usize), Found> = BTreeMap::new();
    let actor_names: Vec<String> = dataset
        .actors
        .iter()
        .flat_map(|a| std::iter::once(&a.name).chain(&a.aliases))
        .map(|n| normalise(n))
        .collect();
    for (d, document) in documents.iter().enumerate() {
        for (s, sentence) in document.sentences.iter().enumerate() {
            let text = normalise(&sentence.text);
            let mut held: Vec<String> = Vec::new();
            for name in &actor_names {
                if names(&text, name) && !held.contains(name) {
                    held.push(name.clone());
                }
            }
            if !held.is_empty() {
                found.insert(
                    (d, s),
                    Found {
                        sentence: s,
                        cited_by: Vec::new(),
                        names: held,
                    },
                );
            }
        }
    }
    for flow in &dataset.flows {
        for evidence in &flow.evidence {
            let Some(d) = documents.iter().position(|d| d.id == evidence.source) else {
                continue;
            };
            let document = &documents[d];
            let quote = normalise(&evidence.quote);
            if quote.is_empty() {
                continue;
            }
            for (at, _) in document.normalised.match_indices(&quote) {
                let end = at + quote.len();
                for (s, sentence) in document.sentences.iter().enumerate() {
                    if sentence.start < end && at < sentence.end {
                        let entry = found.entry((d, s)).or_insert_with(|| Found {
                            sentence: s,
                            cited_by: Vec::new(),
                            names: Vec::new(),
                        });
                        if !entry.cited_by.contains(&flow.id) {
                            entry.cited_by.push(flow.id.clone());
                        }
                    }
                }
            }
        }
    }
    debug_assert!(found.iter().all(|(&(_, s), f)| f.sentence == s));
    found
}

/// Every alias must occur in some document, as whole words.
fn aliases(dataset: &Dataset, documents: &[Document], problems: &mut Vec<Problem>) {
    if documents.is_empty() {
        return;
    }
    for (i, actor) in dataset.actors.iter().enumerate() {
        for (j, alias) in actor.aliases.iter().enumerate() {
            let alias_n = normalise(alias);
            if !documents.iter().any(|d| names(&d.normalised, &alias_n)) {
                problems.push(Problem::error(
                    element(&member(&element("actors", i), "aliases"), j),
                    format!(
                        "alias \"{alias}\" of \"{}\" occurs in no source document; aliases are names the documents use: remove it or write it as the document does",
                        actor.id
                    ),
                ));
            }
        }
    }
}

/// Reads the ledger's entries, reporting every problem of form with its path.
fn parse(text: &str, problems: &mut Vec<Problem>) -> Vec<Entry> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(Problem::error("", format!("the ledger is not JSON: {e}")));
            return Vec::new();
        }
    };
    let Some(obj) = root.as_object() else {
        problems.push(Problem::error("", "the ledger should be an object { … }"));
        return Vec::new();
    };
    for key in obj.keys() {
        if key != "format" && key != "sentences" {
            problems.push(Problem::error(
                key.clone(),
                format!("unknown field \"{key}\"; a ledger has: format, sentences"),
            ));
        }
    }
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        problems.push(Problem::error(
            "format",
            format!("the ledger's format is \"{FORMAT}\""),
        ));
    }
    let Some(items) = obj.get("sentences").and_then(Value::as_array) else {
        problems.push(Problem::error(
            "sentences",
            "expected a list [ … ] of sentences",
        ));
        return Vec::new();
    };
    let mut entries = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = element("sentences", i);
        let Some(e) = item.as_object() else {
            problems.push(Problem::error(path, "expected an object { … }"));
            continue;
        };
        for key in e.keys() {
            if !["source", "sentence", "cited_by", "excluded"].contains(&key.as_str()) {
                problems.push(Problem::error(
                    member(&path, key),
                    format!("unknown field \"{key}\"; an entry has: source, sentence, cited_by or excluded"),
                ));
            }
        }
        let text = |key: &str, problems: &mut Vec<Problem>| -> Option<String> {
            match e.get(key) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
                Some(_) => {
                    problems.push(Problem::error(
                        member(&path, key),
                        "expected a string that is not empty",
                    ));
                    None
                }
                None => None,
            }
        };
        let source = text("source", problems);
        let sentence = text("sentence", problems);
        let excluded = text("excluded", problems);
        let cited_by = match e.get("cited_by") {
            None => None,
            Some(Value::Array(ids)) if !ids.is_empty() => {
                let list_path = member(&path, "cited_by");
                let mut out = Vec::new();
                for (j, id) in ids.iter().enumerate() {
                    match id.as_str() {
                        Some(id) => out.push((element(&list_path, j), id.to_string())),
                        None => problems
                            .push(Problem::error(element(&list_path, j), "expected a flow id")),
                    }
                }
                Some(out)
            }
            Some(_) => {
                problems.push(Problem::error(
                    member(&path, "cited_by"),
                    "expected a list of the flow ids that quote the sentence, not empty",
                ));
                None
            }
        };
        for key in ["source", "sentence"] {
            if !e.contains_key(key) {
                problems.push(Problem::error(
                    member(&path, key),
                    format!("missing required field \"{key}\""),
                ));
            }
        }
        match (e.contains_key("cited_by"), e.contains_key("excluded")) {
            (true, true) => problems.push(Problem::error(
                member(&path, "excluded"),
                "a sentence is either cited (cited_by) or excluded with a reason, not both",
            )),
            (false, false) => problems.push(Problem::error(
                path.clone(),
                "give cited_by (the flows that quote the sentence) or excluded (the reason it is left out)",
            )),
            _ => {}
        }
        if let (Some(source), Some(sentence)) = (source, sentence) {
            entries.push(Entry {
                path,
                source,
                sentence,
                cited_by,
                excluded,
            });
        }
    }
    entries
}

/// A sentence cut short for a message.
fn short(text: &str) -> String {
    const SHOWN: usize = 100;
    if text.chars().count() <= SHOWN {
        text.to_string()
    } else {
        let cut: String = text.chars().take(SHOWN).collect();
        format!("{cut}…")
    }
}

fn list_of(ids: &[String]) -> String {
    if ids.is_empty() {
        " (none does)".to_string()
    } else {
        format!(" ({})", ids.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(document: &str) -> Vec<String> {
        sentences(document).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn sentences_end_at_stops_not_at_abbreviations() {
        let doc = "Heading Without Stop\n\nIt is worth noting that, in January 2022, Russia and China blocked the U.N. Security Council.[18] He left on Aug. 20. The following day, Goïta received him.\nGromyko said he had discussed “security.” [11]\nLe Drian: “They are armed by Russia… They are despoiling Mali.” He added: “Wagner uses the weakness… to reinforce Russia’s influence.”[4] Why? 80% of them trained.";
        assert_eq!(
            texts(doc),
            [
                "Heading Without Stop",
                "It is worth noting that, in January 2022, Russia and China blocked the U.N. Security Council.[18]",
                "He left on Aug. 20.",
                "The following day, Goïta received him.",
                "Gromyko said he had discussed “security.” [11]",
                "Le Drian: “They are armed by Russia…",
                "They are despoiling Mali.”",
                "He added: “Wagner uses the weakness… to reinforce Russia’s influence.”[4]",
                "Why?",
                "80% of them trained.",
            ]
        );
    }

    #[test]
    fn sentence_offsets_are_those_of_the_normalised_document() {
        let doc = "One  “two”.   Three’s here.\n\n  Four. ";
        let normalised = normalise(doc);
        for s in sentences(doc) {
            assert_eq!(&normalised[s.start..s.end], normalise(&s.text));
        }
    }

    const DOC: &str = "Arms\n\nRussia delivered arms to Mali. The weather was fine. Wagner Group men arrived.\nMali thanked Moscow.";

    fn dataset(coverage: &str) -> Dataset {
        let text = format!(
            r##"{{"format": "influence-flows/1", "title": "t",
            "sources": [{{"id": "doc", "title": "A document", "file": "doc.txt"}}],
            "kinds": [{{"id": "arms", "label": "Arms", "color": "#0072b2"}}],
            "actors": [{{"id": "russia", "name": "Russia", "type": "state", "aliases": ["Moscow"]}},
                       {{"id": "wagner", "name": "Wagner Group", "type": "private-military-company"}},
                       {{"id": "mali", "name": "Mali", "type": "state"}}],
            "flows": [{{"id": "russia-mali-arms", "source": "russia", "target": "mali", "kind": "arms",
                        "status": "fact", "summary": "s",
                        "evidence": [{{"source": "doc", "quote": "Russia delivered arms to Mali."}}]}},
                      {{"id": "wagner-mali-arms", "source": "wagner", "target": "mali", "kind": "arms",
                        "status": "fact", "summary": "s",
                        "evidence": [{{"source": "doc", "quote": "Wagner Group men arrived."}}]}}]
            {coverage}}}"##
        );
        crate::validate::load(&text).expect("valid")
    }

    const LEDGER: &str = r#"{
  "format": "influence-flows-coverage/1",
  "sentences": [
    {"source": "doc", "sentence": "Russia delivered arms to Mali.", "cited_by": ["russia-mali-arms"]},
    {"source": "doc", "sentence": "Wagner Group men arrived.", "cited_by": ["wagner-mali-arms"]},
    {"source": "doc", "sentence": "Mali thanked Moscow.", "excluded": "background"}
  ]
}"#;

    const COUNTS: &str = r#", "coverage": {"read": 3, "cited": 2, "excluded": 1}"#;

    fn run(dataset: &Dataset, ledger: &str, doc: &str) -> Outcome {
        let doc = doc.to_string();
        check(dataset, ledger, &move |file| {
            (file == "doc.txt").then(|| doc.clone())
        })
    }

    /// The error messages, each with its path.
    fn errors(outcome: &Outcome) -> Vec<String> {
        outcome
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect()
    }

    #[test]
    fn a_complete_ledger_passes_with_its_counts() {
        let outcome = run(&dataset(COUNTS), LEDGER, DOC);
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        assert_eq!(
            (
                outcome.sentences,
                outcome.naming_actors,
                outcome.read,
                outcome.cited,
                outcome.excluded,
                outcome.uncovered
            ),
            (5, 3, 3, 2, 1, 0)
        );
        assert_eq!(
            draft(&dataset(COUNTS), LEDGER, &|_| Some(DOC.to_string()))
                .matches("\"source\"")
                .count(),
            3
        );
    }

    #[test]
    fn a_sentence_left_out_of_the_ledger_is_uncovered_and_named() {
        let ledger = LEDGER.replace(
            r#",
    {"source": "doc", "sentence": "Mali thanked Moscow.", "excluded": "background"}"#,
            "",
        );
        let outcome = run(&dataset(COUNTS), &ledger, DOC);
        assert_eq!(outcome.uncovered, 1);
        let errors = errors(&outcome);
        assert!(
            errors.iter().any(|e| e.starts_with("sentences: uncovered: sentence 5 of \"doc\" (doc.txt) names Moscow, Mali and is not in the ledger: “Mali thanked Moscow.”")),
            "{errors:?}"
        );
        // The counts no longer match either.
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("coverage: the dataset says 3 read")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_new_sentence_in_a_document_is_uncovered_and_named() {
        let doc = format!("{DOC} Russia sent Wagner Group men.");
        let outcome = run(&dataset(COUNTS), LEDGER, &doc);
        assert_eq!(outcome.uncovered, 1);
        let errors = errors(&outcome);
        assert!(
            errors.iter().any(|e| e.contains("uncovered: sentence 6")
                && e.contains("“Russia sent Wagner Group men.”")
                && e.contains("no flow quotes it")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_sentence_removed_from_its_document_makes_its_entry_stale() {
        let doc = DOC
            .replace(" Mali thanked Moscow.", "")
            .replace("\nMali thanked Moscow.", "");
        let outcome = run(&dataset(COUNTS), LEDGER, &doc);
        let errors = errors(&outcome);
        assert!(
            errors.iter().any(|e| e == "sentences[2].sentence: stale: this sentence is no longer in \"doc\" (doc.txt): “Mali thanked Moscow.”; the document or the sentence splitter changed, so remove the entry or copy the sentence as it now reads"),
            "{errors:?}"
        );
    }

    #[test]
    fn an_entry_whose_words_changed_is_stale_and_its_sentence_uncovered() {
        let ledger = LEDGER.replace("Mali thanked Moscow.", "Mali thanked Moscow warmly.");
        let outcome = run(&dataset(COUNTS), &ledger, DOC);
        let errors = errors(&outcome);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("sentences[2].sentence: stale")
                    && e.contains("“Mali thanked Moscow warmly.”")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("uncovered") && e.contains("“Mali thanked Moscow.”")),
            "{errors:?}"
        );
    }

    #[test]
    fn wrong_citations_exclusions_and_forms_are_errors_at_their_paths() {
        let cases = [
            (LEDGER.replace(r#"["wagner-mali-arms"]"#, r#"["russia-mali-arms"]"#),
             "sentences[1].cited_by[0]: flow \"russia-mali-arms\" does not quote this sentence: “Wagner Group men arrived.”"),
            (LEDGER.replace(r#"["wagner-mali-arms"]"#, r#"["no-such-flow"]"#),
             "sentences[1].cited_by[0]: unknown flow \"no-such-flow\""),
            (LEDGER.replace(r#""cited_by": ["wagner-mali-arms"]"#, r#""excluded": "background""#),
             "sentences[1].excluded: this sentence is quoted by wagner-mali-arms: “Wagner Group men arrived.”"),
            (LEDGER.replace(r#""excluded": "background""#, r#""excluded": "TODO: names Mali""#),
             "sentences[2].excluded: not read yet: “Mali thanked Moscow.”"),
            (LEDGER.replace(r#""excluded": "background""#, r#""excluded": "background", "cited_by": ["russia-mali-arms"]"#),
             "sentences[2].excluded: a sentence is either cited"),
            (LEDGER.replace(r#""excluded": "background""#, r#""reason": "background""#),
             "sentences[2].reason: unknown field \"reason\""),
            (LEDGER.replace(r#""source": "doc", "sentence": "Mali"#, r#""source": "hrf", "sentence": "Mali"#),
             "sentences[2].source: unknown source \"hrf\""),
        ];
        for (ledger, expected) in cases {
            let errors = errors(&run(&dataset(COUNTS), &ledger, DOC));
            assert!(
                errors.iter().any(|e| e.starts_with(expected)),
                "{expected}\n{errors:?}"
            );
        }
        let twice = LEDGER.replace(
            r#""excluded": "background"}"#,
            r#""excluded": "background"},
    {"source": "doc", "sentence": "Mali thanked Moscow.", "excluded": "background"}"#,
        );
        let errors = errors(&run(&dataset(COUNTS), &twice, DOC));
        assert!(
            errors.iter().any(|e| e.starts_with(
                "sentences[3].sentence: this sentence is already in the ledger at sentences[2]"
            )),
            "{errors:?}"
        );
    }

    #[test]
    fn an_alias_no_document_uses_is_an_error() {
        let text = DOC.replace("Moscow", "the capital");
        let outcome = run(
            &dataset(COUNTS),
            &LEDGER.replace("Mali thanked Moscow.", "Mali thanked the capital."),
            &text,
        );
        let errors = errors(&outcome);
        assert!(
            errors.iter().any(|e| e.starts_with(
                "actors[0].aliases[0]: alias \"Moscow\" of \"russia\" occurs in no source document"
            )),
            "{errors:?}"
        );
    }

    #[test]
    fn names_are_whole_words() {
        assert!(names("Mali's gold", "Mali"));
        assert!(names("in Mali.", "Mali"));
        assert!(!names("Malians said", "Mali"));
        assert!(!names("UNGA passed", "UN"));
        assert!(names("the UN's mission", "UN"));
        assert!(!names("", "UN"));
    }
}
