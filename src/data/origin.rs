//! Where a chart may load its data from: its own site, or an origin named at build time.
//!
//! A page shows claims under its publisher's name, so a crafted link (`?data=https://evil…`)
//! must not be able to put someone else's "evidence" in it. [`check_data_url`] is called by
//! the web shell before it fetches a data URL (from `data-src` or a query parameter):
//!
//! - a relative URL (`data/mali.json`, `../x.json`, `/data/x.json`) is allowed: the browser
//!   resolves it against the page, so it stays on the page's origin;
//! - an absolute `http(s)` URL is allowed when its origin (scheme, host, port) is the page's,
//!   or is named exactly in the build-time allowlist [`DATA_ORIGINS`];
//! - anything else is refused: other origins, other schemes (`javascript:`, `data:`, `blob:`,
//!   `file:` …), user names or passwords in the address, hosts that are not plain ASCII.
//!
//! The `Err` text is for readers, e.g. "This chart only loads data from its own site;
//! https://evil.example is not allowed". Show it as text.
//!
//! The URL is read the way browsers read it (the WHATWG URL standard) wherever that matters
//! for the origin: surrounding spaces and control characters are ignored, tabs and newlines
//! inside are removed, `\` counts as `/`, `//host` and `\\host` name a host, the host is after
//! the last `@`, case does not matter and default ports are the same as none. Where this
//! reading is unsure it refuses (a percent-encoded or non-ASCII host, say): it may refuse an
//! address a browser would take to the same site, but never allows one the browser would take
//! elsewhere. The page's base URL must be the page itself (`base-uri 'none'` in the CSP).

use std::fmt;

/// Origins that may serve data besides the page's own, from the environment variable
/// `INFLUENCE_FLOWS_DATA_ORIGINS` at build time: comma-separated, each exactly
/// `scheme://host` or `scheme://host:port` (e.g. `https://data.example.org`). Empty by
/// default. An entry that is not such an origin never matches anything.
pub const DATA_ORIGINS: &str = match option_env!("INFLUENCE_FLOWS_DATA_ORIGINS") {
    Some(origins) => origins,
    None => "",
};

/// The entries of [`DATA_ORIGINS`], trimmed, without empty ones.
pub fn allowed_origins() -> Vec<&'static str> {
    DATA_ORIGINS
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// [`data_url_allowed`] with the build-time allowlist [`DATA_ORIGINS`].
pub fn check_data_url(data_url: &str, page_url: &str) -> Result<(), String> {
    data_url_allowed(data_url, page_url, &allowed_origins())
}

/// Whether the page at `page_url` (e.g. `location.href`) may load its data from `data_url`
/// (as written, relative or absolute). `allowlist` holds origins such as
/// `https://data.example.org`; they match exactly (scheme, host and port; case and default
/// ports do not matter). `Err` says why not, in words for readers.
pub fn data_url_allowed(data_url: &str, page_url: &str, allowlist: &[&str]) -> Result<(), String> {
    const OWN_SITE: &str = "This chart only loads data from its own site";
    let shown = shorten(data_url.trim(), 80);
    let page = match read(page_url, None) {
        Address::Absolute(origin) => Some(origin),
        _ => None,
    };
    let page_scheme = page.as_ref().map(|p| p.scheme.as_str());
    match read(data_url, page_scheme) {
        Address::Empty => Err("This chart was given no address to load its data from".into()),
        Address::Relative => Ok(()),
        Address::OtherScheme(scheme) => Err(format!(
            "{OWN_SITE}; a \"{scheme}:\" address is not allowed (only http and https)"
        )),
        Address::UserInfo => Err(format!(
            "{OWN_SITE}; the address \"{shown}\" contains a user name or password, which is not allowed"
        )),
        Address::Malformed => Err(format!(
            "{OWN_SITE}; \"{shown}\" is not a web address it can check, so it is not allowed"
        )),
        Address::Absolute(origin) => {
            let same_site = page.as_ref() == Some(&origin);
            let listed = allowlist
                .iter()
                .any(|entry| parse_origin(entry).as_ref() == Some(&origin));
            if same_site || listed {
                Ok(())
            } else {
                Err(format!("{OWN_SITE}; {origin} is not allowed"))
            }
        }
    }
}

