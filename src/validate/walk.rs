//! The checks: one walk over the parsed JSON that knows the format, reporting every problem.
//!
//! Working on a `serde_json::Value` rather than on the typed `Dataset` means a wrong type or
//! an unknown field in one place does not stop the checks everywhere else. The ids of
//! sources, kinds and actors are gathered first, so references can be checked wherever
//! they occur. Each field list here matches `data/schema.json` (a test keeps them in step).

use super::colour::{self, MIN_CONTRAST};
use super::suggest::did_you_mean;
use super::{element, member, Problem};
use crate::colour::theme::Theme;
use crate::colour::Rgb;
use crate::data::model::{ActorType, Day, Status};
use crate::data::period::PartialDate;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The format tag this version reads.
pub const FORMAT: &str = "influence-flows/1";

/// The fields an object of one kind may have.
pub(crate) struct Fields {
    /// What the object is, for messages ("a flow").
    pub what: &'static str,
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
}

pub(crate) const DATASET: Fields = Fields {
    what: "a dataset",
    required: &["format", "title", "sources", "kinds", "actors", "flows"],
    optional: &[
        "subtitle", "updated", "families", "periods", "view", "coverage", "story", "order",
    ],
};
pub(crate) const ORDER: Fields = Fields {
    what: "the order's pins",
    required: &[],
    optional: &["givers", "receivers", "top", "bottom"],
};
pub(crate) const PERIOD: Fields = Fields {
    what: "a period",
    required: &["id", "label", "from", "to"],
    optional: &["source", "quote"],
};
pub(crate) const STEP: Fields = Fields {
    what: "a story step",
    required: &["id", "view", "caption", "source"],
    optional: &["highlight", "annotations"],
};
pub(crate) const ANNOTATION: Fields = Fields {
    what: "an annotation",
    required: &["on", "text"],
    optional: &[],
};

/// The longest annotation, in characters: a label on the chart, not a paragraph.
pub const ANNOTATION_CHARS: usize = 40;
pub(crate) const FAMILY: Fields = Fields {
    what: "a family",
    required: &["id", "label", "color"],
    optional: &["description"],
};
pub(crate) const FIRST_VIEW: Fields = Fields {
    what: "a first view",
    required: &["hash", "caption"],
    optional: &[],
};
pub(crate) const COVERAGE: Fields = Fields {
    what: "coverage counts",
    required: &["read", "cited", "excluded"],
    optional: &[],
};
pub(crate) const SOURCE: Fields = Fields {
    what: "a source",
    required: &["id", "title"],
    optional: &["publisher", "authors", "date", "url", "file"],
};
pub(crate) const KIND: Fields = Fields {
    what: "a kind",
    required: &["id", "label", "color"],
    optional: &["family", "description"],
};
pub(crate) const ACTOR: Fields = Fields {
    what: "an actor",
    required: &["id", "name", "type"],
    optional: &["group", "aliases", "short"],
};
pub(crate) const FLOW: Fields = Fields {
    what: "a flow",
    required: &[
        "id", "source", "target", "kind", "status", "summary", "evidence",
    ],
    optional: &["when", "amount"],
};
pub(crate) const WHEN: Fields = Fields {
    what: "a when",
    required: &["start"],
    optional: &["end", "ongoing"],
};
pub(crate) const AMOUNT: Fields = Fields {
    what: "an amount",
    required: &["text"],
    optional: &["value", "unit"],
};
pub(crate) const EVIDENCE: Fields = Fields {
    what: "an evidence item",
    required: &["source", "quote"],
    optional: &["attributed_to", "denied_by", "figure"],
};

/// Checks a parsed dataset; problems carry paths but no lines.
pub(crate) fn check(root: &Value) -> Vec<Problem> {
    let mut checker = Checker {
        problems: Vec::new(),
        known: Known::gather(root),
        suggestions_left: SUGGESTIONS,
    };
    checker.dataset(root);
    checker.problems
}

/// Ids declared in the dataset, gathered before the walk so references can be checked.
#[derive(Default)]
struct Known {
    sources: Ids,
    families: Ids,
    kinds: Ids,
    actors: Ids,
    /// Latest day each dated source may mean, for "after the document" warnings.
    source_dates: HashMap<String, (i32, u8, u8)>,
}

impl Known {
    fn gather(root: &Value) -> Known {
        let ids = |key: &str| -> Ids {
            let items = root.get(key).and_then(Value::as_array);
            let list: Vec<String> = items
                .into_iter()
                .flatten()
                .filter_map(|item| item.get("id")?.as_str().map(str::to_string))
                .collect();
            Ids {
                set: list.iter().cloned().collect(),
                list,
            }
        };
        let mut source_dates = HashMap::new();
        for source in root
            .get("sources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let id = source.get("id").and_then(Value::as_str);
            let date = source
                .get("date")
                .and_then(Value::as_str)
                .map(PartialDate::parse);
            if let (Some(id), Some(Ok(date))) = (id, date) {
                source_dates.insert(id.to_string(), date.latest());
            }
        }
        Known {
            sources: ids("sources"),
            families: ids("families"),
            kinds: ids("kinds"),
            actors: ids("actors"),
            source_dates,
        }
    }
}

/// The ids of one list, in order (for suggestions) and as a set (for look-ups).
#[derive(Default)]
struct Ids {
    list: Vec<String>,
    set: HashSet<String>,
}

/// Which declared ids a reference names.
#[derive(Clone, Copy)]
enum Which {
    Sources,
    Families,
    Kinds,
    Actors,
}

/// How many unknown references get a "did you mean" (each compares with every declared id,
/// so a hostile dataset of unknown references must not make checking slow).
const SUGGESTIONS: usize = 1000;

struct Checker {
    problems: Vec<Problem>,
    known: Known,
    suggestions_left: usize,
}

/// What a flow uses, for the "declared but never used" warnings.
#[derive(Default)]
struct Used {
    actors: HashSet<String>,
    kinds: HashSet<String>,
    sources: HashSet<String>,
}

