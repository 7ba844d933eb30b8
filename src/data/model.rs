//! The dataset as it is written in `data/*.json`: sources, kinds, actors and flows.
//!
//! These types mirror the file format one to one (see `docs/data-format.md` and
//! `data/schema.json`). Build a `Dataset` with `validate::load`, which checks the JSON first
//! and reports every problem with its JSON path; nothing downstream sees an unchecked
//! `Dataset`.

use crate::data::period::{DateError, PartialDate, Period};
use serde::{Deserialize, Serialize};

/// A whole dataset file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Format tag, `"influence-flows/1"`.
    pub format: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The date the dataset was last edited, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    pub sources: Vec<Source>,
    /// Families of kinds, in legend order; a dataset without them colours each kind alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<Family>,
    pub kinds: Vec<Kind>,
    pub actors: Vec<Actor>,
    pub flows: Vec<Flow>,
    /// Periods the editor names, in time order, for small multiples by period
    /// (`layout=multiples&by=period`); none by default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<NamedPeriod>,
    /// The view a reader sees first, unless the link says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<FirstView>,
    /// How many sentences of the source documents the coverage ledger read, cited and
    /// excluded (`influence-flows coverage` checks these against the ledger).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
    /// The editor's story: the views an article walks the reader through, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub story: Vec<Step>,
    /// The editor's constraints on the order of the actors, kept in every view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderPins>,
}

/// One step of a story: a view, what it points at, and a caption quoted from a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Kebab-case, unique among the steps: an article names its steps by position, a
    /// maintainer by id.
    pub id: String,
    /// Filters in the URL-hash syntax (`reader::url_state`), e.g. `"show=troops&years=2013-2019"`.
    pub view: String,
    /// A mark to light up, in the `sel=` syntax: `actor:ID` or `band:SOURCE:TARGET:KIND`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highlight: Option<String>,
    /// Words of the document `source`, as they are written there (checked like quotes).
    pub caption: String,
    /// The id of the source the caption and the annotations quote.
    pub source: String,
    /// Short texts drawn on the chart with a leader line to a band or an actor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
}

/// A short text pinned to a mark of a step's picture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// The mark, in the `sel=` syntax: `actor:ID` or `band:SOURCE:TARGET:KIND`.
    pub on: String,
    /// A few words of the step's source, as written there.
    pub text: String,
}

/// The editor's pins on the order of the actors (`docs/data-format.md`, "Order"): the
/// crossing search keeps them as hard constraints in every view. Top to bottom throughout.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderPins {
    /// Chains of actor ids among the givers (the left column): each above the next.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub givers: Vec<Vec<String>>,
    /// Chains of actor ids among the receivers (the right column): each above the next.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receivers: Vec<Vec<String>>,
    /// Actors above every other actor of their column, in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub top: Vec<String>,
    /// Actors below every other actor of their column, in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bottom: Vec<String>,
}

/// The editor's first view: filters in the URL-hash syntax (`reader::url_state`), and the
/// line that says what is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstView {
    /// E.g. `"show=arms,money,troops,diplomatic,violence"`.
    pub hash: String,
    /// E.g. `"Arms, money, troops and diplomatic support, and violence against civilians"`.
    pub caption: String,
}

/// The counts of the dataset's coverage ledger (`data/NAME.coverage.json`): every sentence
/// of the source documents that names an actor, read and either cited by flows or excluded
/// with a reason. Carried in the dataset so that the page can say it without the sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub read: u32,
    pub cited: u32,
    pub excluded: u32,
}

