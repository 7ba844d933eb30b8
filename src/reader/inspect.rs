//! What a reader learns about a band or an actor: which marks light up, and the words of the
//! tooltip, the evidence panel, the live region and the data table.
//!
//! Plain data and plain text; the web shell puts it on screen as text, never as HTML.
//! Its own words are in the chart's `Lang` (`util::lang`); names, labels and quotes are the
//! dataset's, as written.

use crate::data::model::{Dataset, Evidence, Flow, Source, Status};
use crate::data::period::{PartialDate, Period};
use crate::picture::highlight::Target;
use crate::util::lang::Lang;
use crate::view::View;

/// One flow as a reader reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowText {
    pub id: String,
    pub giver: String,
    pub receiver: String,
    pub kind: String,
    /// "March 2022", "January 2013 – August 2022", "December 2021 (ongoing)"; None if undated.
    pub period: Option<String>,
    pub amount: Option<String>,
    /// "stated as fact", "reported or alleged", "reported, and denied".
    pub status: &'static str,
    /// How the documents present it, with who says it: "Reported — according to media
    /// sources", "Denied by the Malian Army — reported according to …", "Stated as fact".
    pub presented: String,
    /// Every figure the evidence gives, with who gives it: "“300” (original estimates)".
    pub figures: Vec<String>,
    pub summary: String,
    pub evidence: Vec<QuoteText>,
    /// The language of these words (the quotes and the dataset's names stay as written).
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteText {
    pub quote: String,
    pub source_title: String,
    /// Authors, publisher and date as known, e.g. "Human Rights Foundation, 2023-08-11".
    pub source_detail: Option<String>,
    /// Only http(s) URLs; anything else is never offered as a link.
    pub url: Option<String>,
    /// Who says it, where the document attributes it: "according to media sources",
    /// "denied by the Malian Army"; None in the document's own voice.
    pub voice: Option<String>,
}

/// What the tooltip and the evidence panel say about an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    /// "Russia → Mali · Arms" or "Russia".
    pub title: String,
    /// "3 documented flows" or the actor's totals, one line per direction.
    pub lines: Vec<String>,
    pub flows: Vec<FlowText>,
    /// The language of these words.
    pub lang: Lang,
}

pub fn describe(dataset: &Dataset, view: &View, target: Target, lang: Lang) -> Description {
    match target {
        Target::Band(b) => describe_band(dataset, view, b, lang),
        Target::Node(n) => describe_actor(dataset, view, n, lang),
    }
}

fn describe_band(dataset: &Dataset, view: &View, b: usize, lang: Lang) -> Description {
    let Some(link) = view.links.get(b) else {
        return Description {
            title: String::new(),
            lines: Vec::new(),
            flows: Vec::new(),
            lang,
        };
    };
    let title = format!(
        "{} → {} · {}",
        actor_name(dataset, &link.source_actor),
        actor_name(dataset, &link.target_actor),
        kind_in_family(dataset, &link.kind)
    );
    Description {
        title,
        lines: vec![lang.documented_flows(link.flows.len())],
        flows: link
            .flows
            .iter()
            .map(|&i| flow_text(dataset, &dataset.flows[i], lang))
            .collect(),
        lang,
    }
}

fn describe_actor(dataset: &Dataset, view: &View, n: usize, lang: Lang) -> Description {
    let Some(actor) = view.nodes.get(n).map(|node| node.actor.clone()) else {
        return Description {
            title: String::new(),
            lines: Vec::new(),
            flows: Vec::new(),
            lang,
        };
    };
    let totals = |outgoing: bool| -> String {
        let mut per_kind: Vec<(usize, &str, usize)> = Vec::new();
        for link in &view.links {
            let end = if outgoing {
                &link.source_actor
            } else {
                &link.target_actor
            };
            if *end != actor {
                continue;
            }
            let rank = dataset
                .kinds
                .iter()
                .position(|k| k.id == link.kind)
                .unwrap_or(usize::MAX);
            match per_kind.iter_mut().find(|(_, k, _)| *k == link.kind) {
                Some((_, _, count)) => *count += link.flows.len(),
                None => per_kind.push((rank, &link.kind, link.flows.len())),
            }
        }
        crate::util::sort::sort(&mut per_kind);
        let parts: Vec<String> = per_kind
            .iter()
            .map(|(_, kind, count)| {
                format!("{} {}", kind_label(dataset, kind), lang.number(*count))
            })
            .collect();
        if parts.is_empty() {
            lang.words().none.to_string()
        } else {
            parts.join(", ")
        }
    };
    let mut flows: Vec<usize> = view
        .links
        .iter()
        .filter(|l| l.source_actor == actor || l.target_actor == actor)
        .flat_map(|l| l.flows.iter().copied())
        .collect();
    crate::util::sort::sort(&mut flows);
    flows.dedup();
    Description {
        title: actor_name(dataset, &actor).to_string(),
        lines: vec![
            lang.labelled(lang.words().gives, &totals(true)),
            lang.labelled(lang.words().receives, &totals(false)),
        ],
        flows: flows
            .iter()
            .map(|&i| flow_text(dataset, &dataset.flows[i], lang))
            .collect(),
        lang,
    }
}