impl Checker {
    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem::error(path, message));
    }

    fn warning(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem::warning(path, message));
    }

    // ------------------------------------------------------------ the format, top down

    fn dataset(&mut self, root: &Value) {
        let Some(obj) = self.object(root, "", &DATASET) else {
            return;
        };
        if let Some(format) = self.text(obj, "", "format") {
            if format != FORMAT {
                self.error(
                    "format",
                    format!("unknown format \"{format}\"; this version reads \"{FORMAT}\""),
                );
            }
        }
        self.text(obj, "", "title");
        self.text(obj, "", "subtitle");
        if let Some(date) = self.date(obj, "", "updated") {
            if date.day.is_none() {
                self.error("updated", "give the full date of the last edit, YYYY-MM-DD");
            }
        }
        if let Some(coverage) = obj.get("coverage") {
            self.coverage(coverage);
        }

        let mut used = Used::default();
        let sources = self.collection(obj, "sources", Self::source);
        let families = self.collection(obj, "families", Self::family);
        let kinds = self.collection(obj, "kinds", Self::kind);
        let actors = self.collection(obj, "actors", Self::actor);
        self.families(obj, families);
        self.colour_pairs(obj);
        self.first_view(obj);
        self.periods(obj);
        self.story(obj);
        self.group_cycles(obj);
        self.order_pins(obj);
        let Some(flows) = self.list(obj, "", "flows") else {
            return;
        };
        let mut flow_ids = HashMap::new();
        for (i, flow) in flows.iter().enumerate() {
            let path = element("flows", i);
            if let Some(id) = self.flow(flow, &path, &mut used) {
                self.unique(&mut flow_ids, id, &path, "flows");
            }
        }

        self.unused(
            sources,
            &used.sources,
            "source",
            "is not cited by any evidence",
        );
        self.unused(kinds, &used.kinds, "kind", "is not the kind of any flow");
        let groups: HashSet<String> = obj
            .get("actors")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|a| a.get("group")?.as_str().map(str::to_string))
            .collect();
        let used_actors: HashSet<String> = used.actors.union(&groups).cloned().collect();
        self.unused(
            actors,
            &used_actors,
            "actor",
            "is in no flow and groups no actor",
        );
    }

    /// Checks each item of a top-level list with `check_item`, and that their ids are unique.
    /// Returns the ids with their item's path.
    fn collection(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        check_item: fn(&mut Self, &Value, &str) -> Option<String>,
    ) -> Vec<(String, String)> {
        let items = self.list(obj, "", key).unwrap_or_default();
        let mut seen = HashMap::new();
        let mut ids = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = element(key, i);
            if let Some(id) = check_item(self, item, &path) {
                self.unique(&mut seen, id.clone(), &path, key);
                ids.push((id, path));
            }
        }
        ids
    }

    fn unique(&mut self, seen: &mut HashMap<String, String>, id: String, path: &str, key: &str) {
        if let Some(first) = seen.get(&id) {
            let message = format!(
                "duplicate id \"{id}\" ({first} has it too); ids must be unique among {key}"
            );
            self.error(&member(path, "id"), message);
        } else {
            seen.insert(id, path.to_string());
        }
    }

    fn unused(
        &mut self,
        declared: Vec<(String, String)>,
        used: &HashSet<String>,
        what: &str,
        why: &str,
    ) {
        for (id, path) in declared {
            if !used.contains(&id) {
                self.warning(&path, format!("{what} \"{id}\" {why}; remove it or use it"));
            }
        }
    }

    fn source(&mut self, value: &Value, path: &str) -> Option<String> {
        let obj = self.object(value, path, &SOURCE)?;
        self.text(obj, path, "title");
        self.text(obj, path, "publisher");
        self.strings(obj, path, "authors");
        self.date(obj, path, "date");
        if let Some(url) = self.text(obj, path, "url") {
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"));
            let is_web_address = match rest {
                Some(rest) => !rest.is_empty() && !rest.contains(char::is_whitespace),
                None => false,
            };
            if !is_web_address {
                self.error(
                    &member(path, "url"),
                    format!("\"{url}\" is not a web address; give a full http:// or https:// URL"),
                );
            }
        }
        if let Some(file) = self.text(obj, path, "file") {
            if file.contains(['/', '\\']) || file == "." || file == ".." {
                self.error(
                    &member(path, "file"),
                    format!("\"{file}\" is not a plain file name; give the name of the text file inside the sources folder, without folders"),
                );
            }
        }
        self.id(obj, path)
    }

    fn family(&mut self, value: &Value, path: &str) -> Option<String> {
        let obj = self.object(value, path, &FAMILY)?;
        self.text(obj, path, "label");
        self.text(obj, path, "description");
        self.colour(obj, path);
        let id = self.id(obj, path)?;
        if self.known.kinds.set.contains(&id) {
            self.error(
                &member(path, "id"),
                format!("family \"{id}\" has the id of a kind; links name kinds and families alike (#hide={id}), so give the family another id"),
            );
        }
        Some(id)
    }

    fn kind(&mut self, value: &Value, path: &str) -> Option<String> {
        let obj = self.object(value, path, &KIND)?;
        self.text(obj, path, "label");
        self.text(obj, path, "description");
        self.colour(obj, path);
        let id = self.id(obj, path);
        if obj.contains_key("family") {
            self.reference(obj, path, "family", Which::Families, "family");
        } else if !self.known.families.list.is_empty() {
            let families = self.known.families.list.join(", ");
            self.error(
                path,
                format!("kind \"{}\" has no \"family\"; this dataset declares families, so give it one of: {families}", id.as_deref().unwrap_or("?")),
            );
        }
        id
    }

    /// A `color` field: `#rrggbb`, with 3:1 contrast on both themes' backgrounds.
    fn colour(&mut self, obj: &Map<String, Value>, path: &str) {
        let Some(color) = self.text(obj, path, "color") else {
            return;
        };
        let color_path = member(path, "color");
        match Rgb::parse(color) {
            None => self.error(
                &color_path,
                format!("\"{color}\" is not a colour; write it as #rrggbb, e.g. \"#0072b2\""),
            ),
            Some(rgb) => {
                let (light, dark) = colour::contrast_on_backgrounds(rgb);
                for (contrast, background, name, fix) in [
                    (light, Theme::LIGHT.background.hex(), "light", "darker"),
                    (dark, Theme::DARK.background.hex(), "dark", "lighter"),
                ] {
                    if contrast < MIN_CONTRAST {
                        self.error(
                            &color_path,
                            format!(
                                "\"{color}\" has contrast {contrast:.2}:1 on the {name} background {background}; it needs at least {MIN_CONTRAST}:1 on both backgrounds, so pick a {fix} colour"
                            ),
                        );
                    }
                }
            }
        }
    }

    /// At most `MAX_FAMILIES` families, each with at least one kind.
    fn families(&mut self, obj: &Map<String, Value>, families: Vec<(String, String)>) {
        if families.len() > colour::MAX_FAMILIES {
            self.error(
                "families",
                format!(
                    "{} families; a reader tells at most {} colours apart, so merge some",
                    families.len(),
                    colour::MAX_FAMILIES
                ),
            );
        }
        let with_kinds: HashSet<&str> = list_of(obj, "kinds")
            .filter_map(|k| k.get("family")?.as_str())
            .collect();
        for (id, path) in families {
            if !with_kinds.contains(id.as_str()) {
                self.warning(
                    &path,
                    format!("family \"{id}\" has no kinds; remove it, or give kinds \"family\": \"{id}\""),
                );
            }
        }
    }

    /// The picture's colours (the families', or the kinds' where there are none) must stay
    /// apart under normal vision and three simulated colour-vision deficiencies, as bands
    /// are drawn on both themes; and each kind's colour must be a shade of its family's.
    fn colour_pairs(&mut self, obj: &Map<String, Value>) {
        let coloured = |key: &'static str| -> Vec<colour::Swatch> {
            list_of(obj, key)
                .enumerate()
                .filter_map(|(i, item)| {
                    Some(colour::Swatch {
                        id: id_of(item)?.to_string(),
                        path: element(key, i),
                        rgb: Rgb::parse(item.get("color")?.as_str()?)?,
                    })
                })
                .collect()
        };
        let families = coloured("families");
        let (what, swatches) = if families.is_empty() {
            ("kind", coloured("kinds"))
        } else {
            ("family", families.clone())
        };
        for clash in colour::too_close(&swatches) {
            let (one, two) = (&swatches[clash.one], &swatches[clash.two]);
            // Kinds without families (a dataset from before them, often of a dozen colours)
            // get a warning: the check is new, and grouping the kinds is the fix.
            let report = if what == "family" {
                Self::error
            } else {
                Self::warning
            };
            report(
                self,
                &member(&two.path, "color"),
                format!(
                    "{what} \"{}\" ({}) and {what} \"{}\" ({}, {}) differ by only ΔE00 {:.1} under {} on the {} background; bands need at least {} (CIEDE2000 after a Machado 2009 simulation), so pick colours further apart",
                    two.id, two.rgb.hex(), one.id, one.rgb.hex(), one.path, clash.difference, clash.vision.name(), clash.theme, colour::MIN_DIFFERENCE
                ),
            );
        }
        if families.is_empty() {
            return;
        }
        for (i, kind) in list_of(obj, "kinds").enumerate() {
            let (Some(rgb), Some(family)) = (
                kind.get("color")
                    .and_then(Value::as_str)
                    .and_then(Rgb::parse),
                kind.get("family").and_then(Value::as_str),
            ) else {
                continue;
            };
            if let Some(nearest) = colour::nearest(rgb, &families) {
                if nearest.id != family && families.iter().any(|f| f.id == family) {
                    self.error(
                        &member(&element("kinds", i), "color"),
                        format!(
                            "{} is nearer the colour of family \"{}\" ({}) than that of its own family \"{family}\"; give a kind a lighter or darker shade of its family's colour",
                            rgb.hex(), nearest.id, nearest.rgb.hex()
                        ),
                    );
                }
            }
        }
    }

    /// The editor's first view: its hash is read like a link's, later (`validate::check`),
    /// when the dataset it names is known.
    fn first_view(&mut self, obj: &Map<String, Value>) {
        let Some(value) = obj.get("view") else {
            return;
        };
        if let Some(view) = self.object(value, "view", &FIRST_VIEW) {
            self.text(view, "view", "caption");
            self.text(view, "view", "hash");
        }
    }

    /// The editor's named periods: dates, each ending after it starts, no two overlapping
    /// (a flow would be drawn in two panels of `by=period` for one reason), ids unique, and a
    /// quote only with the source it comes from.
    fn periods(&mut self, obj: &Map<String, Value>) {
        let mut spans: Vec<(String, Day, Day)> = Vec::new();
        let items = self.list(obj, "", "periods").unwrap_or_default();
        let mut seen = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let path = element("periods", i);
            let Some(period) = self.object(item, &path, &PERIOD) else {
                continue;
            };
            if let Some(id) = self.id(period, &path) {
                self.unique(&mut seen, id, &path, "periods");
            }
            self.text(period, &path, "label");
            let from = self.date(period, &path, "from");
            let to = self.date(period, &path, "to");
            if period.contains_key("source") {
                self.reference(period, &path, "source", Which::Sources, "source");
                if !period.contains_key("quote") {
                    self.error(&path, "a period that names a source needs its \"quote\": the document's words for the date");
                }
            }
            if self.text(period, &path, "quote").is_some() && !period.contains_key("source") {
                self.error(
                    &member(&path, "quote"),
                    "a quote needs its \"source\": the id of the document it comes from",
                );
            }
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if to.latest() < from.earliest() {
                self.error(
                    &member(&path, "to"),
                    format!(
                        "the period ends ({to}) before it starts ({from}); swap or fix the dates"
                    ),
                );
                continue;
            }
            let (first, last) = (from.earliest(), to.latest());
            if let Some((other, ..)) = spans.iter().find(|(_, a, b)| first <= *b && *a <= last) {
                self.error(
                    &member(&path, "from"),
                    format!("the period overlaps {other}; periods may not share a day (a flow would count in both): end one before the other starts, e.g. \"to\": \"2020-07\" and \"from\": \"2020-08\""),
                );
            }
            spans.push((path, first, last));
        }
    }

    /// The story's steps: their fields, unique ids, a caption and a cited source. Their views,
    /// highlights and annotation marks are read like links later (`reader::story::problems`),
    /// when the dataset they name is known; their words are checked against the documents by
    /// `quotes::check_quotes`.
    fn story(&mut self, obj: &Map<String, Value>) {
        let Some(steps) = self.list(obj, "", "story") else {
            return;
        };
        let mut ids = HashMap::new();
        for (i, value) in steps.iter().enumerate() {
            let path = element("story", i);
            let Some(step) = self.object(value, &path, &STEP) else {
                continue;
            };
            if let Some(id) = self.id(step, &path) {
                self.unique(&mut ids, id, &path, "story steps");
            }
            self.text(step, &path, "view");
            self.text(step, &path, "highlight");
            self.text(step, &path, "caption");
            self.reference(step, &path, "source", Which::Sources, "source");
            let Some(annotations) = self.list(step, &path, "annotations") else {
                continue;
            };
            for (j, value) in annotations.iter().enumerate() {
                let at = element(&member(&path, "annotations"), j);
                let Some(annotation) = self.object(value, &at, &ANNOTATION) else {
                    continue;
                };
                self.text(annotation, &at, "on");
                if let Some(text) = self.text(annotation, &at, "text") {
                    let chars = text.chars().count();
                    if chars > ANNOTATION_CHARS {
                        self.error(
                            &member(&at, "text"),
                            format!("{chars} characters; an annotation is a label of at most {ANNOTATION_CHARS}: quote fewer words and put the rest in the caption"),
                        );
                    }
                }
            }
        }
    }

    fn actor(&mut self, value: &Value, path: &str) -> Option<String> {
        let obj = self.object(value, path, &ACTOR)?;
        self.text(obj, path, "name");
        let types: Vec<&str> = ActorType::ALL.iter().map(|t| t.id()).collect();
        self.one_of(obj, path, "type", &types, "actor type");
        self.strings(obj, path, "aliases");
        self.text(obj, path, "short");
        let id = self.id(obj, path);
        if let Some(group) = self.reference(obj, path, "group", Which::Actors, "actor") {
            if Some(group) == id.as_deref() {
                self.error(
                    &member(path, "group"),
                    "an actor cannot be its own group; leave \"group\" out",
                );
            }
        }
        id
    }

    /// Groups must not form a cycle (a → b → a), or folding would never end. Each actor's
    /// chain of groups is walked once, so a long chain does not make checking slow.
    fn group_cycles(&mut self, obj: &Map<String, Value>) {
        let Some(actors) = obj.get("actors").and_then(Value::as_array) else {
            return;
        };
        let group_of: HashMap<&str, &str> = actors
            .iter()
            .filter_map(|a| Some((id_of(a)?, a.get("group")?.as_str()?)))
            .collect();
        let mut cycles: Vec<Vec<&str>> = Vec::new();
        // Actor id → (its cycle, its place in it).
        let mut in_cycle: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut done: HashSet<&str> = HashSet::new();
        for start in actors.iter().filter_map(id_of) {
            let mut path: Vec<&str> = Vec::new();
            let mut on_path: HashMap<&str, usize> = HashMap::new();
            let mut current = start;
            while !done.contains(current) {
                if let Some(&at) = on_path.get(current) {
                    // An actor that is its own group is reported where "group" is checked.
                    if path.len() - at > 1 {
                        for (place, &member) in path[at..].iter().enumerate() {
                            in_cycle.insert(member, (cycles.len(), place));
                        }
                        cycles.push(path[at..].to_vec());
                    }
                    break;
                }
                on_path.insert(current, path.len());
                path.push(current);
                match group_of.get(current) {
                    Some(&next) => current = next,
                    None => break,
                }
            }
            done.extend(path);
        }
        for (i, actor) in actors.iter().enumerate() {
            let Some(&(cycle, place)) = id_of(actor).and_then(|id| in_cycle.get(id)) else {
                continue;
            };
            let cycle = &cycles[cycle];
            // The cycle from this actor round to it again; a long one is cut short.
            let around = cycle[place..].iter().chain(&cycle[..place]).copied();
            let mut chain: Vec<&str> = around.take(6).collect();
            if cycle.len() > 6 {
                chain[5] = "…";
            }
            chain.push(cycle[place]);
            let message = format!(
                "groups form a cycle ({}); an actor cannot fold into itself, so remove one of these groups",
                chain.join(" → ")
            );
            self.error(&member(&element("actors", i), "group"), message);
        }
    }

    /// The editor's pins on the order (`order`): chains of known actors, top and bottom
    /// lists, and no contradiction among them on either side (givers, receivers), each
    /// reported at the pin that closes it.
    fn order_pins(&mut self, obj: &Map<String, Value>) {
        let Some(value) = obj.get("order") else {
            return;
        };
        let Some(order) = self.object(value, "order", &ORDER) else {
            return;
        };
        let top = self.pinned_list(order, "top");
        let bottom = self.pinned_list(order, "bottom");
        for (actor, path) in &bottom {
            if let Some((_, at)) = top.iter().find(|(a, _)| a == actor) {
                self.error(
                    path,
                    format!(
                        "\"{actor}\" is pinned to the top as well ({at}); an actor cannot be both at the top and at the bottom: remove one"
                    ),
                );
            }
        }
        let both: Vec<&String> = bottom
            .iter()
            .filter(|(a, _)| top.iter().any(|(t, _)| t == a))
            .map(|(a, _)| a)
            .collect();
        let top: Vec<(String, String)> = top
            .iter()
            .filter(|(a, _)| !both.contains(&a))
            .cloned()
            .collect();
        let bottom: Vec<(String, String)> = bottom
            .iter()
            .filter(|(a, _)| !both.contains(&a))
            .cloned()
            .collect();
        for side in ["givers", "receivers"] {
            let chains = self.chains(order, side);
            self.contradictions(side, &chains, &top, &bottom);
        }
    }

    /// A list of known actors, each once: (actor, path) for each.
    fn pinned_list(&mut self, order: &Map<String, Value>, key: &str) -> Vec<(String, String)> {
        let Some(items) = self.list(order, "order", key) else {
            return Vec::new();
        };
        let path = member("order", key);
        self.pinned_actors(items, &path)
    }

    /// Each item a known actor, none twice.
    fn pinned_actors(&mut self, items: &[Value], path: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = element(path, i);
            let Some(id) = self.actor_named(item, &at) else {
                continue;
            };
            if let Some((_, first)) = out.iter().find(|(a, _)| *a == id) {
                let message =
                    format!("\"{id}\" is already in this list ({first}); name each actor once");
                self.error(&at, message);
                continue;
            }
            out.push((id, at));
        }
        out
    }

    /// The id of a declared actor at `path`, or `None` (reported, with a suggestion).
    fn actor_named(&mut self, item: &Value, path: &str) -> Option<String> {
        let Some(id) = item.as_str() else {
            self.error(
                path,
                format!("expected an actor id, found {}", describe(item)),
            );
            return None;
        };
        if self.known.actors.set.contains(id) {
            return Some(id.to_string());
        }
        let hint = if self.suggestions_left > 0 {
            self.suggestions_left -= 1;
            did_you_mean(id, self.known.actors.list.iter().map(String::as_str))
        } else {
            String::new()
        };
        self.error(
            path,
            format!("unknown actor \"{id}\"{hint}; pin the id of a declared actor"),
        );
        None
    }

    /// The chains of one side (`order.givers`): lists of known actors, each above the next.
    fn chains(&mut self, order: &Map<String, Value>, side: &str) -> Vec<Vec<(String, String)>> {
        let Some(items) = self.list(order, "order", side) else {
            return Vec::new();
        };
        let path = member("order", side);
        let mut chains = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = element(&path, i);
            let Some(list) = item.as_array() else {
                self.error(
                    &at,
                    format!(
                        "expected a chain of actor ids [\"above\", \"below\", …], found {}",
                        describe(item)
                    ),
                );
                continue;
            };
            let chain = self.pinned_actors(list, &at);
            if list.len() < 2 {
                self.warning(&at, "a chain of fewer than two actors orders nothing; add the actor it should be above or below, or remove it");
            }
            chains.push(chain);
        }
        chains
    }

    /// Pins of one side that contradict the ones before them: the top list, the bottom list,
    /// then the chains in order; each pin "a above b" is refused where the pins before it
    /// already lead from b to a.
    fn contradictions(
        &mut self,
        side: &str,
        chains: &[Vec<(String, String)>],
        top: &[(String, String)],
        bottom: &[(String, String)],
    ) {
        // (above, below) → path of the pin that says so.
        let mut pins: Vec<(String, String, String)> = Vec::new();
        for list in [top, bottom] {
            for w in list.windows(2) {
                pins.push((w[0].0.clone(), w[1].0.clone(), w[1].1.clone()));
            }
        }
        let pinned = |a: &str| top.iter().chain(bottom).any(|(x, _)| x == a);
        let in_chains: Vec<&str> = chains.iter().flatten().map(|(a, _)| a.as_str()).collect();
        for &a in &in_chains {
            if pinned(a) {
                continue;
            }
            if let Some((t, at)) = top.last() {
                pins.push((t.clone(), a.to_string(), at.clone()));
            }
            if let Some((b, at)) = bottom.first() {
                pins.push((a.to_string(), b.clone(), at.clone()));
            }
        }
        for chain in chains {
            for w in chain.windows(2) {
                let (a, b, at) = (&w[0].0, &w[1].0, &w[1].1);
                if let Some(route) = route(&pins, b, a) {
                    let message = format!(
                        "\"{a}\" above \"{b}\" among the {side} contradicts the pins before it, which put \"{b}\" above \"{a}\" ({}, {}); remove one of them",
                        route.0.join(" above "),
                        route.1
                    );
                    self.error(at, message);
                    continue;
                }
                pins.push((a.clone(), b.clone(), at.clone()));
            }
        }
    }

    /// Checks one flow; returns its id.
    fn flow(&mut self, value: &Value, path: &str, used: &mut Used) -> Option<String> {
        let obj = self.object(value, path, &FLOW)?;
        let source = self.reference(obj, path, "source", Which::Actors, "actor");
        let target = self.reference(obj, path, "target", Which::Actors, "actor");
        if let (Some(source), Some(target)) = (source, target) {
            if source == target {
                self.error(
                    &member(path, "target"),
                    format!("the flow goes from \"{source}\" to itself; a flow needs two different actors"),
                );
            }
        }
        used.actors
            .extend([source, target].into_iter().flatten().map(str::to_string));
        if let Some(kind) = self.reference(obj, path, "kind", Which::Kinds, "kind") {
            used.kinds.insert(kind.to_string());
        }
        let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
        self.one_of(obj, path, "status", &statuses, "status");
        self.text(obj, path, "summary");
        if let Some(amount) = obj.get("amount") {
            self.amount(amount, &member(path, "amount"));
        }
        let (cited, voices) = self.evidence(obj, path);
        used.sources.extend(cited.iter().cloned());
        self.voices(obj, path, &voices);
        if let Some(when) = obj.get("when") {
            self.when(when, &member(path, "when"), &cited);
        }
        self.id(obj, path)
    }

    fn amount(&mut self, value: &Value, path: &str) {
        let Some(obj) = self.object(value, path, &AMOUNT) else {
            return;
        };
        self.text(obj, path, "text");
        let unit = self.text(obj, path, "unit");
        let number = self.number(obj, path, "value");
        if let Some(number) = number {
            if number < 0.0 {
                self.error(
                    &member(path, "value"),
                    format!("{number} is negative; an amount is a quantity given, 0 or more"),
                );
            }
        }
        match (obj.contains_key("value"), obj.contains_key("unit")) {
            (true, false) => self.error(
                &member(path, "unit"),
                "a value needs a unit saying what it counts (e.g. \"US dollars a month\")",
            ),
            (false, true) if unit.is_some() => self.error(
                &member(path, "value"),
                "a unit needs a value; leave both out where the document gives no number",
            ),
            _ => {}
        }
    }

    /// The counts of the coverage ledger: whole numbers, cited + excluded = read.
    fn coverage(&mut self, value: &Value) {
        let Some(obj) = self.object(value, "coverage", &COVERAGE) else {
            return;
        };
        let mut counts = [0u64; 3];
        for (count, key) in counts.iter_mut().zip(COVERAGE.required) {
            match obj.get(*key) {
                None => {}
                Some(v) => match v.as_u64().filter(|n| *n <= u64::from(u32::MAX)) {
                    Some(n) => *count = n,
                    None => self.error(
                        &member("coverage", key),
                        format!(
                            "expected a count of sentences (a whole number, 0 or more), found {}",
                            describe(v)
                        ),
                    ),
                },
            }
        }
        let [read, cited, excluded] = counts;
        if COVERAGE
            .required
            .iter()
            .all(|k| obj.get(*k).is_some_and(Value::is_u64))
            && cited + excluded != read
        {
            self.error(
                "coverage",
                format!("cited ({cited}) + excluded ({excluded}) is not read ({read}); every sentence read is either cited or excluded (run influence-flows coverage)"),
            );
        }
    }

    /// How the evidence presents the flow must match its status: a fact has a quote in the
    /// document's own voice, a denial names who denies, and a flow whose quotes give several
    /// figures picks none of them as its amount.
    fn voices(&mut self, obj: &Map<String, Value>, path: &str, voices: &Voices) {
        let status = obj.get("status").and_then(Value::as_str);
        if voices.items == 0 {
            return;
        }
        match status {
            Some("fact") if voices.own == 0 => {
                let speakers = voices.speakers.join("; ");
                self.error(
                    &member(path, "status"),
                    format!("every quote of this flow is attributed ({speakers}): the documents do not say it in their own voice, so its status is \"reported\" (or \"denied\" with denied_by)"),
                );
            }
            Some("denied") if voices.denials.is_empty() => self.error(
                &member(path, "status"),
                "a denied flow names who denies it: add the quote of the denial with \"denied_by\" (who denies), or use \"reported\"",
            ),
            Some(status) if status != "denied" => {
                for at in &voices.denials {
                    self.error(
                        &member(at, "denied_by"),
                        format!("this quote is a denial, so the flow's status is \"denied\", not \"{status}\""),
                    );
                }
            }
            _ => {}
        }
        if let (Some(first), true) = (voices.figures.first(), obj.contains_key("amount")) {
            self.error(
                &member(path, "amount"),
                format!("the evidence gives its own figures ({first} …); leave amount out, so that no one figure is picked over the others"),
            );
        }
    }

    /// Checks the evidence list; returns the ids of the sources it cites and who speaks in it.
    fn evidence(&mut self, obj: &Map<String, Value>, path: &str) -> (Vec<String>, Voices) {
        let mut voices = Voices::default();
        let Some(items) = self.list(obj, path, "evidence") else {
            return (Vec::new(), voices);
        };
        let list_path = member(path, "evidence");
        if items.is_empty() {
            self.error(
                &list_path,
                "a flow needs at least one evidence item: a source and its exact words",
            );
        }
        let mut cited = Vec::new();
        let mut quotes = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = element(&list_path, i);
            let Some(e) = self.object(item, &item_path, &EVIDENCE) else {
                continue;
            };
            if let Some(source) = self.reference(e, &item_path, "source", Which::Sources, "source")
            {
                cited.push(source.to_string());
            }
            let quote = self.text(e, &item_path, "quote");
            if let Some(quote) = quote {
                let source = e.get("source").and_then(Value::as_str).unwrap_or_default();
                if !quotes.insert((source, quote)) {
                    self.warning(
                        &member(&item_path, "quote"),
                        "the same quote from the same source is already given for this flow; remove one",
                    );
                }
            }
            let speaker = self.text(e, &item_path, "attributed_to");
            let denier = self.text(e, &item_path, "denied_by");
            voices.items += 1;
            match (speaker, denier) {
                (Some(_), Some(_)) => self.error(
                    &member(&item_path, "denied_by"),
                    "give attributed_to (who makes the claim) or denied_by (who denies it), not both; quote the claim and the denial as two evidence items",
                ),
                (Some(speaker), None) => {
                    if !voices.speakers.iter().any(|s| s == speaker) {
                        voices.speakers.push(speaker.to_string());
                    }
                }
                (None, Some(_)) => voices.denials.push(item_path.clone()),
                (None, None) if !e.contains_key("attributed_to") && !e.contains_key("denied_by") => {
                    voices.own += 1
                }
                (None, None) => {}
            }
            if let Some(figure) = self.text(e, &item_path, "figure") {
                voices.figures.push(format!("\"{figure}\""));
                // Exactly as in the quote (no forgiving of spaces or quote marks, so that
                // the page does not carry the quote check's normalisation).
                let within = quote.is_some_and(|q| q.contains(figure));
                if quote.is_some() && !within {
                    self.error(
                        &member(&item_path, "figure"),
                        format!("\"{figure}\" is not in the quote; a figure is the quote's own words for it, as written"),
                    );
                }
            }
        }
        (cited, voices)
    }

    fn when(&mut self, value: &Value, path: &str, cited: &[String]) {
        let Some(obj) = self.object(value, path, &WHEN) else {
            return;
        };
        let start = self.date(obj, path, "start");
        let end = self.date(obj, path, "end");
        self.boolean(obj, path, "ongoing");
        if let (Some(start), Some(end)) = (start, end) {
            if end.latest() < start.earliest() {
                self.error(
                    &member(path, "end"),
                    format!(
                        "the period ends ({end}) before it starts ({start}); swap or fix the dates"
                    ),
                );
            }
        }
        // A document cannot report what happened after it was written.
        let dates: Option<Vec<(i32, u8, u8)>> = cited
            .iter()
            .map(|s| self.known.source_dates.get(s).copied())
            .collect();
        let latest = dates.and_then(|dates| dates.into_iter().max());
        if let Some(latest) = latest {
            for (key, date) in [("start", start), ("end", end)] {
                if let Some(date) = date.filter(|d| d.earliest() > latest) {
                    let (y, m, d) = latest;
                    self.warning(
                        &member(path, key),
                        format!("{date} is after the date of every document this flow cites (the latest is {y:04}-{m:02}-{d:02}); check the date"),
                    );
                }
            }
        }
    }

    // ------------------------------------------------------------ field helpers

    /// Checks that `value` is an object with the right fields: reports every unknown field
    /// (with the nearest known name) and every missing required one.
    fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        fields: &Fields,
    ) -> Option<&'v Map<String, Value>> {
        let Some(obj) = value.as_object() else {
            let at = if path.is_empty() {
                "the document"
            } else {
                path
            };
            let message = format!(
                "{at} should be {} (an object {{ … }}), found {}",
                fields.what,
                describe(value)
            );
            self.error(path, message);
            return None;
        };
        let known = |key: &str| fields.required.contains(&key) || fields.optional.contains(&key);
        for key in obj.keys() {
            if !known(key) {
                let allowed: Vec<&str> = fields
                    .required
                    .iter()
                    .chain(fields.optional)
                    .copied()
                    .collect();
                let message = format!(
                    "unknown field \"{key}\"{}; {} has: {}",
                    did_you_mean(key, allowed.iter().copied()),
                    fields.what,
                    allowed.join(", ")
                );
                self.error(&member(path, key), message);
            }
        }
        for key in fields.required {
            if !obj.contains_key(*key) {
                self.error(
                    &member(path, key),
                    format!("missing required field \"{key}\""),
                );
            }
        }
        Some(obj)
    }

    /// A non-blank string field; `None` if absent or wrong (reported).
    fn text<'v>(&mut self, obj: &'v Map<String, Value>, path: &str, key: &str) -> Option<&'v str> {
        let value = obj.get(key)?;
        match value.as_str() {
            Some(text) => self.text_value(text, || member(path, key)).then_some(text),
            None => {
                self.error(
                    &member(path, key),
                    format!("expected a string, found {}", describe(value)),
                );
                None
            }
        }
    }

    /// Reports a string that is blank or holds a control character, at `path()`; true if
    /// it is neither.
    fn text_value(&mut self, text: &str, path: impl FnOnce() -> String) -> bool {
        if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
            self.error(&path(), "must not be empty");
            return false;
        }
        if let Some(c) = text.chars().find(|&c| is_hidden_control(c)) {
            self.error(
                &path(),
                format!(
                    "contains the control character U+{:04X}; remove it (control characters can hide, reorder or garble text)",
                    u32::from(c)
                ),
            );
            return false;
        }
        true
    }

    /// The object's `id`: non-blank and kebab-case.
    fn id(&mut self, obj: &Map<String, Value>, path: &str) -> Option<String> {
        let id = self.text(obj, path, "id")?;
        if !is_kebab_case(id) {
            self.error(
                &member(path, "id"),
                format!("id \"{id}\" is not kebab-case; use lowercase letters, digits and single hyphens, e.g. \"{}\"", kebab_case(id)),
            );
        }
        Some(id.to_string())
    }

    /// A string naming one of `known`.
    fn reference<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        key: &str,
        which: Which,
        what: &str,
    ) -> Option<&'v str> {
        let id = self.text(obj, path, key)?;
        let known = match which {
            Which::Sources => &self.known.sources,
            Which::Families => &self.known.families,
            Which::Kinds => &self.known.kinds,
            Which::Actors => &self.known.actors,
        };
        if known.set.contains(id) {
            Some(id)
        } else {
            let hint = if self.suggestions_left > 0 {
                self.suggestions_left -= 1;
                did_you_mean(id, known.list.iter().map(String::as_str))
            } else {
                String::new()
            };
            let message = format!(
                "unknown {what} \"{id}\"{hint}; declare it or use the id of one that is declared"
            );
            self.error(&member(path, key), message);
            None
        }
    }

    /// A string that must be one of a fixed set (status, actor type).
    fn one_of(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        key: &str,
        allowed: &[&str],
        what: &str,
    ) {
        let Some(word) = self.text(obj, path, key) else {
            return;
        };
        if !allowed.contains(&word) {
            let message = format!(
                "unknown {what} \"{word}\"{}; use one of: {}",
                did_you_mean(word, allowed.iter().copied()),
                allowed.join(", ")
            );
            self.error(&member(path, key), message);
        }
    }

    fn date(&mut self, obj: &Map<String, Value>, path: &str, key: &str) -> Option<PartialDate> {
        let text = self.text(obj, path, key)?;
        match PartialDate::parse(text) {
            Ok(date) => Some(date),
            Err(e) => {
                self.error(&member(path, key), format!("\"{text}\" is not a date: {e}"));
                None
            }
        }
    }

    fn list<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'v [Value]> {
        let value = obj.get(key)?;
        match value.as_array() {
            Some(items) => Some(items),
            None => {
                self.error(
                    &member(path, key),
                    format!("expected a list [ … ], found {}", describe(value)),
                );
                None
            }
        }
    }

    /// A list of non-blank strings (authors, aliases).
    fn strings(&mut self, obj: &Map<String, Value>, path: &str, key: &str) {
        let Some(items) = self.list(obj, path, key) else {
            return;
        };
        let list_path = member(path, key);
        for (i, item) in items.iter().enumerate() {
            let item_path = element(&list_path, i);
            match item.as_str() {
                Some(text) => {
                    self.text_value(text, || item_path.clone());
                }
                None => self.error(
                    &item_path,
                    format!("expected a string, found {}", describe(item)),
                ),
            }
        }
    }

    fn boolean(&mut self, obj: &Map<String, Value>, path: &str, key: &str) {
        if let Some(value) = obj.get(key) {
            if !value.is_boolean() {
                self.error(
                    &member(path, key),
                    format!("expected true or false, found {}", describe(value)),
                );
            }
        }
    }

    fn number(&mut self, obj: &Map<String, Value>, path: &str, key: &str) -> Option<f64> {
        let value = obj.get(key)?;
        match value.as_f64() {
            Some(number) if number.is_finite() => Some(number),
            _ => {
                let hint = if value.is_null() {
                    " (leave the field out where the document gives no number)"
                } else {
                    ""
                };
                self.error(
                    &member(path, key),
                    format!("expected a finite number, found {}{hint}", describe(value)),
                );
                None
            }
        }
    }
}