/// An http(s) origin: lowercase scheme and host, and the port (the default one if none).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        if self.port != default_port(&self.scheme) {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

/// What an address is, as far as the policy cares.
#[derive(Debug, PartialEq, Eq)]
enum Address {
    Empty,
    /// A path, query or fragment: resolved against the page, so on its origin.
    Relative,
    Absolute(Origin),
    /// A scheme other than http and https (lowercase).
    OtherScheme(String),
    /// `user:password@` before the host.
    UserInfo,
    /// A host or port this reading is not sure about.
    Malformed,
}

fn default_port(scheme: &str) -> u16 {
    if scheme == "https" {
        443
    } else {
        80
    }
}

/// Reads an address the way a browser does, as far as its origin goes. `page_scheme` is the
/// scheme of the page it is resolved against (`//host` takes it), if the page is http(s).
fn read(url: &str, page_scheme: Option<&str>) -> Address {
    // Browsers strip leading and trailing C0 controls and spaces, and drop tabs and newlines
    // anywhere ("java\tscript:", "/\t/evil.example").
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if url.is_empty() {
        return Address::Empty;
    }
    let Some((scheme, rest)) = split_scheme(&url) else {
        // Relative to an http(s) page, `\` is `/`, and two of them start a host.
        let slashes = url.chars().take(2).filter(|&c| c == '/' || c == '\\');
        if slashes.count() < 2 {
            return Address::Relative;
        }
        return match page_scheme {
            Some(scheme) => authority(scheme, url.trim_start_matches(['/', '\\'])),
            None => Address::Malformed,
        };
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Address::OtherScheme(scheme);
    }
    // "https:host", "https:/host" and "https:////host" all name a host for a browser (or, with
    // the page's own scheme and no slash, a path on the page's site: reading a host there can
    // only refuse such an address, never allow one wrongly).
    authority(&scheme, rest.trim_start_matches(['/', '\\']))
}

/// `scheme` and what follows its `:`, if `url` starts with a scheme (a letter, then letters,
/// digits, `+`, `-` or `.`).
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme, &url[colon + 1..]))
}

