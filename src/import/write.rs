//! The way back: a dataset as `flows.csv`, `actors.csv` and `meta.json`, which [`super::from_csv`]
//! reads into the same dataset.

use super::{ACTOR_COLUMNS, ALIAS_SEPARATOR, EVIDENCE_COLUMNS, FLOW_COLUMNS};
use crate::data::model::{
    Coverage, Dataset, Evidence, Family, FirstView, Flow, Kind, NamedPeriod, OrderPins, Source,
    Step,
};
use serde::Serialize;

/// `dataset` as the text of `flows.csv`, `actors.csv` and `meta.json` (comma-separated, LF
/// line ends, quotes only where a value needs them: any delimiter, so that the files can be
/// re-separated).
pub fn to_csv(dataset: &Dataset) -> (String, String, String) {
    to_csv_separated(dataset, Delimiter::Comma)
}

/// What separates the values of a row: a comma, or the semicolon a French spreadsheet expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    fn char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
            Delimiter::Tab => '\t',
        }
    }
}

/// [`to_csv`] with another delimiter; `from_csv` sniffs it back from the header.
pub fn to_csv_separated(dataset: &Dataset, delimiter: Delimiter) -> (String, String, String) {
    let delimiter = delimiter.char();
    let mut flows = String::new();
    let header: Vec<&str> = std::iter::once("id")
        .chain(FLOW_COLUMNS)
        .chain(EVIDENCE_COLUMNS)
        .collect();
    line(&mut flows, delimiter, &header);
    for flow in &dataset.flows {
        // A flow without evidence (which the validator rejects) still gets its row.
        let mut evidence = flow.evidence.iter();
        let first = evidence.next();
        let mut cells = vec![flow.id.clone()];
        cells.extend(flow_cells(flow));
        cells.extend(evidence_cells(first));
        line(&mut flows, delimiter, &cells);
        for more in evidence {
            let mut cells = vec![flow.id.clone()];
            cells.extend(FLOW_COLUMNS.map(|_| String::new()));
            cells.extend(evidence_cells(Some(more)));
            line(&mut flows, delimiter, &cells);
        }
    }
    let mut actors = String::new();
    line(&mut actors, delimiter, &ACTOR_COLUMNS);
    for actor in &dataset.actors {
        line(
            &mut actors,
            delimiter,
            &[
                actor.id.as_str(),
                &actor.name,
                actor.actor_type.id(),
                actor.group.as_deref().unwrap_or(""),
                actor.short.as_deref().unwrap_or(""),
                &actor.aliases.join(&ALIAS_SEPARATOR.to_string()),
            ],
        );
    }
    let meta = serde_json::to_string_pretty(&Meta::of(dataset)).unwrap_or_default() + "\n";
    (flows, actors, meta)
}

/// The dataset but its actors and flows, in the dataset's own key order (a `Value` would sort
/// the keys).
#[derive(Serialize)]
struct Meta<'a> {
    format: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: &'a Option<String>,
    sources: &'a [Source],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    families: &'a [Family],
    kinds: &'a [Kind],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    periods: &'a [NamedPeriod],
    #[serde(skip_serializing_if = "Option::is_none")]
    view: &'a Option<FirstView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: &'a Option<Coverage>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    story: &'a [Step],
    #[serde(skip_serializing_if = "Option::is_none")]
    order: &'a Option<OrderPins>,
}

impl<'a> Meta<'a> {
    fn of(dataset: &'a Dataset) -> Meta<'a> {
        // Named field by field, so that a field added to the dataset fails to compile here
        // rather than go missing from meta.json.
        let Dataset {
            format,
            title,
            subtitle,
            updated,
            sources,
            families,
            kinds,
            actors: _,
            flows: _,
            periods,
            view,
            coverage,
            story,
            order,
        } = dataset;
        Meta {
            format,
            title,
            subtitle,
            updated,
            sources,
            families,
            kinds,
            periods,
            view,
            coverage,
            story,
            order,
        }
    }
}

/// The flow's own columns, in the order of `FLOW_COLUMNS`.
fn flow_cells(flow: &Flow) -> [String; 11] {
    let when = flow.when.as_ref();
    let amount = flow.amount.as_ref();
    [
        flow.source.clone(),
        flow.target.clone(),
        flow.kind.clone(),
        when.map(|w| w.start.clone()).unwrap_or_default(),
        when.and_then(|w| w.end.clone()).unwrap_or_default(),
        if when.is_some_and(|w| w.ongoing) {
            "yes".into()
        } else {
            String::new()
        },
        flow.status.id().into(),
        flow.summary.clone(),
        amount.map(|a| a.text.clone()).unwrap_or_default(),
        // `f64`'s Display is the shortest text that parses back to the same number.
        amount
            .and_then(|a| a.value)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        amount.and_then(|a| a.unit.clone()).unwrap_or_default(),
    ]
}

fn evidence_cells(evidence: Option<&Evidence>) -> [String; 5] {
    let Some(e) = evidence else {
        return Default::default();
    };
    [
        e.source.clone(),
        e.quote.clone(),
        e.attributed_to.clone().unwrap_or_default(),
        e.denied_by.clone().unwrap_or_default(),
        e.figure.clone().unwrap_or_default(),
    ]
}

fn line<S: AsRef<str>>(out: &mut String, delimiter: char, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        field(out, cell.as_ref());
    }
    out.push('\n');
}

/// One value, in quotes (its own quotes doubled) where it holds a delimiter of either kind,
/// a quote or a line end, or starts or ends with a space a spreadsheet might trim.
fn field(out: &mut String, value: &str) {
    let needs_quotes = value.contains([',', ';', '"', '\n', '\r', '\t'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_quotes() {
        let mut out = String::new();
        line(&mut out, ',', &["a", "b, c", "say \"x\"", "1\n2", ""]);
        assert_eq!(out, "a,\"b, c\",\"say \"\"x\"\"\",\"1\n2\",\n");
    }
}