/// Who speaks in a flow's evidence, gathered to check its status.
#[derive(Default)]
struct Voices {
    /// Evidence items that are objects.
    items: usize,
    /// Items in the document's own voice.
    own: usize,
    /// Distinct `attributed_to`, in order.
    speakers: Vec<String>,
    /// Paths of the items with `denied_by`.
    denials: Vec<String>,
    /// Each `figure`, quoted.
    figures: Vec<String>,
}

/// The `id` of an item, if it is a string.
/// The items of a top-level list, none if it is missing or not a list.
/// A way from `from` down to `to` along the pins (above, below, path): the actors on it and
/// the paths of the pins it takes.
fn route(pins: &[(String, String, String)], from: &str, to: &str) -> Option<(Vec<String>, String)> {
    let mut came: HashMap<&str, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen: HashSet<&str> = HashSet::from([from]);
    while let Some(x) = queue.pop_front() {
        if x == to {
            let (mut actors, mut paths) = (vec![to.to_string()], Vec::new());
            let mut at = to;
            while let Some(&p) = came.get(at) {
                paths.push(pins[p].2.as_str());
                at = pins[p].0.as_str();
                actors.push(at.to_string());
            }
            actors.reverse();
            paths.reverse();
            paths.dedup();
            return Some((actors, paths.join(", ")));
        }
        for (i, (a, b, _)) in pins.iter().enumerate() {
            if a == x && seen.insert(b.as_str()) {
                came.insert(b.as_str(), i);
                queue.push_back(b.as_str());
            }
        }
    }
    None
}

