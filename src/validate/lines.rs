//! Finds the line of JSON paths in a dataset's text, so problems can say where they are.
//!
//! A small scanner over text that `serde_json` has already accepted: it walks the values,
//! noting for each wanted path (`flows[3].when.start`) and its ancestors the line where it
//! begins — for an object member, the line of its key. Only the wanted paths are looked up
//! and stored, and the scan stops once all are found, so a dataset of 100,000 flows with one
//! problem is scanned quickly.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// Deeper than any dataset; `serde_json` itself stops at 128.
const MAX_DEPTH: usize = 256;

pub(crate) struct LineIndex {
    lines: HashMap<String, usize>,
}

impl LineIndex {
    /// Scans `text` for the lines of `wanted` paths (and of their ancestors, where a path is
    /// not in the text).
    pub(crate) fn new<'a>(text: &str, wanted: impl IntoIterator<Item = &'a str>) -> LineIndex {
        let mut want: HashSet<String> = HashSet::new();
        for path in wanted {
            let mut path = path;
            // Ancestors are inserted with each path, so a known path has its ancestors.
            while want.insert(path.to_string()) && !path.is_empty() {
                path = parent(path);
            }
        }
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            path: String::new(),
            remaining: want.len(),
            want,
            lines: HashMap::new(),
        };
        let root_wanted = scanner.want.contains("");
        scanner.value(root_wanted, 0);
        LineIndex {
            lines: scanner.lines,
        }
    }

    /// The line of `path`, or of its nearest ancestor found in the text (a missing field is
    /// reported at the line of the object that lacks it). `None` unless `path` was wanted.
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
    /// The path of the value being scanned.
    path: String,
    /// The paths whose lines are wanted, with all their ancestors.
    want: HashSet<String>,
    /// How many wanted paths are not found yet; the scan stops at 0.
    remaining: usize,
    lines: HashMap<String, usize>,
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

    /// Notes the current line for the current path if it is wanted; says whether it is
    /// (if not, no path below it is either).
    fn note(&mut self, line: usize) -> bool {
        if !self.want.contains(self.path.as_str()) {
            return false;
        }
        if !self.lines.contains_key(self.path.as_str()) {
            self.lines.insert(self.path.clone(), line);
            self.remaining -= 1;
        }
        true
    }

    /// Scans one value at `self.path`. `parent_wanted`: whether its parent's path is wanted
    /// (only then can its own be).
    fn value(&mut self, parent_wanted: bool, depth: usize) {
        self.skip_white_space();
        let wanted = parent_wanted && self.note(self.line);
        if depth > MAX_DEPTH || self.remaining == 0 {
            return;
        }
        match self.peek() {
            Some(b'{') => self.object(wanted, depth),
            Some(b'[') => self.array(wanted, depth),
            Some(b'"') => self.skip_string(),
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

    fn object(&mut self, wanted: bool, depth: usize) {
        self.bump(); // {
        let parent_len = self.path.len();
        while self.remaining > 0 {
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
            if parent_len > 0 {
                self.path.push('.');
            }
            self.path.push_str(&key);
            let child_wanted = wanted && self.note(key_line);
            self.skip_white_space();
            if self.peek() != Some(b':') {
                self.path.truncate(parent_len);
                return;
            }
            self.bump();
            self.value(child_wanted, depth + 1);
            self.path.truncate(parent_len);
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

    fn array(&mut self, wanted: bool, depth: usize) {
        self.bump(); // [
        let mut index = 0;
        let parent_len = self.path.len();
        while self.remaining > 0 {
            self.skip_white_space();
            match self.peek() {
                Some(b']') => {
                    self.bump();
                    return;
                }
                None => return,
                _ => {}
            }
            let _ = write!(self.path, "[{index}]");
            self.value(wanted, depth + 1);
            self.path.truncate(parent_len);
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

    /// Skips a string literal (a value, whose contents no path needs).
    fn skip_string(&mut self) {
        self.pos += 1; // opening quote
                       // Valid JSON has no raw line break inside a string, so no line is counted here.
        loop {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            match rest.iter().position(|&b| b == b'"' || b == b'\\') {
                Some(at) if rest[at] == b'\\' => self.pos += at + 2,
                Some(at) => {
                    self.pos += at + 1; // closing quote
                    return;
                }
                None => {
                    self.pos = self.bytes.len();
                    return;
                }
            }
        }
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
        let paths = [
            "",
            "format",
            "flows",
            "flows[0]",
            "flows[0].when.start",
            "flows[1].id",
        ];
        let index = LineIndex::new(TEXT, paths);
        assert_eq!(index.line_of(""), Some(1));
        assert_eq!(index.line_of("format"), Some(2));
        assert_eq!(index.line_of("flows"), Some(3));
        assert_eq!(index.line_of("flows[0]"), Some(4));
        assert_eq!(index.line_of("flows[0].when.start"), Some(6));
        assert_eq!(index.line_of("flows[1].id"), Some(8));
    }

    #[test]
    fn a_missing_path_takes_the_line_of_its_nearest_ancestor() {
        let paths = ["flows[0].summary", "flows[0].when.end", "kinds[3].color"];
        let index = LineIndex::new(TEXT, paths);
        assert_eq!(index.line_of("flows[0].summary"), Some(4));
        assert_eq!(index.line_of("flows[0].when.end"), Some(6));
        assert_eq!(index.line_of("kinds[3].color"), Some(1));
    }

    #[test]
    fn only_wanted_paths_are_stored() {
        let index = LineIndex::new(TEXT, ["flows[0].id"]);
        assert_eq!(index.line_of("flows[0].id"), Some(5));
        assert_eq!(index.line_of("format"), Some(1), "falls back to the root");
        assert_eq!(index.lines.len(), 4, "the path and its three ancestors");
    }

    #[test]
    fn survives_broken_text() {
        for text in [
            "", "{", "[", "{\"a\"", "{\"a\":", "[1,", "\"abc", "{\"a\\", "}}}",
        ] {
            let index = LineIndex::new(text, ["a.b[0]"]);
            let _ = index.line_of("a.b[0]");
        }
    }
}
