//! Plain graphs `{nodes, links}`, the format of d3-sankey's examples and of
//! `shared/benchmarks/*.json`, read into a [`Graph`].
//!
//! - `nodes`: objects with a `name` (or an `id`, and optionally a `label`), or plain strings.
//! - `links`: objects `{source, target, value}`; `source` and `target` are node indices (d3's
//!   convention) or node names; `value` is a number or a string holding one (`"1.4"`).
//!
//! Errors say where and what: `links[56].target: unknown node "Non-Energy Dummy End "`, with
//! a hint when the name only differs by surrounding spaces or by case. With
//! [`Names::Trim`], names are compared without surrounding spaces, and every name that
//! needed it is reported in [`PlainGraph::notes`], so the change is never silent.

use crate::layout::{Graph, GraphLink, GraphNode};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

/// How node names in links are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Names {
    /// Exactly as written.
    #[default]
    Exact,
    /// Ignoring spaces around names (and saying so in the notes).
    Trim,
}

/// A graph read from a plain file, with notes on anything that was adjusted.
#[derive(Debug, Clone, PartialEq)]
pub struct PlainGraph {
    pub graph: Graph,
    /// One line per adjustment (e.g. a trimmed name), with its JSON path.
    pub notes: Vec<String>,
}

/// What is wrong and where (a JSON path such as `links[56].target`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainGraphError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for PlainGraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for PlainGraphError {}

fn err(path: impl Into<String>, message: impl Into<String>) -> PlainGraphError {
    PlainGraphError {
        path: path.into(),
        message: message.into(),
    }
}

/// Whether `value` looks like a plain graph: an object with `nodes` and `links` arrays and
/// no dataset `format` tag.
pub fn is_plain_graph(value: &Value) -> bool {
    value.get("format").is_none()
        && value.get("nodes").is_some_and(Value::is_array)
        && value.get("links").is_some_and(Value::is_array)
}

/// Reads a plain graph from JSON text.
pub fn parse(text: &str, names: Names) -> Result<PlainGraph, PlainGraphError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        err(
            "",
            format!("not JSON: {e} (line {}, column {})", e.line(), e.column()),
        )
    })?;
    from_value(&value, names)
}

/// Reads a plain graph from parsed JSON.
pub fn from_value(value: &Value, names: Names) -> Result<PlainGraph, PlainGraphError> {
    // The name a node is known by (borrowed: lookups allocate nothing).
    fn key(names: Names, s: &str) -> &str {
        match names {
            Names::Exact => s,
            Names::Trim => s.trim(),
        }
    }
    let mut notes = Vec::new();
    // The path is written only when there is a note to make.
    let mut trimmed = |path: &dyn Fn() -> String, s: &str| {
        if names == Names::Trim && s.trim() != s {
            notes.push(format!("{}: name {s:?} trimmed to {:?}", path(), s.trim()));
        }
    };
    let nodes = value
        .get("nodes")
        .and_then(Value::as_array)
        .ok_or_else(|| err("nodes", "missing: expected an array of nodes"))?;
    let links = value
        .get("links")
        .and_then(Value::as_array)
        .ok_or_else(|| err("links", "missing: expected an array of links"))?;

    let mut graph = Graph::default();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let path = format!("nodes[{i}]");
        let text = |field: &str| node.get(field).and_then(Value::as_str);
        let (id, label) = match node {
            Value::String(s) => (s.as_str(), s.as_str()),
            Value::Object(_) => {
                let id = text("id")
                    .or(text("name"))
                    .ok_or_else(|| err(&path, "a node needs a \"name\" or an \"id\" (a string)"))?;
                (id, text("label").or(text("name")).unwrap_or(id))
            }
            _ => return Err(err(&path, "expected a node object or a name")),
        };
        trimmed(&|| path.clone(), id);
        if let Some(first) = index.insert(key(names, id).to_string(), i) {
            return Err(err(
                &path,
                format!("node {id:?} already defined at nodes[{first}]"),
            ));
        }
        graph.nodes.push(GraphNode {
            id: key(names, id).to_string(),
            label: label.trim().to_string(),
            short: None,
        });
    }

    // Paths are written only for an error or a note: 10,000 links would otherwise format
    // 40,000 strings, a third of the time to read a large graph.
    for (i, link) in links.iter().enumerate() {
        let at = |field: &str| format!("links[{i}]{field}");
        if !link.is_object() {
            return Err(err(
                at(""),
                "expected a link object {source, target, value}",
            ));
        }
        let mut end = |field: &str| -> Result<usize, PlainGraphError> {
            let path = || at(&format!(".{field}"));
            match link.get(field) {
                Some(Value::Number(n)) => match n.as_u64() {
                    Some(k) if (k as usize) < graph.nodes.len() => Ok(k as usize),
                    _ => Err(err(
                        path(),
                        format!(
                            "node index {n} out of range (there are {} nodes)",
                            graph.nodes.len()
                        ),
                    )),
                },
                Some(Value::String(s)) => {
                    if let Some(&k) = index.get(key(names, s)) {
                        trimmed(&path, s);
                        return Ok(k);
                    }
                    Err(err(path(), unknown(s, &graph.nodes)))
                }
                Some(_) => Err(err(path(), "expected a node index or a node name")),
                None => Err(err(path(), "missing")),
            }
        };
        let source = end("source")?;
        let target = end("target")?;
        let value = match link.get("value") {
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
        .ok_or_else(|| err(at(".value"), "expected a number (or a string holding one)"))?;
        if !(value.is_finite() && value >= 0.0) {
            return Err(err(
                at(".value"),
                format!("{value} is not a finite number ≥ 0"),
            ));
        }
        graph.links.push(GraphLink {
            source,
            target,
            value,
        });
    }
    Ok(PlainGraph { graph, notes })
}

