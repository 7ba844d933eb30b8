//! The dataset as it is written in `data/*.json`: sources, kinds, actors and flows.
//!
//! These types mirror the file format one to one (see `docs/data-format.md`). They are
//! deserialised leniently (`deny_unknown_fields` aside) and then checked by `validate`,
//! which reports every problem with its JSON path; nothing downstream sees an unchecked
//! `Dataset`.

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
    pub kinds: Vec<Kind>,
    pub actors: Vec<Actor>,
    pub flows: Vec<Flow>,
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

/// A kind of flow (arms, money, ...), with its colour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    pub id: String,
    pub label: String,
    /// `#rrggbb`; must reach 3:1 contrast on both the light and the dark background.
    pub color: String,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Stated by the document as fact.
    Fact,
    /// Reported, alleged, suspected or claimed by a party.
    Reported,
    /// Reported and denied by a party (the document says so).
    Denied,
}

impl Status {
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
}