impl Dataset {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.id == id)
    }

    /// The family of kind `kind_id`, if the kind declares one that exists.
    pub fn family_of(&self, kind_id: &str) -> Option<&Family> {
        self.family(self.kind(kind_id)?.family.as_deref()?)
    }

    /// The kinds of family `family_id`, in legend order.
    pub fn kinds_of<'a>(&'a self, family_id: &'a str) -> impl Iterator<Item = &'a Kind> + 'a {
        self.kinds
            .iter()
            .filter(move |k| k.family.as_deref() == Some(family_id))
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The actor `id` folds into when groups are folded: its group's group, and so on to the
    /// top (Wagner → Russia). An actor without a group folds into itself. Stops safely on an
    /// unknown group or a cycle (which `validate` rejects).
    pub fn group_root<'a>(&'a self, id: &'a str) -> &'a str {
        let mut current = id;
        for _ in 0..self.actors.len() {
            match self.actor(current).and_then(|a| a.group.as_deref()) {
                Some(group) if self.actor(group).is_some() => current = group,
                _ => break,
            }
        }
        current
    }
}

/// A document the flows are taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), only where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// File name of the document's text, for checking quotes (`validate --sources DIR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Source {
    /// "Kristen Anna, Mohamed Keita, Human Rights Foundation, 2023-08-11": authors, publisher
    /// and date as far as known; None when none is.
    pub fn byline(&self) -> Option<String> {
        let parts: Vec<&str> = self
            .authors
            .iter()
            .map(String::as_str)
            .chain(self.publisher.as_deref())
            .chain(self.date.as_deref())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// A family of kinds (military, diplomatic, ...): the legend's first level and the picture's
/// colour; its kinds are shades of its colour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub id: String,
    pub label: String,
    /// `#rrggbb`; distinguishable from every other family's colour, also under simulated
    /// colour-vision deficiencies (`validate`).
    pub color: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A period the editor names ("After the August 2020 coup"), bounded by partial dates: `from`
/// means its first day (2020-08 from 1 August), `to` its last (2021-11 to 30 November).
/// Periods of one dataset do not overlap (`validate`). A label that names an event carries the
/// document's words for its date (`source` and `quote`, checked like a flow's evidence).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedPeriod {
    pub id: String,
    pub label: String,
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A day as (year, month, day), the form `PartialDate::earliest` and `latest` give.
pub type Day = (i32, u8, u8);

impl NamedPeriod {
    /// Its first and last day; `None` if a bound is not a date (a dataset `validate` rejected).
    pub fn days(&self) -> Option<(Day, Day)> {
        let from = PartialDate::parse(&self.from).ok()?;
        let to = PartialDate::parse(&self.to).ok()?;
        Some((from.earliest(), to.latest()))
    }
}

/// A kind of flow (arms, money, ...), with its colour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub id: String,
    pub label: String,
    /// `#rrggbb`; must reach 3:1 contrast on both the light and the dark background. In a
    /// family, a shade of the family's colour.
    pub color: String,
    /// Id of the family this kind belongs to (required when the dataset declares families).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Someone who gives or receives: a state, an armed group, an organisation, ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub actor_type: ActorType,
    /// Id of the actor this one folds into when groups are folded (Wagner into Russia).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// A short form the documents use (e.g. "GPM"), drawn when the name does not fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorType {
    State,
    Government,
    ArmedForces,
    ArmedGroup,
    PrivateMilitaryCompany,
    InternationalOrganisation,
    RegionalOrganisation,
    CivilSociety,
    Media,
    Population,
    Person,
    Company,
    Other,
}

impl ActorType {
    pub const ALL: [ActorType; 13] = [
        ActorType::State,
        ActorType::Government,
        ActorType::ArmedForces,
        ActorType::ArmedGroup,
        ActorType::PrivateMilitaryCompany,
        ActorType::InternationalOrganisation,
        ActorType::RegionalOrganisation,
        ActorType::CivilSociety,
        ActorType::Media,
        ActorType::Population,
        ActorType::Person,
        ActorType::Company,
        ActorType::Other,
    ];

