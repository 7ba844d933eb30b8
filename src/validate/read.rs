//! Reads the typed model out of a `Value` the walk has checked, by hand.
//!
//! `serde_json::from_value::<Dataset>` would do the same, but its derived `Deserialize` code
//! against `Value` (a visitor per struct, field-name matching, `Map` and sequence access for
//! each type) costs tens of KB of wasm. The walk has already checked every field, so this
//! reader only moves values into place; it still fails, like serde would, on anything the
//! walk let through by mistake (a missing or unknown field, a wrong type), and the caller
//! reports that as a gap in the walk.

use crate::data::model::{
    Actor, ActorType, Amount, Annotation, Coverage, Dataset, Evidence, Family, FirstView, Flow,
    Kind, NamedPeriod, OrderPins, Source, Status, Step, When,
};
use serde_json::Value;

type Read<T> = Result<T, String>;

/// The dataset; its `flows` are read too (the caller takes them out first to read them one
/// by one with [`flow`]).
pub(crate) fn dataset(value: Value) -> Read<Dataset> {
    let mut o = Fields::new(value, "a dataset")?;
    let dataset = Dataset {
        format: o.string("format")?,
        title: o.string("title")?,
        subtitle: o.opt_string("subtitle")?,
        updated: o.opt_string("updated")?,
        sources: o.list("sources", true, source)?,
        families: o.list("families", false, family)?,
        kinds: o.list("kinds", true, kind)?,
        actors: o.list("actors", true, actor)?,
        flows: o.list("flows", true, flow)?,
        periods: o.list("periods", false, named_period)?,
        view: o.optional("view", first_view)?,
        coverage: o.optional("coverage", coverage)?,
        story: o.list("story", false, step)?,
        order: o.optional("order", order_pins)?,
    };
    o.finish(dataset)
}

fn step(value: Value) -> Read<Step> {
    let mut o = Fields::new(value, "a story step")?;
    let step = Step {
        id: o.string("id")?,
        view: o.string("view")?,
        highlight: o.opt_string("highlight")?,
        caption: o.string("caption")?,
        source: o.string("source")?,
        annotations: o.list("annotations", false, annotation)?,
    };
    o.finish(step)
}

fn annotation(value: Value) -> Read<Annotation> {
    let mut o = Fields::new(value, "an annotation")?;
    let annotation = Annotation {
        on: o.string("on")?,
        text: o.string("text")?,
    };
    o.finish(annotation)
}

fn order_pins(value: Value) -> Read<OrderPins> {
    let mut o = Fields::new(value, "the order's pins")?;
    let pins = OrderPins {
        givers: o.list("givers", false, strings)?,
        receivers: o.list("receivers", false, strings)?,
        top: o.list("top", false, string)?,
        bottom: o.list("bottom", false, string)?,
    };
    o.finish(pins)
}

fn strings(value: Value) -> Read<Vec<String>> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| string(item).map_err(|e| format!("[{i}]: {e}")))
            .collect(),
        other => Err(invalid(&other, "a sequence")),
    }
}

fn coverage(value: Value) -> Read<Coverage> {
    let mut o = Fields::new(value, "coverage counts")?;
    let mut count = |key: &str| -> Read<u32> {
        match o.take(key) {
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("{key}: {n} is not a count")),
            Some(other) => Err(invalid(&other, "a count")),
            None => Err(format!("missing field {key}")),
        }
    };
    let coverage = Coverage {
        read: count("read")?,
        cited: count("cited")?,
        excluded: count("excluded")?,
    };
    o.finish(coverage)
}

fn source(value: Value) -> Read<Source> {
    let mut o = Fields::new(value, "a source")?;
    let source = Source {
        id: o.string("id")?,
        title: o.string("title")?,
        publisher: o.opt_string("publisher")?,
        authors: o.list("authors", false, string)?,
        date: o.opt_string("date")?,
        url: o.opt_string("url")?,
        file: o.opt_string("file")?,
    };
    o.finish(source)
}