/// A short sentence for the live region when the keyboard focus lands on `target`.
pub fn announce(dataset: &Dataset, view: &View, target: Target, lang: Lang) -> String {
    let d = describe(dataset, view, target, lang);
    let hint = match target {
        Target::Band(_) => lang.words().band_hint,
        Target::Node(_) => lang.words().node_hint,
    };
    format!("{}. {}. {hint}", d.title, d.lines.join(". "))
}

pub fn flow_text(dataset: &Dataset, flow: &Flow, lang: Lang) -> FlowText {
    FlowText {
        id: flow.id.clone(),
        giver: actor_name(dataset, &flow.source).to_string(),
        receiver: actor_name(dataset, &flow.target).to_string(),
        kind: kind_in_family(dataset, &flow.kind),
        period: flow.period().map(|p| period_text(&p, lang)),
        amount: flow.amount.as_ref().map(|a| a.text.clone()),
        status: status_label(flow.status, lang),
        presented: presented(flow, lang),
        figures: figures(flow, lang),
        summary: flow.summary.clone(),
        evidence: flow
            .evidence
            .iter()
            .map(|e| {
                let source = dataset.source(&e.source);
                QuoteText {
                    quote: e.quote.clone(),
                    source_title: source.map_or(e.source.clone(), |s| s.title.clone()),
                    source_detail: source.and_then(|s| byline(s, lang)),
                    url: source.and_then(|s| s.url.clone()).filter(|u| is_web_url(u)),
                    voice: voice(e, lang),
                }
            })
            .collect(),
        lang,
    }
}

/// A flow's time in `lang`: "March 2022", "January 2013 – August 2022", "December 2021
/// (ongoing)"; French "mars 2022", "décembre 2021 (en cours)".
pub fn period_text(period: &Period, lang: Lang) -> String {
    let date = |d: &PartialDate| lang.date(d.year, d.month, d.day);
    let mut text = date(&period.start);
    if period.end != period.start {
        text = format!("{text} – {}", date(&period.end));
    }
    if period.ongoing {
        text = format!("{text} ({})", lang.words().ongoing);
    }
    text
}

/// Authors, publisher and date of a document, its date written as `lang` writes dates
/// ("Human Rights Foundation, 11 August 2023"; "…, 11 août 2023"); a date that does not
/// parse stays as written.
pub fn byline(source: &Source, lang: Lang) -> Option<String> {
    let date = source.date.as_deref().map(|d| match PartialDate::parse(d) {
        Ok(p) => lang.date(p.year, p.month, p.day),
        Err(_) => d.to_string(),
    });
    let parts: Vec<&str> = source
        .authors
        .iter()
        .map(String::as_str)
        .chain(source.publisher.as_deref())
        .chain(date.as_deref())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// "stated as fact", "reported or alleged", "reported, and denied".
pub fn status_label(status: Status, lang: Lang) -> &'static str {
    let w = lang.words();
    match status {
        Status::Fact => w.status_fact,
        Status::Reported => w.status_reported,
        Status::Denied => w.status_denied,
    }
}

/// How the documents present a flow, naming who says it and who denies it:
/// "Stated as fact", "Reported", "Reported — according to media sources; Gromyko",
/// "Denied by the Malian Army — reported according to Human Rights Watch". The names are
/// the dataset's, as written.
pub fn presented(flow: &Flow, lang: Lang) -> String {
    let w = lang.words();
    let speakers = distinct(
        flow.evidence
            .iter()
            .filter_map(|e| e.attributed_to.as_deref()),
    );
    let deniers = distinct(flow.evidence.iter().filter_map(|e| e.denied_by.as_deref()));
    let according = |lead: &str| {
        if speakers.is_empty() {
            String::new()
        } else {
            format!(" — {lead} {}", speakers.join("; "))
        }
    };
    match flow.status {
        Status::Fact => w.fact.to_string(),
        Status::Reported => format!("{}{}", w.reported, according(w.according_to)),
        Status::Denied if deniers.is_empty() => {
            format!("{}{}", w.denied, according(w.reported_according_to))
        }
        Status::Denied => format!(
            "{} {}{}",
            w.denied_by,
            deniers.join("; "),
            according(w.reported_according_to)
        ),
    }
}