/// The origin of `scheme://` followed by `rest` (`host[:port]` then a path, query or fragment).
fn authority(scheme: &str, rest: &str) -> Address {
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains('@') {
        return Address::UserInfo;
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        // An IPv6 literal: `[::1]` or `[::1]:8080`.
        let Some(close) = inner.find(']') else {
            return Address::Malformed;
        };
        let host = &authority[..close + 2];
        let after = &inner[close + 1..];
        let ok = inner[..close]
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        match after.strip_prefix(':') {
            _ if !ok || close == 0 => return Address::Malformed,
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => return Address::Malformed,
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let host = host.to_ascii_lowercase();
    let plain = host.starts_with('[')
        || (!host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'));
    if !plain {
        return Address::Malformed;
    }
    let port = match port {
        None | Some("") => default_port(scheme),
        Some(digits) if digits.chars().all(|c| c.is_ascii_digit()) => {
            match digits
                .parse::<u64>()
                .ok()
                .and_then(|p| u16::try_from(p).ok())
            {
                Some(port) => port,
                None => return Address::Malformed,
            }
        }
        Some(_) => return Address::Malformed,
    };
    Address::Absolute(Origin {
        scheme: scheme.to_string(),
        host,
        port,
    })
}

/// An allowlist entry: exactly `scheme://host[:port]`, with at most a trailing `/`.
fn parse_origin(entry: &str) -> Option<Origin> {
    let entry = entry.trim();
    let (scheme, rest) = split_scheme(entry)?;
    let rest = rest.strip_prefix("//")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['/', '\\', '?', '#']) {
        return None;
    }
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    match authority(&scheme, rest) {
        Address::Absolute(origin) => Some(origin),
        _ => None,
    }
}

/// At most `max` characters of `text`, with "…" if cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut short: String = text.chars().take(max - 1).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://news.example/graphics/mali/index.html?data=x#top";

    fn allowed(url: &str) -> bool {
        data_url_allowed(url, PAGE, &[]).is_ok()
    }

    fn message(url: &str) -> String {
        data_url_allowed(url, PAGE, &[]).expect_err(url)
    }

    #[test]
    fn relative_urls_stay_on_the_site() {
        for url in [
            "data/mali.json",
            "./data/mali.json",
            "../other/data.json",
            "/data/mali.json",
            "data.json?v=2#x",
            "?data=1",
            "#frag",
            "./javascript:alert(1)",
            "data%3Atext/html,x",
            "/a/b:c",
            "  data/mali.json\n",
        ] {
            assert!(
                allowed(url),
                "{url}: {:?}",
                data_url_allowed(url, PAGE, &[])
            );
        }
    }

    #[test]
    fn same_origin_absolute_urls_are_allowed() {
        for url in [
            "https://news.example/data/mali.json",
            "HTTPS://NEWS.EXAMPLE/data/mali.json",
            "https://news.example:443/data.json",
            "https://news.example:0443/data.json",
            "https://news.example:/data.json",
            "//news.example/data.json",
            "\\\\news.example/data.json",
            "/\\news.example/data.json",
            "https:\\\\news.example\\data.json",
            "https:news.example/data.json",
            " https://news.example/x.json ",
        ] {
            assert!(
                allowed(url),
                "{url}: {:?}",
                data_url_allowed(url, PAGE, &[])
            );
        }
    }

    #[test]
    fn other_origins_are_refused_with_a_message_for_readers() {
        assert_eq!(
            message("https://evil.example/fake.json"),
            "This chart only loads data from its own site; https://evil.example is not allowed"
        );
        for (url, origin) in [
            ("http://news.example/data.json", "http://news.example"),
            (
                "https://news.example:8443/data.json",
                "https://news.example:8443",
            ),
            (
                "https://news.example.evil.example/x",
                "https://news.example.evil.example",
            ),
            (
                "https://evil.example#@news.example/",
                "https://evil.example",
            ),
            (
                "https://evil.example?@news.example/",
                "https://evil.example",
            ),
            (
                "https://evil.example\\@news.example/",
                "https://evil.example",
            ),
            (
                "https://evil.example\\news.example/",
                "https://evil.example",
            ),
            ("//evil.example/x.json", "https://evil.example"),
            ("\\\\evil.example/x.json", "https://evil.example"),
            ("\\/evil.example/x.json", "https://evil.example"),
            ("/\\evil.example/x.json", "https://evil.example"),
            ("/\t/evil.example/x.json", "https://evil.example"),
            ("/\n/evil.example/x.json", "https://evil.example"),
            ("ht\ttps://evil.example", "https://evil.example"),
            ("\u{0}\u{1f} https://evil.example", "https://evil.example"),
            ("https:///evil.example/x", "https://evil.example"),
            ("https:evil.example/x", "https://evil.example"),
            ("http:evil.example/x", "http://evil.example"),
            ("HTTPS://EVIL.EXAMPLE", "https://evil.example"),
            ("https://news.example./x", "https://news.example."),
            ("https://[::1]:8080/x", "https://[::1]:8080"),
            ("https://127.0.0.1/x", "https://127.0.0.1"),
        ] {
            let m = message(url);
            assert!(
                m.ends_with(&format!("; {origin} is not allowed")),
                "{url:?}: {m}"
            );
        }
    }

    #[test]
    fn user_names_and_passwords_are_refused() {
        for url in [
            "https://news.example@evil.example/x.json",
            "https://news.example:443@evil.example/",
            "https://user:pw@news.example/data.json",
            "//news.example@evil.example/x",
            "https://@evil.example/",
        ] {
            assert!(message(url).contains("user name or password"), "{url}");
        }
    }

    #[test]
    fn only_http_and_https_schemes() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JavaScript:alert(1)", "javascript"),
            (" java\tscript:alert(1)", "javascript"),
            ("data:application/json,{}", "data"),
            ("blob:https://news.example/1234", "blob"),
            ("file:///etc/passwd", "file"),
            ("ftp://news.example/x.json", "ftp"),
            ("ws://news.example/x", "ws"),
            ("c:\\data\\x.json", "c"),
            ("vbscript:x", "vbscript"),
        ] {
            let m = message(url);
            assert!(
                m.contains(&format!("a \"{scheme}:\" address is not allowed")),
                "{url}: {m}"
            );
        }
    }

    #[test]
    fn hosts_it_cannot_read_safely_are_refused() {
        for url in [
            "https://%65vil.example/x",
            "https://ｅｖｉｌ.example/x",
            "https://news.example:99999/x",
            "https://news.example:8o/x",
            "https://[::1/x",
            "https://[zz]/x",
            "https://news.example]:1/x",
            "//",
        ] {
            let m = message(url);
            assert!(
                m.contains("is not a web address it can check"),
                "{url:?}: {m}"
            );
        }
        assert_eq!(
            message(""),
            "This chart was given no address to load its data from"
        );
        assert_eq!(
            message(" \t\n"),
            "This chart was given no address to load its data from"
        );
    }

    #[test]
    fn the_allowlist_names_origins_exactly() {
        let list = [
            "https://data.example.org",
            " HTTP://Cdn.Example:8080/ ",
            "not an origin",
        ];
        let ok = |url: &str| data_url_allowed(url, PAGE, &list).is_ok();
        assert!(ok("https://data.example.org/mali.json"));
        assert!(ok("https://DATA.example.org:443/x.json"));
        assert!(ok("http://cdn.example:8080/x.json"));
        assert!(!ok("http://data.example.org/mali.json"), "scheme differs");
        assert!(!ok("https://data.example.org:8443/x"), "port differs");
        assert!(!ok("https://sub.data.example.org/x"), "subdomain");
        assert!(!ok("https://data.example.org.evil.example/x"));
        assert!(!ok("https://cdn.example/x"), "default port is not 8080");
        assert!(!ok("https://not an origin/x"));
        // Entries with a path, a user, or another scheme never match.
        for entry in [
            "https://data.example.org/path",
            "https://u@data.example.org",
            "data.example.org",
            "javascript://data.example.org",
            "https://data.example.org?x",
        ] {
            assert!(
                data_url_allowed("https://data.example.org/x", PAGE, &[entry]).is_err(),
                "{entry}"
            );
        }
    }

    #[test]
    fn a_page_that_is_not_http_allows_relative_data_only() {
        let page = "file:///home/reader/index.html";
        assert!(data_url_allowed("data/mali.json", page, &[]).is_ok());
        assert!(data_url_allowed("file:///etc/passwd", page, &[]).is_err());
        assert!(data_url_allowed("//evil.example/x", page, &[]).is_err());
        assert!(data_url_allowed("https://evil.example/x", page, &[]).is_err());
        assert!(data_url_allowed("https://news.example/x", "about:blank", &[]).is_err());
    }

    #[test]
    fn a_page_on_a_port_and_on_http() {
        let page = "http://127.0.0.1:8080/graphics/mali/";
        assert!(data_url_allowed("http://127.0.0.1:8080/data/mali.json", page, &[]).is_ok());
        assert!(data_url_allowed("//127.0.0.1:8080/data/mali.json", page, &[]).is_ok());
        assert!(data_url_allowed("http://127.0.0.1/data/mali.json", page, &[]).is_err());
        assert!(data_url_allowed("http://localhost:8080/data/mali.json", page, &[]).is_err());
        assert!(data_url_allowed("https://127.0.0.1:8080/data/mali.json", page, &[]).is_err());
        let page = "http://[::1]:8080/";
        assert!(data_url_allowed("http://[::1]:8080/x.json", page, &[]).is_ok());
    }

    #[test]
    fn long_addresses_are_shortened_in_messages() {
        let url = format!("https://u@news.example/{}", "a".repeat(500));
        let m = message(&url);
        assert!(m.contains('…') && m.chars().count() < 200, "{m}");
    }

    /// The build-time allowlist, if one was given, must be made of origins.
    #[test]
    fn the_build_time_allowlist_is_well_formed() {
        for entry in allowed_origins() {
            assert!(
                parse_origin(entry).is_some(),
                "INFLUENCE_FLOWS_DATA_ORIGINS holds {entry:?}, which is not scheme://host[:port]"
            );
        }
        if DATA_ORIGINS.is_empty() {
            assert!(check_data_url("https://evil.example/x", PAGE).is_err());
            assert!(check_data_url("data/mali.json", PAGE).is_ok());
        }
    }
}
