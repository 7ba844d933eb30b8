//! Embed options: how an editor sets up a chart, from the page URL's query string
//! (`?theme=dark&kinds=arms,money`) or from the data attributes of an element embed
//! (`data-theme="dark" data-kinds="arms,money"`). Both spellings use the same keys.
//!
//! Unknown keys and bad values are ignored with a note, never an error: a typo in an embed
//! snippet must not blank the chart.

use crate::data::model::Dataset;
use crate::util::lang::Lang;
use crate::view::{Filters, Multiples};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Follow the reader's `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    pub theme: ThemeChoice,
    /// Show only these kinds (ids); None shows all.
    pub kinds: Option<Vec<String>>,
    /// Initial period, inclusive years.
    pub years: Option<(i32, i32)>,
    /// Show the title and subtitle (an article may have its own headline).
    pub show_title: bool,
    /// The id the iframe height messages carry, so the parent page sizes the right iframe.
    pub embed_id: Option<String>,
    /// Where the data comes from, instead of the page's default.
    pub data: Option<String>,
    /// Small multiples (`layout=multiples`, split `by=family` or `by=period`).
    pub multiples: Option<Multiples>,
    /// The interface's language (`lang=fr`); None follows the page's `<html lang>`.
    pub lang: Option<Lang>,
}

/// The keys, in the order an editor reads them in the README.
pub const KEYS: [&str; 9] = [
    "theme", "kinds", "period", "title", "id", "data", "layout", "by", "lang",
];

impl EmbedOptions {
    /// Reads `key=value` pairs (already split and percent-decoded).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (EmbedOptions, Vec<String>) {
        let mut options = EmbedOptions {
            show_title: true,
            ..EmbedOptions::default()
        };
        let mut notes = Vec::new();
        let mut by = None;
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "theme" => match value {
                    "auto" | "" => options.theme = ThemeChoice::Auto,
                    "light" => options.theme = ThemeChoice::Light,
                    "dark" => options.theme = ThemeChoice::Dark,
                    other => {
                        notes.push(format!("theme={other:?} ignored: use light, dark or auto"))
                    }
                },
                "kinds" => {
                    let kinds: Vec<String> = value
                        .split(',')
                        .map(str::trim)
                        .filter(|k| !k.is_empty())
                        .map(String::from)
                        .collect();
                    options.kinds = (!kinds.is_empty()).then_some(kinds);
                }
                "period" => match parse_years(value) {
                    Some(years) => options.years = Some(years),
                    None => notes.push(format!("period={value:?} ignored: use 2020 or 2020-2022")),
                },
                "title" => match value {
                    "0" | "false" | "no" | "hide" => options.show_title = false,
                    "1" | "true" | "yes" | "show" | "" => options.show_title = true,
                    other => notes.push(format!("title={other:?} ignored: use 0 or 1")),
                },
                "id" => options.embed_id = (!value.is_empty()).then(|| value.to_string()),
                "data" => options.data = (!value.is_empty()).then(|| value.to_string()),
                "layout" => match value {
                    "multiples" => options.multiples = Some(Multiples::Family),
                    "" | "single" => options.multiples = None,
                    other => notes.push(format!("layout={other:?} ignored: use multiples")),
                },
                "by" => match value {
                    "family" => by = Some(Multiples::Family),
                    "period" => by = Some(Multiples::Period),
                    other => notes.push(format!("by={other:?} ignored: use family or period")),
                },
                "lang" => match Lang::parse(value) {
                    Some(lang) => options.lang = Some(lang),
                    None if value.is_empty() => options.lang = None,
                    None => notes.push(format!("lang={value:?} ignored: use en or fr")),
                },
                other => notes.push(format!(
                    "option {other:?} ignored: the options are {}",
                    KEYS.join(", ")
                )),
            }
        }
        if options.multiples.is_some() {
            options.multiples = by.or(options.multiples);
        } else if by.is_some() {
            notes.push("by ignored: it splits small multiples, layout=multiples".to_string());
        }
        (options, notes)
    }

    /// The interface's language: the `lang=` option, else the page's (`<html lang>`, or for
    /// an element embed the host page's nearest `lang`), else English.
    pub fn language(&self, page: Option<&str>) -> Lang {
        self.lang.unwrap_or_else(|| Lang::choose([page]))
    }

    /// Whether these options set the first filters (else the dataset's first view is shown).
    pub fn sets_filters(&self) -> bool {
        self.kinds.is_some() || self.years.is_some() || self.multiples.is_some()
    }

    /// Reads a URL query string (with or without its leading `?`).
    pub fn from_query(query: &str) -> (EmbedOptions, Vec<String>) {
        let pairs = query_pairs(query);
        EmbedOptions::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The filters these options start a chart with. Unknown kind ids are noted and skipped.
    pub fn initial_filters(&self, dataset: &Dataset, notes: &mut Vec<String>) -> Filters {
        let mut filters = Filters {
            years: self.years,
            multiples: self.multiples,
            ..Filters::default()
        };
        if self.multiples == Some(Multiples::Period) && dataset.periods.is_empty() {
            notes
                .push("by=period: this dataset names no periods; small multiples by family".into());
            filters.multiples = Some(Multiples::Family);
        }
        if let Some(kinds) = &self.kinds {
            for kind in kinds {
                if dataset.kind(kind).is_none() {
                    notes.push(format!("kinds: {kind:?} is not a kind of this dataset"));
                }
            }
            filters.hidden_kinds = dataset
                .kinds
                .iter()
                .filter(|k| !kinds.contains(&k.id))
                .map(|k| k.id.clone())
                .collect();
        }
        filters
    }
}