/// Every figure a flow's evidence gives, in order, each with who gives it:
/// "“dozens of civilians” (according to …)", "“300” (according to original estimates)".
pub fn figures(flow: &Flow, lang: Lang) -> Vec<String> {
    flow.evidence
        .iter()
        .filter_map(|e| {
            let figure = e.figure.as_deref()?;
            Some(match voice(e, lang) {
                Some(voice) => format!("“{figure}” ({voice})"),
                None => format!("“{figure}”"),
            })
        })
        .collect()
}

/// Who says a quote: "according to media sources", "denied by the Malian Army".
fn voice(e: &Evidence, lang: Lang) -> Option<String> {
    let w = lang.words();
    match (&e.attributed_to, &e.denied_by) {
        (Some(who), _) => Some(format!("{} {who}", w.according_to)),
        (None, Some(who)) => Some(format!("{} {who}", w.denied_by_voice)),
        (None, None) => None,
    }
}

fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The line under a flow's title in the tooltip, the panel and the data table:
/// "Arms · March 2022 · Reported — according to media sources · $10 million a month".
pub fn meta_line(flow: &FlowText) -> String {
    let mut parts = vec![flow.kind.clone()];
    parts.push(
        flow.period
            .clone()
            .unwrap_or_else(|| flow.lang.words().undated.to_string()),
    );
    parts.push(flow.presented.clone());
    if let Some(amount) = &flow.amount {
        parts.push(amount.clone());
    }
    parts.join(" · ")
}

/// "Figures: “300” (according to original estimates); “more than 500” (…)", or None.
pub fn figures_line(flow: &FlowText) -> Option<String> {
    let lang = flow.lang;
    (!flow.figures.is_empty())
        .then(|| lang.labelled(lang.words().figures, &flow.figures.join("; ")))
}

/// A quote with its source and who says it, as the data table and exports write it:
/// "“…” (Russia’s Influence in Mali; according to media sources)".
pub fn quote_line(quote: &QuoteText) -> String {
    match &quote.voice {
        Some(voice) => format!("“{}” ({}; {voice})", quote.quote, quote.source_title),
        None => format!("“{}” ({})", quote.quote, quote.source_title),
    }
}

/// What the page says about how the documents were read, from the counts the dataset
/// carries: "176 sentences of the documents read, every one that names an actor: 130 cited
/// by flows, 46 left out with a reason (headings, background, no giver named…)."
pub fn coverage_line(dataset: &Dataset, lang: Lang) -> Option<String> {
    let c = dataset.coverage?;
    Some(lang.coverage(c.read as usize, c.cited as usize, c.excluded as usize))
}

/// Only http(s) URLs become links.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && url.trim() == url
}

pub fn actor_name<'a>(dataset: &'a Dataset, id: &'a str) -> &'a str {
    dataset.actor(id).map_or(id, |a| a.name.as_str())
}

pub fn kind_label<'a>(dataset: &'a Dataset, id: &'a str) -> &'a str {
    dataset.kind(id).map_or(id, |k| k.label.as_str())
}