    /// The name used in the data files, e.g. `"private-military-company"`.
    pub fn id(self) -> &'static str {
        match self {
            ActorType::State => "state",
            ActorType::Government => "government",
            ActorType::ArmedForces => "armed-forces",
            ActorType::ArmedGroup => "armed-group",
            ActorType::PrivateMilitaryCompany => "private-military-company",
            ActorType::InternationalOrganisation => "international-organisation",
            ActorType::RegionalOrganisation => "regional-organisation",
            ActorType::CivilSociety => "civil-society",
            ActorType::Media => "media",
            ActorType::Population => "population",
            ActorType::Person => "person",
            ActorType::Company => "company",
            ActorType::Other => "other",
        }
    }
}

/// One documented transfer or act of support, from `source` to `target`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub id: String,
    pub source: String,
    pub target: String,
    pub kind: String,
    /// When it happened; absent where the documents give no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// How the document presents the flow.
    pub status: Status,
    /// A short neutral summary in the editors' words.
    pub summary: String,
    pub evidence: Vec<Evidence>,
}

impl Flow {
    /// The flow's checked period, `None` where the documents give no date (or, in a dataset
    /// that has not been through `validate`, where a date is malformed).
    pub fn period(&self) -> Option<Period> {
        self.when.as_ref()?.period().ok()
    }
}

/// A date or a period. Each bound is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; its form is its
/// precision. `end` absent means a single date (or period of that precision);
/// `ongoing: true` means still going at the document's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ongoing: bool,
}

impl When {
    /// Parses both bounds. `end` absent means the period is the start date itself.
    pub fn period(&self) -> Result<Period, DateError> {
        let start = PartialDate::parse(&self.start)?;
        let end = match &self.end {
            Some(end) => PartialDate::parse(end)?,
            None => start,
        };
        Ok(Period {
            start,
            end,
            ongoing: self.ongoing,
        })
    }
}

/// An amount as the document states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// The document's own words, e.g. "$10 million a month".
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// How a document presents a flow.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Stated by the document as fact.
    #[default]
    Fact,
    /// Reported, alleged, suspected or claimed by a party.
    Reported,
    /// Reported and denied by a party (the document says so).
    Denied,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Fact, Status::Reported, Status::Denied];

    /// The name used in the data files, e.g. `"reported"`.
    pub fn id(self) -> &'static str {
        match self {
            Status::Fact => "fact",
            Status::Reported => "reported",
            Status::Denied => "denied",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Fact => "stated as fact",
            Status::Reported => "reported or alleged",
            Status::Denied => "reported, and denied",
        }
    }
}

/// The exact words of a source document that support a flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub source: String,
    pub quote: String,
    /// Who the document says makes this claim ("media sources", "Zakharova"), where it
    /// attributes it; absent where the document says it in its own voice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// Who denies the flow in this quote, where the quote is a denial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denied_by: Option<String>,
    /// The figure this quote gives, in its own words ("more than 500"), where documents give
    /// several figures for the same thing: each stays with its quote and its speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
}

impl Evidence {
    /// Whether the document says this in its own voice (no speaker, no denial).
    pub fn in_own_voice(&self) -> bool {
        self.attributed_to.is_none() && self.denied_by.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_ids_are_the_serde_names() {
        for t in ActorType::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), t.id());
        }
        for s in Status::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.id());
        }
    }

    #[test]
    fn period_of_a_single_date_and_of_a_range() {
        let when = When {
            start: "2022-03".into(),
            end: None,
            ongoing: false,
        };
        let p = when.period().unwrap();
        assert_eq!(
            (p.start, p.end),
            (p.start, PartialDate::parse("2022-03").unwrap())
        );
        let when = When {
            start: "2013-01".into(),
            end: Some("2022-08".into()),
            ongoing: false,
        };
        assert_eq!(when.period().unwrap().years(2023), (2013, 2022));
        let bad = When {
            start: "2022-13".into(),
            end: None,
            ongoing: false,
        };
        assert_eq!(bad.period(), Err(DateError::MonthOutOfRange(13)));
    }
}