fn family(value: Value) -> Read<Family> {
    let mut o = Fields::new(value, "a family")?;
    let family = Family {
        id: o.string("id")?,
        label: o.string("label")?,
        color: o.string("color")?,
        description: o.opt_string("description")?,
    };
    o.finish(family)
}

fn kind(value: Value) -> Read<Kind> {
    let mut o = Fields::new(value, "a kind")?;
    let kind = Kind {
        id: o.string("id")?,
        label: o.string("label")?,
        color: o.string("color")?,
        family: o.opt_string("family")?,
        description: o.opt_string("description")?,
    };
    o.finish(kind)
}

fn named_period(value: Value) -> Read<NamedPeriod> {
    let mut o = Fields::new(value, "a period")?;
    let period = NamedPeriod {
        id: o.string("id")?,
        label: o.string("label")?,
        from: o.string("from")?,
        to: o.string("to")?,
        source: o.opt_string("source")?,
        quote: o.opt_string("quote")?,
    };
    o.finish(period)
}

fn first_view(value: Value) -> Read<FirstView> {
    let mut o = Fields::new(value, "a first view")?;
    let view = FirstView {
        hash: o.string("hash")?,
        caption: o.string("caption")?,
    };
    o.finish(view)
}

fn actor(value: Value) -> Read<Actor> {
    let mut o = Fields::new(value, "an actor")?;
    let actor = Actor {
        id: o.string("id")?,
        name: o.string("name")?,
        actor_type: variant(&o.string("type")?, &ActorType::ALL, |t| t.id())?,
        group: o.opt_string("group")?,
        aliases: o.list("aliases", false, string)?,
        short: o.opt_string("short")?,
    };
    o.finish(actor)
}

/// One flow.
pub(crate) fn flow(value: Value) -> Read<Flow> {
    let mut o = Fields::new(value, "a flow")?;
    let flow = Flow {
        id: o.string("id")?,
        source: o.string("source")?,
        target: o.string("target")?,
        kind: o.string("kind")?,
        when: o.optional("when", when)?,
        amount: o.optional("amount", amount)?,
        status: variant(&o.string("status")?, &Status::ALL, |s| s.id())?,
        summary: o.string("summary")?,
        evidence: o.list("evidence", true, evidence)?,
    };
    o.finish(flow)
}

fn when(value: Value) -> Read<When> {
    let mut o = Fields::new(value, "a date or period")?;
    let when = When {
        start: o.string("start")?,
        end: o.opt_string("end")?,
        ongoing: match o.take("ongoing") {
            None => false,
            Some(Value::Bool(b)) => b,
            Some(other) => return Err(invalid(&other, "a boolean")),
        },
    };
    o.finish(when)
}

fn amount(value: Value) -> Read<Amount> {
    let mut o = Fields::new(value, "an amount")?;
    let amount = Amount {
        text: o.string("text")?,
        value: match o.take("value") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_f64(),
            Some(other) => return Err(invalid(&other, "a number")),
        },
        unit: o.opt_string("unit")?,
    };
    o.finish(amount)
}

fn evidence(value: Value) -> Read<Evidence> {
    let mut o = Fields::new(value, "evidence")?;
    let evidence = Evidence {
        source: o.string("source")?,
        quote: o.string("quote")?,
        attributed_to: o.opt_string("attributed_to")?,
        denied_by: o.opt_string("denied_by")?,
        figure: o.opt_string("figure")?,
    };
    o.finish(evidence)
}

fn string(value: Value) -> Read<String> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(invalid(&other, "a string")),
    }
}

/// The variant of `all` whose id is `id`.
fn variant<T: Copy>(id: &str, all: &[T], id_of: fn(T) -> &'static str) -> Read<T> {
    all.iter()
        .copied()
        .find(|&v| id_of(v) == id)
        .ok_or_else(|| format!("unknown variant `{id}`"))
}

/// `invalid type: number, expected a string`, as serde says it.
fn invalid(value: &Value, expected: &str) -> String {
    let found = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "sequence",
        Value::Object(_) => "map",
    };
    format!("invalid type: {found}, expected {expected}")
}