/// The kind's label with its family's, as the picture colours by family: "Ties & talks
/// (Diplomacy)"; the kind's label alone where it has no family or shares its name.
pub fn kind_in_family(dataset: &Dataset, id: &str) -> String {
    let label = kind_label(dataset, id);
    match dataset.family_of(id) {
        Some(family) if family.label != label => format!("{label} ({})", family.label),
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::Filters;

    fn mali() -> Dataset {
        let text = include_str!("../../data/mali.json");
        crate::validate::load(text).expect("valid")
    }

    #[test]
    fn band_description_carries_every_quote_of_its_flows() {
        let dataset = mali();
        let view = View::new(&dataset, &Filters::default());
        for (b, link) in view.links.iter().enumerate() {
            let d = describe(&dataset, &view, Target::Band(b), Lang::En);
            assert!(d.title.contains(" → "));
            assert_eq!(d.flows.len(), link.flows.len());
            let quotes: usize = link
                .flows
                .iter()
                .map(|&i| dataset.flows[i].evidence.len())
                .sum();
            assert_eq!(
                d.flows.iter().map(|f| f.evidence.len()).sum::<usize>(),
                quotes
            );
        }
    }

    #[test]
    fn actor_totals_add_up_to_its_flows() {
        let dataset = mali();
        let view = View::new(&dataset, &Filters::default());
        let n = view
            .nodes
            .iter()
            .position(|n| n.actor == "france")
            .expect("France is drawn");
        let d = describe(&dataset, &view, Target::Node(n), Lang::En);
        let sum = |line: &str| -> usize {
            line.split(", ")
                .filter_map(|p| p.rsplit(' ').next()?.parse::<usize>().ok())
                .sum()
        };
        let given = dataset
            .flows
            .iter()
            .filter(|f| f.source == "france")
            .count();
        let received = dataset
            .flows
            .iter()
            .filter(|f| f.target == "france")
            .count();
        assert_eq!(sum(d.lines[0].trim_start_matches("Gives: ")), given);
        assert_eq!(sum(d.lines[1].trim_start_matches("Receives: ")), received);
    }

    fn flow_text_of(dataset: &Dataset, id: &str) -> FlowText {
        let flow = dataset.flows.iter().find(|f| f.id == id).expect(id);
        flow_text(dataset, flow, Lang::En)
    }

    /// The tooltip's words say who makes an attributed claim, and who denies a denied one.
    #[test]
    fn the_tooltip_says_who_makes_the_claim() {
        let dataset = mali();
        let gromyko = flow_text_of(&dataset, "russia-mali-gromyko-cnsp-meeting");
        assert_eq!(
            gromyko.presented,
            "Reported — according to media sources; Russian Ambassador Igor Gromyko"
        );
        assert_eq!(
            meta_line(&gromyko),
            "Ties & talks (Diplomacy) · undated · Reported — according to media sources; Russian Ambassador Igor Gromyko"
        );
        assert_eq!(
            gromyko.evidence[0].voice.as_deref(),
            Some("according to media sources")
        );
        assert!(quote_line(&gromyko.evidence[0]).ends_with("(A Brief Review Of Russia’s Influence Over Mali – To France’s Detriment; according to media sources)"));
        let received = flow_text_of(&dataset, "russia-mali-gromyko-received-2020-08-21");
        assert_eq!(received.presented, "Stated as fact");
        assert_eq!(received.evidence[0].voice, None);
        let deployment = flow_text_of(&dataset, "wagner-mali-deployment");
        assert!(
            deployment
                .presented
                .starts_with("Denied by the Malian authorities; "),
            "{}",
            deployment.presented
        );
        assert!(deployment
            .presented
            .contains(" — reported according to international media; "));
        // A band's tooltip carries it too.
        let view = View::new(&dataset, &Filters::default());
        let b = view
            .links
            .iter()
            .position(|l| l.flows.iter().any(|&i| dataset.flows[i].id == gromyko.id))
            .expect("drawn");
        let d = describe(&dataset, &view, Target::Band(b), Lang::En);
        assert!(d
            .flows
            .iter()
            .any(|f| meta_line(f).contains("according to media sources")));
    }

    /// Several figures: all of them, each with who gives it, never one picked.
    #[test]
    fn every_figure_is_shown_with_its_speaker() {
        let dataset = mali();
        let moura = flow_text_of(&dataset, "famas-civilians-moura-2022-03");
        assert_eq!(moura.amount, None);
        assert_eq!(
            figures_line(&moura).as_deref(),
            Some("Figures: “dozens of civilians” (according to the independent expert on human rights Alioune Tine, as cited on the UN website); “300” (according to original estimates); “more than 500” (according to a recent UN report)")
        );
        assert!(moura.presented.starts_with(
            "Denied by the Malian Army; the Malian government — reported according to "
        ));
        let arms = flow_text_of(&dataset, "russia-mali-arms-2022-03");
        assert_eq!(figures_line(&arms), None);
    }

    #[test]
    fn the_page_says_how_many_sentences_were_read() {
        let dataset = mali();
        let c = dataset
            .coverage
            .expect("mali.json carries its coverage counts");
        assert_eq!(c.cited + c.excluded, c.read);
        assert_eq!(
            coverage_line(&dataset, Lang::En).unwrap(),
            format!("{} sentences of the documents read, every one that names an actor: {} cited by flows, {} left out with a reason (headings, background, no giver named…).", c.read, c.cited, c.excluded)
        );
    }

    #[test]
    fn only_http_urls_are_links() {
        assert!(is_web_url("https://hrf.org/x"));
        assert!(is_web_url("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,x",
            "//evil",
            "https://x y ",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