/// The decoded `key=value` pairs of a query string, in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// "2021" or "2020-2022" (either order) to inclusive years.
fn parse_years(text: &str) -> Option<(i32, i32)> {
    let year = |s: &str| -> Option<i32> {
        let s = s.trim();
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    match text.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b)?);
            Some((a.min(b), a.max(b)))
        }
        None => year(text).map(|y| (y, y)),
    }
}

/// Decodes `%XX` escapes and `+` (as a space); invalid escapes are kept as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_query() {
        let (o, notes) = EmbedOptions::from_query(
            "?theme=dark&kinds=arms,money&period=2022-2020&title=0&id=mali-1",
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(o.theme, ThemeChoice::Dark);
        assert_eq!(o.kinds, Some(vec!["arms".to_string(), "money".to_string()]));
        assert_eq!(o.years, Some((2020, 2022)));
        assert!(!o.show_title);
        assert_eq!(o.embed_id.as_deref(), Some("mali-1"));
    }

    #[test]
    fn layout_and_by_ask_for_small_multiples() {
        let (o, notes) = EmbedOptions::from_query("by=period&layout=multiples");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(o.multiples, Some(Multiples::Period));
        assert!(o.sets_filters());
        let (o, notes) = EmbedOptions::from_query("layout=multiples");
        assert_eq!((o.multiples, notes.len()), (Some(Multiples::Family), 0));
        let (o, notes) = EmbedOptions::from_query("by=family&layout=grid");
        assert_eq!((o.multiples, notes.len()), (None, 2), "{notes:?}");
        let dataset = crate::validate::load(include_str!("../../data/mali.json")).unwrap();
        let (o, _) = EmbedOptions::from_query("layout=multiples&by=period");
        let filters = o.initial_filters(&dataset, &mut Vec::new());
        assert_eq!(filters.multiples, Some(Multiples::Period));
    }

    #[test]
    fn bad_values_are_noted_and_ignored() {
        let (o, notes) =
            EmbedOptions::from_query("theme=purple&period=soon&colour=red&title=maybe");
        assert_eq!(
            o,
            EmbedOptions {
                show_title: true,
                ..EmbedOptions::default()
            }
        );
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(notes[2].contains("\"colour\" ignored"));
    }

    #[test]
    fn the_language_is_the_option_else_the_pages_else_english() {
        let (o, notes) = EmbedOptions::from_query("lang=fr");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(o.lang, Some(Lang::Fr));
        assert_eq!(o.language(Some("en")), Lang::Fr);
        let (o, _) = EmbedOptions::from_pairs([("lang", "EN-gb")]);
        assert_eq!(o.language(Some("fr")), Lang::En);
        let (o, notes) = EmbedOptions::from_query("title=1");
        assert!(notes.is_empty());
        assert_eq!(o.language(Some("fr-FR")), Lang::Fr);
        assert_eq!(o.language(Some("de")), Lang::En);
        assert_eq!(o.language(None), Lang::En);
        let (o, notes) = EmbedOptions::from_query("lang=klingon");
        assert_eq!((o.lang, notes.len()), (None, 1));
        assert!(notes[0].contains("use en or fr"), "{notes:?}");
        assert!(!o.sets_filters());
    }

    #[test]
    fn percent_decoding_handles_escapes_plus_and_garbage() {
        assert_eq!(percent_decode("a%2Cb+c"), "a,b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%E2%80%99"), "’");
    }

    #[test]
    fn kinds_option_hides_the_other_kinds() {
        let dataset = crate::validate::load(include_str!("../../data/mali.json")).unwrap();
        let (o, _) = EmbedOptions::from_query("kinds=arms,nonsense");
        let mut notes = Vec::new();
        let filters = o.initial_filters(&dataset, &mut notes);
        assert_eq!(notes.len(), 1);
        assert!(!filters.hidden_kinds.contains("arms"));
        assert_eq!(filters.hidden_kinds.len(), dataset.kinds.len() - 1);
    }
}