/// An object's fields, taken out one by one; any left at the end is unknown. A `Vec`, not the
/// `Map` itself: `BTreeMap::remove` would link the B-tree's rebalancing code (about 5 KB).
struct Fields(Vec<(String, Value)>);

impl Fields {
    fn new(value: Value, what: &str) -> Read<Fields> {
        match value {
            Value::Object(map) => Ok(Fields(map.into_iter().collect())),
            other => Err(invalid(&other, what)),
        }
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.swap_remove(at).1)
    }

    fn string(&mut self, key: &str) -> Read<String> {
        match self.take(key) {
            Some(value) => string(value).map_err(|e| format!("{key}: {e}")),
            None => Err(format!("missing field `{key}`")),
        }
    }

    /// An optional field: absent and `null` are both `None`.
    fn optional<T>(&mut self, key: &str, read: fn(Value) -> Read<T>) -> Read<Option<T>> {
        match self.take(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(value).map(Some).map_err(|e| format!("{key}: {e}")),
        }
    }

    fn opt_string(&mut self, key: &str) -> Read<Option<String>> {
        self.optional(key, string)
    }

    /// An array of items; empty when absent unless `required`.
    fn list<T>(&mut self, key: &str, required: bool, read: fn(Value) -> Read<T>) -> Read<Vec<T>> {
        match self.take(key) {
            None if required => Err(format!("missing field `{key}`")),
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| read(item).map_err(|e| format!("{key}[{i}]: {e}")))
                .collect(),
            Some(other) => Err(format!("{key}: {}", invalid(&other, "a sequence"))),
        }
    }

    /// `read` once every field has been taken, or the first unknown field.
    fn finish<T>(self, read: T) -> Read<T> {
        match self.0.first() {
            Some((key, _)) => Err(format!("unknown field `{key}`")),
            None => Ok(read),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn flow_json() -> Value {
        json!({
            "id": "f", "source": "a", "target": "b", "kind": "arms",
            "when": {"start": "2022", "end": "2023", "ongoing": true},
            "amount": {"text": "$3", "value": 3, "unit": "USD"},
            "status": "reported", "summary": "s",
            "evidence": [{"source": "s1", "quote": "q"}]
        })
    }

    #[test]
    fn reads_what_serde_reads() {
        let value = json!({
            "format": "influence-flows/1", "title": "t", "updated": "2024-01-01",
            "sources": [{"id": "s1", "title": "T", "authors": ["x", "y"], "url": "https://e.org"}],
            "kinds": [{"id": "arms", "label": "Arms", "color": "#123456"}],
            "actors": [
                {"id": "a", "name": "A", "type": "private-military-company", "group": "b"},
                {"id": "b", "name": "B", "type": "state", "aliases": ["Bee"]}
            ],
            "flows": [flow_json(), {
                "id": "g", "source": "b", "target": "a", "kind": "arms", "status": "fact",
                "summary": "s", "evidence": [], "amount": {"text": "much", "value": null}
            }]
        });
        let ours = dataset(value.clone()).unwrap();
        let serde: Dataset = serde_json::from_value(value).unwrap();
        assert_eq!(ours, serde);
    }

    #[test]
    fn fails_where_serde_fails() {
        let cases = [
            ("status", json!("rumoured")),
            ("id", json!(3)),
            ("evidence", json!({})),
            ("when", json!({"start": "2022", "ongoing": "yes"})),
            ("amount", json!({"value": 3})),
            ("extra", json!(1)),
        ];
        for (key, bad) in cases {
            let mut value = flow_json();
            value[key] = bad;
            assert!(flow(value.clone()).is_err(), "{key}");
            assert!(serde_json::from_value::<Flow>(value).is_err(), "{key}");
        }
        let mut missing = flow_json();
        missing.as_object_mut().unwrap().remove("summary");
        assert_eq!(flow(missing).unwrap_err(), "missing field `summary`");
        assert!(flow(json!([])).is_err());
    }
}
