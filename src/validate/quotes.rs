//! Checks that every evidence quote occurs, word for word, in the text of the document it
//! cites (`influence-flows validate FILE --sources DIR`).
//!
//! Only white space and typographic quotes are forgiven: runs of white space count as one
//! space, and ’ ‘ “ ” match ' and ". Everything else — spelling, punctuation, brackets,
//! ellipses — must be exactly as in the document.

use crate::data::model::Dataset;
use crate::validate::{element, member, Problem};
use std::collections::HashMap;
use std::path::Path;

/// How many characters of a quote a problem shows.
const SHOWN: usize = 60;

/// The form in which quotes and documents are compared: white-space runs become one space
/// (trimmed at both ends), typographic quotes and apostrophes become straight ones.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            in_space = true;
            continue;
        }
        if in_space && !out.is_empty() {
            out.push(' ');
        }
        in_space = false;
        out.push(match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            other => other,
        });
    }
    out
}

/// Checks every quote against its source's text. `read` gets a source's `file` name and
/// returns the document's text, or `None` if there is no such file.
pub fn check_quotes(dataset: &Dataset, read: &dyn Fn(&str) -> Option<String>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let cited: Vec<&str> = dataset
        .flows
        .iter()
        .flat_map(|f| &f.evidence)
        .map(|e| e.source.as_str())
        .chain(dataset.story.iter().map(|s| s.source.as_str()))
        .collect();
    // Normalised text of each source whose file could be read.
    let mut texts: HashMap<&str, (String, &str)> = HashMap::new();
    for (i, source) in dataset.sources.iter().enumerate() {
        let path = element("sources", i);
        match &source.file {
            None if cited.contains(&source.id.as_str()) => problems.push(Problem::error(
                path,
                format!(
                    "source \"{}\" has no \"file\", so its quotes cannot be checked; add the name of its text file",
                    source.id
                ),
            )),
            None => {}
            Some(file) => match read(file) {
                Some(text) => {
                    texts.insert(source.id.as_str(), (normalise(&text), file.as_str()));
                }
                None => problems.push(Problem::error(
                    member(&path, "file"),
                    format!("file \"{file}\" is not in the sources folder (or cannot be read as text)"),
                )),
            },
        }
    }
    for (i, flow) in dataset.flows.iter().enumerate() {
        for (j, evidence) in flow.evidence.iter().enumerate() {
            let Some((text, file)) = texts.get(evidence.source.as_str()) else {
                continue;
            };
            let quote = normalise(&evidence.quote);
            if quote.is_empty() || text.contains(&quote) {
                continue;
            }
            let path = member(
                &element(&member(&element("flows", i), "evidence"), j),
                "quote",
            );
            problems.push(Problem::error(path, not_found(&quote, text, file)));
        }
    }
    // A period named after an event quotes the document that dates it.
    for (i, period) in dataset.periods.iter().enumerate() {
        let (Some(source), Some(quote)) = (&period.source, &period.quote) else {
            continue;
        };
        let Some((text, file)) = texts.get(source.as_str()) else {
            continue;
        };
        let quote = normalise(quote);
        if !quote.is_empty() && !text.contains(&quote) {
            let path = member(&element("periods", i), "quote");
            problems.push(Problem::error(path, not_found(&quote, text, file)));
        }
    }
    // A story's caption and annotations are the document's words too.
    for (i, step) in dataset.story.iter().enumerate() {
        let Some((text, file)) = texts.get(step.source.as_str()) else {
            continue;
        };
        let step_path = element("story", i);
        let words = std::iter::once((member(&step_path, "caption"), &step.caption)).chain(
            step.annotations.iter().enumerate().map(|(j, a)| {
                let at = element(&member(&step_path, "annotations"), j);
                (member(&at, "text"), &a.text)
            }),
        );
        for (path, words) in words {
            let quote = normalise(words);
            if !quote.is_empty() && !text.contains(&quote) {
                problems.push(Problem::error(path, not_found(&quote, text, file)));
            }
        }
    }
    problems
}

/// Checks every quote against the files in `dir` (native use: the CLI and the tests).
pub fn check_quotes_in_dir(dataset: &Dataset, dir: &Path) -> Vec<Problem> {
    check_quotes(dataset, &|file: &str| {
        std::fs::read_to_string(dir.join(file)).ok()
    })
}

/// Says which quote was not found and how far it does match, to help find the difference.
fn not_found(quote: &str, text: &str, file: &str) -> String {
    let shown = shorten(quote, SHOWN);
    let matching = matching_prefix_chars(quote, text);
    if matching == 0 {
        format!("quote not found in \"{file}\": “{shown}”")
    } else {
        // Show the rest from the start of the word where it differs.
        let matched: String = quote.chars().take(matching).collect();
        let word_start = matched.rfind(' ').map_or(0, |space| space + 1);
        format!(
            "quote not found in \"{file}\": “{shown}”; the first {matching} characters match, then it differs at “{}”",
            shorten(&quote[word_start..], 30)
        )
    }
}

fn shorten(text: &str, limit: usize) -> String {
    let mut short: String = text.chars().take(limit).collect();
    if text.chars().count() > limit {
        short.push('…');
    }
    short
}

/// The number of leading characters of `quote` that occur together somewhere in `text`.
fn matching_prefix_chars(quote: &str, text: &str) -> usize {
    let ends: Vec<usize> = quote
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    // Occurring is monotonic in the prefix length, so search for the longest.
    let (mut low, mut high) = (0, ends.len());
    while low < high {
        let mid = (low + high).div_ceil(2);
        if text.contains(&quote[..ends[mid - 1]]) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_white_space_and_typographic_quotes_only() {
        assert_eq!(normalise("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(normalise("Russia’s “deal”"), "Russia's \"deal\"");
        assert_eq!(normalise("‘neo-colonial’"), "'neo-colonial'");
        // Dashes, ellipses and accents are left alone.
        assert_eq!(
            normalise("Russia – supported… Goïta"),
            "Russia – supported… Goïta"
        );
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn finds_the_longest_matching_prefix() {
        assert_eq!(matching_prefix_chars("abcx", "zzabcy"), 3);
        assert_eq!(matching_prefix_chars("xyz", "abc"), 0);
        assert_eq!(matching_prefix_chars("aïb", "aïc"), 2);
        assert_eq!(matching_prefix_chars("", "abc"), 0);
    }

    #[test]
    fn not_found_message_shows_where_it_differs() {
        let message = not_found(
            "Mali was among the 18 African countries",
            "Mali was among the 17 African countries",
            "a.txt",
        );
        assert!(
            message.starts_with("quote not found in \"a.txt\": “Mali was among the 18"),
            "{message}"
        );
        assert!(
            message.contains("the first 20 characters match"),
            "{message}"
        );
        assert!(
            message.contains("differs at “18 African countries”"),
            "{message}"
        );
    }
}
