//! Parses JSON text to a `serde_json::Value`, noting every key that appears twice in one
//! object — which a plain `serde_json::from_str` silently collapses to the last one.
//!
//! It is serde_json's own parser with a visitor that builds the same `Value` and keeps the
//! path of the value being read in one shared buffer, so noting a duplicate costs nothing
//! until there is one.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt::{self, Write};

/// The parsed value and the paths (`flows[0].id`) of the keys given a second time.
pub(crate) fn parse(text: &str) -> Result<(Value, Vec<String>), serde_json::Error> {
    let context = Context::default();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Node(&context).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok((value, context.duplicates.into_inner()))
}

#[derive(Default)]
struct Context {
    /// Path of the value being read.
    path: RefCell<String>,
    duplicates: RefCell<Vec<String>>,
}

/// Reads one value at the context's path.
#[derive(Clone, Copy)]
struct Node<'c>(&'c Context);

impl<'c> Node<'c> {
    /// Reads a child value at the path extended by `segment` (which appends to the path).
    fn child<R, E>(
        self,
        segment: impl FnOnce(&mut String),
        read: impl FnOnce(Self) -> Result<R, E>,
    ) -> Result<R, E> {
        let len = self.0.path.borrow().len();
        segment(&mut self.0.path.borrow_mut());
        let result = read(self);
        self.0.path.borrow_mut().truncate(len);
        result
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        for index in 0.. {
            let segment = |path: &mut String| {
                let _ = write!(path, "[{index}]");
            };
            let item = self.child(segment, |node| seq.next_element_seed(node))?;
            match item {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let segment = |path: &mut String| {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key);
            };
            let value = self.child(segment, |node| map.next_value_seed(node))?;
            if object.insert(key.clone(), value).is_some() {
                let path = self.0.path.borrow();
                let sep = if path.is_empty() { "" } else { "." };
                self.0
                    .duplicates
                    .borrow_mut()
                    .push(format!("{path}{sep}{key}"));
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": 1e300}"#;
        let (value, duplicates) = parse(text).unwrap();
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        assert!(duplicates.is_empty());
    }

    #[test]
    fn notes_duplicate_keys_with_their_paths() {
        let text = r#"{"id": 1, "flows": [{"id": "a"}, {"id": "b", "when": {"start": 1, "start": 2}, "id": "c"}], "id": 2}"#;
        let (value, duplicates) = parse(text).unwrap();
        assert_eq!(duplicates, ["flows[1].when.start", "flows[1].id", "id"]);
        assert_eq!(
            value["flows"][1]["id"], "c",
            "the last one wins, as in serde_json"
        );
    }

    #[test]
    fn errors_are_serde_json_errors() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\": NaN}",
            "1 2",
            "[".repeat(200).as_str(),
        ] {
            let ours = parse(text).unwrap_err().to_string();
            let theirs = serde_json::from_str::<Value>(text).unwrap_err().to_string();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}