/// "unknown node" with a hint for names that differ only by spaces or case.
fn unknown(name: &str, nodes: &[GraphNode]) -> String {
    let mut message = format!("unknown node {name:?}");
    if let Some(n) = nodes.iter().find(|n| n.id.trim() == name.trim()) {
        let what = match (
            name.starts_with(char::is_whitespace),
            name.ends_with(char::is_whitespace),
        ) {
            (false, true) => "a trailing space",
            (true, false) => "a leading space",
            _ => "spaces around it",
        };
        let theirs = if n.id.trim() == n.id {
            ""
        } else {
            " (itself with spaces)"
        };
        message += &format!(
            " — the node {:?}{theirs} differs only by {what}; trim names to accept it",
            n.id
        );
    } else if let Some(n) = nodes
        .iter()
        .find(|n| crate::util::caseless::cmp(&n.id, name).is_eq())
    {
        message += &format!(" (did you mean {:?}?)", n.id);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_indices_names_and_string_values() {
        let text = r#"{"nodes": [{"name": "Russia"}, "Mali", {"id": "un", "label": "UN"}],
                      "links": [{"source": 0, "target": "Mali", "value": "1.5"},
                                {"source": "Mali", "target": "un", "value": 2}]}"#;
        let g = parse(text, Names::Exact).unwrap();
        assert_eq!(g.graph.nodes[2].label, "UN");
        assert_eq!(
            g.graph.links[0],
            GraphLink {
                source: 0,
                target: 1,
                value: 1.5
            }
        );
        assert_eq!(
            g.graph.links[1],
            GraphLink {
                source: 1,
                target: 2,
                value: 2.0
            }
        );
        assert!(g.notes.is_empty());
    }

    #[test]
    fn a_trailing_space_is_an_error_unless_trimming_and_then_a_note() {
        let text = r#"{"nodes": [{"name": "Non-Energy"}, {"name": "Non-Energy Dummy End"}],
                      "links": [{"source": "Non-Energy", "target": "Non-Energy Dummy End ", "value": "0.25"}]}"#;
        let e = parse(text, Names::Exact).unwrap_err();
        assert_eq!(e.path, "links[0].target");
        assert!(
            e.to_string()
                .contains("unknown node \"Non-Energy Dummy End \""),
            "{e}"
        );
        assert!(e.message.contains("trailing space"), "{e}");
        let g = parse(text, Names::Trim).unwrap();
        assert_eq!(g.graph.links[0].target, 1);
        assert_eq!(g.notes.len(), 1);
        assert!(g.notes[0].starts_with("links[0].target"), "{:?}", g.notes);
    }

    #[test]
    fn clear_errors() {
        let bad = |text: &str| parse(text, Names::Exact).unwrap_err().to_string();
        assert!(bad("{").starts_with("not JSON"));
        assert_eq!(
            bad(r#"{"links": []}"#),
            "nodes: missing: expected an array of nodes"
        );
        let e = bad(r#"{"nodes": ["a"], "links": [{"source": 0, "target": 3, "value": 1}]}"#);
        assert_eq!(
            e,
            "links[0].target: node index 3 out of range (there are 1 nodes)"
        );
        let e = bad(r#"{"nodes": ["a"], "links": [{"source": 0, "target": 0, "value": "x"}]}"#);
        assert!(e.starts_with("links[0].value"), "{e}");
        let e = bad(r#"{"nodes": ["a"], "links": [{"source": 0, "target": 0, "value": -1}]}"#);
        assert!(e.starts_with("links[0].value"), "{e}");
        let e =
            bad(r#"{"nodes": ["Mali"], "links": [{"source": "mali", "target": 0, "value": 1}]}"#);
        assert!(e.contains("did you mean \"Mali\""), "{e}");
        assert!(bad(r#"{"nodes": ["a", "a"], "links": []}"#).contains("already defined"));
    }

    #[test]
    fn recognises_plain_graphs() {
        let v: Value = serde_json::from_str(r#"{"nodes": [], "links": []}"#).unwrap();
        assert!(is_plain_graph(&v));
        let v: Value =
            serde_json::from_str(r#"{"format": "influence-flows/1", "nodes": [], "links": []}"#)
                .unwrap();
        assert!(!is_plain_graph(&v));
    }
}