fn list_of<'v>(obj: &'v Map<String, Value>, key: &str) -> impl Iterator<Item = &'v Value> {
    obj.get(key).and_then(Value::as_array).into_iter().flatten()
}

fn id_of(item: &Value) -> Option<&str> {
    item.get("id").and_then(Value::as_str)
}

/// How a JSON value reads in a message.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "…" } else { "" };
            format!("the string \"{short}{more}\"")
        }
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A character that shows nothing by itself: a string of only these (and white space) is
/// blank.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// A control character a text field must not hold: C0 and C1 controls other than tab and
/// line breaks (terminal escapes, NUL, bell), and the bidirectional embeddings, overrides and
/// isolates, which reorder how text around them reads.
pub(crate) fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Lowercase letters and digits in words joined by single hyphens: `wagner`, `un-security-council`.
fn is_kebab_case(id: &str) -> bool {
    id.split('-').all(|word| {
        !word.is_empty()
            && word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// A kebab-case version of `text`, for suggestions.
fn kebab_case(text: &str) -> String {
    let lower = crate::util::caseless::lower(text);
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "my-id".to_string()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_ids() {
        for good in ["wagner", "un-security-council", "flow-2022-03", "a1"] {
            assert!(is_kebab_case(good), "{good}");
        }
        for bad in [
            "Wagner",
            "wagner group",
            "wagner--group",
            "-wagner",
            "wagner-",
            "",
            "wagner_group",
            "éa",
        ] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
        assert_eq!(kebab_case("Wagner Group"), "wagner-group");
        assert_eq!(kebab_case("__"), "my-id");
    }

    /// The field lists here and the properties in `data/schema.json` must say the same.
    #[test]
    fn field_lists_match_the_schema() {
        let schema: Value = serde_json::from_str(include_str!("../../data/schema.json")).unwrap();
        let defs = &schema["$defs"];
        let objects = [
            (&schema, &DATASET),
            (&defs["source"], &SOURCE),
            (&defs["family"], &FAMILY),
            (&defs["kind"], &KIND),
            (&defs["view"], &FIRST_VIEW),
            (&defs["period"], &PERIOD),
            (&defs["actor"], &ACTOR),
            (&defs["flow"], &FLOW),
            (&defs["when"], &WHEN),
            (&defs["amount"], &AMOUNT),
            (&defs["evidence"], &EVIDENCE),
            (&defs["coverage"], &COVERAGE),
            (&defs["step"], &STEP),
            (&defs["annotation"], &ANNOTATION),
            (&defs["order"], &ORDER),
        ];
        for (object, fields) in objects {
            let mut in_schema: Vec<&str> = object["properties"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let mut in_code: Vec<&str> = fields
                .required
                .iter()
                .chain(fields.optional)
                .copied()
                .collect();
            crate::util::sort::sort(&mut in_schema);
            crate::util::sort::sort(&mut in_code);
            assert_eq!(in_schema, in_code, "{}", fields.what);
            let mut required: Vec<&str> = object["required"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let mut required_in_code = fields.required.to_vec();
            crate::util::sort::sort(&mut required);
            crate::util::sort::sort(&mut required_in_code);
            assert_eq!(required, required_in_code, "{}", fields.what);
            assert_eq!(
                object["additionalProperties"],
                Value::Bool(false),
                "{}",
                fields.what
            );
        }
        let types: Vec<&str> = defs["actor"]["properties"]["type"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            types,
            ActorType::ALL.iter().map(|t| t.id()).collect::<Vec<_>>()
        );
        let statuses: Vec<&str> = defs["flow"]["properties"]["status"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            statuses,
            Status::ALL.iter().map(|s| s.id()).collect::<Vec<_>>()
        );
        assert_eq!(schema["properties"]["format"]["const"], FORMAT);
    }
}
