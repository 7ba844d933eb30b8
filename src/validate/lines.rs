//! Finds the line of each JSON path in a dataset's text, so problems can say where they are.
//!
//! A small scanner over text that `serde_json` has already accepted: it walks the values,
//! noting for every path (`flows[3].when.start`) the line where it begins — for an object
//! member, the line of its key. It also notices keys that appear twice in one object, which
//! `serde_json` would silently collapse.

use super::{element, member};
use std::collections::{HashMap, HashSet};

/// Deeper than any dataset; `serde_json` itself stops at 128.
const MAX_DEPTH: usize = 256;

pub(crate) struct LineIndex {
    lines: HashMap<String, usize>,
    duplicate_keys: Vec<String>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            lines: HashMap::new(),
            duplicate_keys: Vec::new(),
        };
        scanner.value(String::new(), 0);
        LineIndex {
            lines: scanner.lines,
            duplicate_keys: scanner.duplicate_keys,
        }
    }

    /// The line of `path`, or of its nearest ancestor found in the text (a missing field is
    /// reported at the line of the object that lacks it).
    pub(crate) fn line_of(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(&line) = self.lines.get(path) {
                return Some(line);
            }
            if path.is_empty() {
                return None;
            }
            path = parent(path);
        }
    }

    /// Paths of keys that appear a second time in the same object.
    pub(crate) fn duplicate_keys(&self) -> &[String] {
        &self.duplicate_keys
    }
}

/// `flows[3].when` → `flows[3]` → `flows` → ``.
fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(at) => &path[..at],
        None => "",
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    lines: HashMap<String, usize>,
    duplicate_keys: Vec<String>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        if self.peek() == Some(b'\n') {
            self.line += 1;
        }
        self.pos += 1;
    }

    fn skip_white_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.bump();
        }
    }

    fn value(&mut self, path: String, depth: usize) {
        self.skip_white_space();
        self.lines.entry(path.clone()).or_insert(self.line);
        if depth > MAX_DEPTH {
            return;
        }
        match self.peek() {
            Some(b'{') => self.object(&path, depth),
            Some(b'[') => self.array(&path, depth),
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n')
                ) {
                    self.bump();
                }
            }
            None => {}
        }
    }

    fn object(&mut self, path: &str, depth: usize) {
        self.bump(); // {
        let mut seen = HashSet::new();
        loop {
            self.skip_white_space();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') => {
                    self.bump();
                    return;
                }
                _ => return,
            }
            let key_line = self.line;
            let key = self.string();
            let child = member(path, &key);
            if !seen.insert(key) {
                self.duplicate_keys.push(child.clone());
            }
            self.lines.entry(child.clone()).or_insert(key_line);
            self.skip_white_space();
            if self.peek() != Some(b':') {
                return;
            }
            self.bump();
            self.value(child, depth + 1);
            self.skip_white_space();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    return;
                }
                _ => return,
            }
        }
    }

    fn array(&mut self, path: &str, depth: usize) {
        self.bump(); // [
        let mut index = 0;
        loop {
            self.skip_white_space();
            match self.peek() {
                Some(b']') => {
                    self.bump();
                    return;
                }
                None => return,
                _ => {}
            }
            self.value(element(path, index), depth + 1);
            index += 1;
            self.skip_white_space();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    return;
                }
                _ => return,
            }
        }
    }

    /// Reads a string literal and returns its contents; escapes are decoded simply (enough
    /// for keys, which are plain in practice).
    fn string(&mut self) -> String {
        self.bump(); // opening quote
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            match b {
                b'"' => break,
                b'\\' => {
                    self.bump();
                    if let Some(escaped) = self.peek() {
                        out.push(escaped);
                        self.bump();
                    }
                }
                _ => {
                    out.push(b);
                    self.bump();
                }
            }
        }
        self.bump(); // closing quote
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
  "format": "x",
  "flows": [
    {
      "id": "a",
      "when": { "start": "2022" }
    },
    { "id": "b", "id": "c" }
  ]
}"#;

    #[test]
    fn finds_the_line_of_each_path() {
        let index = LineIndex::new(TEXT);
        assert_eq!(index.line_of(""), Some(1));
        assert_eq!(index.line_of("format"), Some(2));
        assert_eq!(index.line_of("flows"), Some(3));
        assert_eq!(index.line_of("flows[0]"), Some(4));
        assert_eq!(index.line_of("flows[0].when.start"), Some(6));
        assert_eq!(index.line_of("flows[1].id"), Some(8));
    }

    #[test]
    fn a_missing_path_takes_the_line_of_its_nearest_ancestor() {
        let index = LineIndex::new(TEXT);
        assert_eq!(index.line_of("flows[0].summary"), Some(4));
        assert_eq!(index.line_of("flows[0].when.end"), Some(6));
        assert_eq!(index.line_of("kinds[3].color"), Some(1));
    }

    #[test]
    fn notices_duplicate_keys() {
        assert_eq!(
            LineIndex::new(TEXT).duplicate_keys(),
            ["flows[1].id".to_string()]
        );
    }

    #[test]
    fn survives_broken_text() {
        for text in [
            "", "{", "[", "{\"a\"", "{\"a\":", "[1,", "\"abc", "{\"a\\", "}}}",
        ] {
            let index = LineIndex::new(text);
            let _ = index.line_of("a.b[0]");
        }
    }
}
