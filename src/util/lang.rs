//! The interface's own words in English and French, and dates and numbers as each language
//! writes them. The dataset's texts (names, kinds, quotes, captions) are data and never pass
//! through here.
//!
//! One struct of `&'static str` per language (`Words`): a message missing in one language is a
//! compile error, not an English word left on a French page. Messages with numbers or names in
//! them are methods of `Lang`. No i18n crate: two languages of about sixty messages fit in a
//! match, and the wasm stays small (see ARCHITECTURE.md for the measured cost).

/// The language of a chart's interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

/// The fixed words of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    // Around the chart (`index.html`'s `data-say` elements and `reader::markup`).
    pub legend_label: &'static str,
    pub all_kinds: &'static str,
    pub kinds_of: &'static str,
    pub key_fact: &'static str,
    pub key_reported: &'static str,
    pub key_denied: &'static str,
    pub key_width: &'static str,
    pub period: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub any_time: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub actors: &'static str,
    pub fold: &'static str,
    pub show_all: &'static str,
    pub note: &'static str,
    pub diagram: &'static str,
    pub stage_label: &'static str,
    pub canvas_loading: &'static str,
    pub loading: &'static str,
    pub story: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub start_story: &'static str,
    pub evidence: &'static str,
    pub show_table: &'static str,
    pub hide_table: &'static str,
    pub download_label: &'static str,
    pub download: &'static str,
    pub csv_button: &'static str,
    pub sources: &'static str,
    // The tooltip, the evidence panel and the data table (`reader::inspect`).
    pub undated: &'static str,
    pub ongoing: &'static str,
    pub none: &'static str,
    pub gives: &'static str,
    pub receives: &'static str,
    pub fact: &'static str,
    pub reported: &'static str,
    pub denied: &'static str,
    pub denied_by: &'static str,
    /// "denied by", inside a sentence (no `to_lowercase`: its Unicode tables cost ~15 KB).
    pub denied_by_voice: &'static str,
    pub according_to: &'static str,
    pub reported_according_to: &'static str,
    pub status_fact: &'static str,
    pub status_reported: &'static str,
    pub status_denied: &'static str,
    pub figures: &'static str,
    /// A band's status in an exported SVG's `<title>`.
    pub short_fact: &'static str,
    pub short_reported: &'static str,
    pub short_denied: &'static str,
    pub band_hint: &'static str,
    pub node_hint: &'static str,
    pub keep_open: &'static str,
    pub close: &'static str,
    pub giver: &'static str,
    pub receiver: &'static str,
    pub kind_period_presented: &'static str,
    pub summary: &'static str,
    // The frame of a downloaded picture (`export::frame`).
    pub width_note: &'static str,
    pub certainty_key: &'static str,
    pub source_one: &'static str,
    pub source_many: &'static str,
    // The error panel.
    pub not_loaded: &'static str,
    pub not_drawn: &'static str,
}

const EN: Words = Words {
    legend_label: "Kinds of flow: press a family or a kind to hide or show it",
    all_kinds: "All kinds",
    kinds_of: "kinds",
    key_fact: "solid = stated as fact",
    key_reported: "hatched, lighter = reported",
    key_denied: "dashed outline = denied",
    key_width: "width = number of documented flows",
    period: "Period",
    from: "From",
    to: "to",
    any_time: "Any time",
    play: "Play years",
    pause: "Pause",
    actors: "Actors",
    fold: "Fold groups into their main actor (Wagner into Russia)",
    show_all: "show all",
    note: "Band width: the number of documented flows; each flow is one sourced statement. Hover, tap or use the arrow keys for the evidence.",
    diagram: "flow diagram",
    stage_label: "Flow diagram. Arrow keys move between actors and their flows; Enter shows the evidence; Escape clears.",
    canvas_loading: "Flow diagram, loading",
    loading: "Loading the flows…",
    story: "Story",
    previous: "Previous",
    next: "Next",
    start_story: "Start the story",
    evidence: "Evidence",
    show_table: "Show the data table",
    hide_table: "Hide the data table",
    download_label: "Download this view",
    download: "Download this view:",
    csv_button: "CSV (flows and evidence)",
    sources: "Sources: ",
    undated: "undated",
    ongoing: "ongoing",
    none: "none",
    gives: "Gives",
    receives: "Receives",
    fact: "Stated as fact",
    reported: "Reported",
    denied: "Denied",
    denied_by: "Denied by",
    denied_by_voice: "denied by",
    according_to: "according to",
    reported_according_to: "reported according to",
    status_fact: "stated as fact",
    status_reported: "reported or alleged",
    status_denied: "reported, and denied",
    figures: "Figures",
    short_fact: "fact",
    short_reported: "reported",
    short_denied: "denied",
    band_hint: "Enter shows the evidence; Left and Right go to the giver and receiver.",
    node_hint: "Enter shows the evidence; Right goes to the flows it gives, Left to those it receives.",
    keep_open: "Click, tap or press Enter to keep this open.",
    close: "Close",
    giver: "Giver",
    receiver: "Receiver",
    kind_period_presented: "Kind, period, presented as",
    summary: "Summary",
    width_note: "Band width: the number of documented flows; each flow is one sourced statement.",
    certainty_key: "Solid = stated as fact; hatched, lighter = reported; dashed outline = denied. Width = number of documented flows.",
    source_one: "Source",
    source_many: "Sources",
    not_loaded: "The data could not be loaded",
    not_drawn: "The chart could not be drawn",
};

const FR: Words = Words {
    legend_label: "Types de flux : appuyez sur une famille ou un type pour le masquer ou l’afficher",
    all_kinds: "Tous les types",
    kinds_of: "types",
    key_fact: "plein = présenté comme un fait",
    key_reported: "hachuré, plus clair = rapporté",
    key_denied: "contour en tirets = démenti",
    key_width: "largeur = nombre de flux documentés",
    period: "Période",
    from: "De",
    to: "à",
    any_time: "Toutes dates",
    play: "Dérouler les années",
    pause: "Pause",
    actors: "Acteurs",
    fold: "Regrouper sous l’acteur principal (Wagner dans la Russie)",
    show_all: "tout afficher",
    note: "Largeur des bandes : le nombre de flux documentés ; chaque flux est une affirmation sourcée. Survolez, touchez ou utilisez les flèches du clavier pour les preuves.",
    diagram: "diagramme de flux",
    stage_label: "Diagramme de flux. Les flèches passent d’un acteur à l’autre et à leurs flux ; Entrée affiche les preuves ; Échap efface.",
    canvas_loading: "Diagramme de flux, chargement",
    loading: "Chargement des flux…",
    story: "Récit",
    previous: "Précédent",
    next: "Suivant",
    start_story: "Commencer le récit",
    evidence: "Preuves",
    show_table: "Afficher le tableau des données",
    hide_table: "Masquer le tableau des données",
    download_label: "Télécharger cette vue",
    download: "Télécharger cette vue :",
    csv_button: "CSV (flux et preuves)",
    sources: "Sources : ",
    undated: "non daté",
    ongoing: "en cours",
    none: "aucun",
    gives: "Donne",
    receives: "Reçoit",
    fact: "Présenté comme un fait",
    reported: "Rapporté",
    denied: "Démenti",
    denied_by: "Démenti par",
    denied_by_voice: "démenti par",
    according_to: "selon",
    reported_according_to: "rapporté selon",
    status_fact: "présenté comme un fait",
    status_reported: "rapporté ou allégué",
    status_denied: "rapporté, et démenti",
    figures: "Chiffres",
    short_fact: "fait",
    short_reported: "rapporté",
    short_denied: "démenti",
    band_hint: "Entrée affiche les preuves ; Gauche et Droite mènent au donateur et au bénéficiaire.",
    node_hint: "Entrée affiche les preuves ; Droite mène aux flux qu’il donne, Gauche à ceux qu’il reçoit.",
    keep_open: "Cliquez, touchez ou appuyez sur Entrée pour garder ceci ouvert.",
    close: "Fermer",
    giver: "Donateur",
    receiver: "Bénéficiaire",
    kind_period_presented: "Type, période, présentation",
    summary: "Résumé",
    width_note: "Largeur des bandes : le nombre de flux documentés ; chaque flux est une affirmation sourcée.",
    certainty_key: "Plein = présenté comme un fait ; hachuré, plus clair = rapporté ; contour en tirets = démenti. Largeur = nombre de flux documentés.",
    source_one: "Source",
    source_many: "Sources",
    not_loaded: "Les données n’ont pas pu être chargées",
    not_drawn: "Le graphique n’a pas pu être dessiné",
};

/// Which word of `Words` a page key names.
pub type PageWord = fn(&Words) -> &'static str;

/// The words of `index.html`'s elements marked `data-say="key"` (their text) or
/// `data-say-label="key"` (their `aria-label`), `data-say-role="key"` (their
/// `aria-roledescription`): the page is written in English and a French chart rewrites them.
pub const PAGE_KEYS: &[(&str, PageWord)] = &[
    ("legend", |w| w.legend_label),
    ("key-fact", |w| w.key_fact),
    ("key-reported", |w| w.key_reported),
    ("key-denied", |w| w.key_denied),
    ("key-width", |w| w.key_width),
    ("period", |w| w.period),
    ("from", |w| w.from),
    ("to", |w| w.to),
    ("play", |w| w.play),
    ("actors", |w| w.actors),
    ("fold", |w| w.fold),
    ("show-all", |w| w.show_all),
    ("note", |w| w.note),
    ("diagram", |w| w.diagram),
    ("stage", |w| w.stage_label),
    ("canvas-loading", |w| w.canvas_loading),
    ("loading", |w| w.loading),
    ("story", |w| w.story),
    ("previous", |w| w.previous),
    ("next", |w| w.next),
    ("evidence", |w| w.evidence),
    ("show-table", |w| w.show_table),
    ("download-label", |w| w.download_label),
    ("download", |w| w.download),
    ("csv", |w| w.csv_button),
];

/// English month names (also `data::period`'s written dates).
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

impl Lang {
    /// A language tag (`fr`, `fr-FR`, `EN-gb`) read as one of ours; None for any other
    /// language, which then falls back to the next source (the page's, then English).
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The first of `tags` that names one of ours (the `lang=` option, then the page's
    /// `lang`), else English.
    pub fn choose<'a>(tags: impl IntoIterator<Item = Option<&'a str>>) -> Lang {
        tags.into_iter()
            .flatten()
            .find_map(Lang::parse)
            .unwrap_or_default()
    }

    /// The BCP 47 tag, for the figure's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub const fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    /// The page word of `key` (`PAGE_KEYS`), None for an unknown key.
    pub fn page_word(self, key: &str) -> Option<&'static str> {
        let words = self.words();
        PAGE_KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, word)| word(words))
    }

    /// A whole number with its thousands grouped: "10,000"; French "10 000" with a narrow
    /// no-break space (U+202F), which never wraps.
    pub fn number(self, n: usize) -> String {
        let separator = match self {
            Lang::En => ",",
            Lang::Fr => "\u{202f}",
        };
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(separator);
            }
            out.push(c);
        }
        out
    }

    /// `x` with `decimals` digits after the mark: "2.5", French "2,5".
    pub fn decimal(self, x: f64, decimals: usize) -> String {
        let text = format!("{x:.decimals$}");
        match self {
            Lang::En => text,
            Lang::Fr => text.replace('.', ","),
        }
    }

    pub fn month(self, month: u8) -> &'static str {
        let i = usize::from(month.clamp(1, 12) - 1);
        match self {
            Lang::En => MONTHS_EN[i],
            Lang::Fr => MONTHS_FR[i],
        }
    }

    /// A date of the precision it has: "2022", "March 2022", "6 December 2026"; French
    /// "mars 2022", "6 décembre 2026", and "1er" for the first of a month.
    pub fn date(self, year: i32, month: Option<u8>, day: Option<u8>) -> String {
        match (month, day) {
            (None, _) => year.to_string(),
            (Some(m), None) => format!("{} {year}", self.month(m)),
            (Some(m), Some(d)) => {
                let day = match (self, d) {
                    (Lang::Fr, 1) => "1er".to_string(),
                    _ => d.to_string(),
                };
                format!("{day} {} {year}", self.month(m))
            }
        }
    }

    /// "3 documented flows", "1 documented flow"; French "3 flux documentés".
    pub fn documented_flows(self, n: usize) -> String {
        match (self, n) {
            (Lang::En, 1) => "1 documented flow".to_string(),
            (Lang::En, n) => format!("{} documented flows", self.number(n)),
            (Lang::Fr, 0 | 1) => format!("{n} flux documenté"),
            (Lang::Fr, n) => format!("{} flux documentés", self.number(n)),
        }
    }

    /// The view line's count: "46 of 104 flows shown".
    pub fn flows_shown(self, shown: usize, total: usize) -> String {
        let (s, t) = (self.number(shown), self.number(total));
        match self {
            Lang::En => format!("{s} of {t} flows shown"),
            Lang::Fr if shown <= 1 => format!("{s} flux affiché sur {t}"),
            Lang::Fr => format!("{s} flux affichés sur {t}"),
        }
    }

    /// The counter under the chart: "Showing 95 of 99 flows; 2 filtered out; 2 rejected as
    /// invalid", the parts that are zero left out.
    pub fn accounting(
        self,
        drawn: usize,
        total: usize,
        filtered: usize,
        rejected: usize,
    ) -> String {
        let n = |x| self.number(x);
        let mut out = match self {
            Lang::En if total == 1 => format!("Showing {} of 1 flow", n(drawn)),
            Lang::En => format!("Showing {} of {} flows", n(drawn), n(total)),
            Lang::Fr => format!("{} flux affichés sur {}", n(drawn), n(total)),
        };
        if filtered > 0 {
            out += &match self {
                Lang::En => format!("; {} filtered out", n(filtered)),
                Lang::Fr => format!(" ; {} masqués par les filtres", n(filtered)),
            };
        }
        if rejected > 0 {
            out += &match self {
                Lang::En => format!("; {} rejected as invalid", n(rejected)),
                Lang::Fr => format!(" ; {} rejetés comme invalides", n(rejected)),
            };
        }
        out
    }

    /// The source footer's coverage line.
    pub fn coverage(self, read: usize, cited: usize, excluded: usize) -> String {
        let n = |x| self.number(x);
        match self {
            Lang::En => format!(
                "{} of the documents read, every one that names an actor: {} cited by flows, {} left out with a reason (headings, background, no giver named…).",
                if read == 1 { "1 sentence".to_string() } else { format!("{} sentences", n(read)) },
                n(cited),
                n(excluded)
            ),
            Lang::Fr => format!(
                "{} phrases des documents lues, toutes celles qui nomment un acteur : {} citées par des flux, {} écartées avec une raison (titres, contexte, aucun donateur nommé…).",
                n(read),
                n(cited),
                n(excluded)
            ),
        }
    }

    /// The downloaded picture's count: "Showing 46 of 104 flows."
    pub fn showing(self, shown: usize, total: usize) -> String {
        let (s, t) = (self.number(shown), self.number(total));
        match self {
            Lang::En => format!("Showing {s} of {t} flows."),
            Lang::Fr => format!("{s} flux affichés sur {t}."),
        }
    }

    /// The tooltip's last line when it shows only the first flows.
    pub fn more_evidence(self, more: usize) -> String {
        match self {
            Lang::En => format!("{more} more: click, tap or press Enter for all the evidence."),
            Lang::Fr => format!(
                "{more} de plus : cliquez, touchez ou appuyez sur Entrée pour toutes les preuves."
            ),
        }
    }

    /// The panel's note under a flow whose quotes are cut.
    pub fn more_quotes(self, more: usize) -> String {
        match self {
            Lang::En => format!("+{more} more quote(s)"),
            Lang::Fr => format!("+{more} citation(s) de plus"),
        }
    }

    /// The data table's caption.
    pub fn table_caption(self, shown: usize) -> String {
        match self {
            Lang::En => format!(
                "The {} flows shown, with their evidence",
                self.number(shown)
            ),
            Lang::Fr => format!(
                "Les {} flux affichés, avec leurs preuves",
                self.number(shown)
            ),
        }
    }

    /// The step control's position: "Step 3 of 6".
    pub fn step_of(self, n: usize, steps: usize) -> String {
        match self {
            Lang::En => format!("Step {n} of {steps}"),
            Lang::Fr => format!("Étape {n} sur {steps}"),
        }
    }

    /// The step control before the story starts.
    pub fn story_in(self, steps: usize) -> String {
        match self {
            Lang::En => format!("A story in {steps} steps"),
            Lang::Fr => format!("Un récit en {steps} étapes"),
        }
    }

    /// The error panel's heading for a dataset that does not validate.
    pub fn problems_in(self, url: &str, problems: usize) -> String {
        match self {
            Lang::En => format!("The data in {url} has {problems} problem(s)"),
            Lang::Fr => format!("Les données de {url} ont {problems} problème(s)"),
        }
    }

    /// The chart's text alternative (`picture::chart::summary`).
    pub fn chart_summary(
        self,
        title: &str,
        flows: usize,
        kinds: usize,
        actors: usize,
        top: &str,
    ) -> String {
        let top = if top.is_empty() {
            self.words().none
        } else {
            top
        };
        match self {
            Lang::En => format!(
                "{title}: a flow diagram of {} documented flows of {kinds} kinds between {actors} actors. Most flows given: {top}.",
                self.number(flows)
            ),
            Lang::Fr => format!(
                "{title} : un diagramme de {} flux documentés de {kinds} types entre {actors} acteurs. Plus de flux donnés : {top}.",
                self.number(flows)
            ),
        }
    }

    /// A label followed by its value: "Gives: arms 3"; French puts a no-break space before
    /// the colon ("Donne : armes 3").
    pub fn labelled(self, label: &str, value: &str) -> String {
        match self {
            Lang::En => format!("{label}: {value}"),
            Lang::Fr => format!("{label}\u{a0}: {value}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of `Words`, by reflection on its `Debug` text: (name, value).
    fn fields(words: &Words) -> Vec<(String, String)> {
        let text = format!("{words:#?}");
        text.lines()
            .filter_map(|line| {
                let (name, value) = line.trim().split_once(": ")?;
                Some((name.to_string(), value.trim_end_matches(',').to_string()))
            })
            .collect()
    }

    #[test]
    fn every_word_has_a_french_that_is_not_the_english() {
        let (en, fr) = (fields(&EN), fields(&FR));
        assert_eq!(en.len(), fr.len());
        assert!(en.len() > 50, "{}", en.len());
        // Words that French writes the same.
        let same = ["pause", "sources", "source_one", "source_many"];
        for ((name, english), (_, french)) in en.iter().zip(&fr) {
            assert!(!french.is_empty() && french != "\"\"", "{name}");
            if !same.contains(&name.as_str()) {
                assert_ne!(english, french, "{name} is not translated");
            }
        }
    }

    #[test]
    fn every_page_key_has_words_in_both_languages() {
        for (key, _) in PAGE_KEYS {
            let (en, fr) = (Lang::En.page_word(key), Lang::Fr.page_word(key));
            assert!(en.is_some() && fr.is_some(), "{key}");
            assert_ne!(en, fr, "{key}");
        }
        assert_eq!(Lang::Fr.page_word("nope"), None);
    }

    #[test]
    fn the_language_is_the_first_tag_we_speak() {
        assert_eq!(Lang::parse("fr"), Some(Lang::Fr));
        assert_eq!(Lang::parse(" FR-ca "), Some(Lang::Fr));
        assert_eq!(Lang::parse("fr_FR"), Some(Lang::Fr));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse(""), None);
        assert_eq!(Lang::parse("french"), None);
        assert_eq!(Lang::choose([None, Some("fr-FR")]), Lang::Fr);
        assert_eq!(Lang::choose([Some("en"), Some("fr")]), Lang::En);
        assert_eq!(Lang::choose([Some("de"), Some("fr")]), Lang::Fr);
        assert_eq!(Lang::choose([Some("de"), None]), Lang::En);
        assert_eq!(Lang::Fr.code(), "fr");
    }

    #[test]
    fn numbers_group_thousands_as_each_language_does() {
        assert_eq!(Lang::En.number(0), "0");
        assert_eq!(Lang::En.number(999), "999");
        assert_eq!(Lang::En.number(10_000), "10,000");
        assert_eq!(Lang::En.number(1_234_567), "1,234,567");
        assert_eq!(Lang::Fr.number(10_000), "10\u{202f}000");
        assert_eq!(Lang::Fr.number(100_000), "100\u{202f}000");
        assert_eq!(Lang::Fr.number(104), "104");
        assert_eq!(Lang::En.decimal(2.5, 1), "2.5");
        assert_eq!(Lang::Fr.decimal(2.5, 1), "2,5");
        assert_eq!(Lang::Fr.decimal(0.125, 2), "0,12");
    }

    #[test]
    fn dates_are_written_as_each_language_does() {
        assert_eq!(Lang::Fr.date(2026, Some(12), Some(6)), "6 décembre 2026");
        assert_eq!(Lang::Fr.date(2022, Some(3), None), "mars 2022");
        assert_eq!(Lang::Fr.date(2021, Some(8), Some(1)), "1er août 2021");
        assert_eq!(Lang::Fr.date(2020, None, None), "2020");
        assert_eq!(Lang::En.date(2026, Some(12), Some(6)), "6 December 2026");
        assert_eq!(Lang::En.date(2022, Some(3), None), "March 2022");
        for m in 1..=12 {
            assert_ne!(Lang::En.month(m), Lang::Fr.month(m));
        }
    }

    #[test]
    fn counts_read_as_sentences() {
        assert_eq!(Lang::En.flows_shown(46, 104), "46 of 104 flows shown");
        assert_eq!(Lang::Fr.flows_shown(46, 104), "46 flux affichés sur 104");
        assert_eq!(Lang::Fr.flows_shown(1, 104), "1 flux affiché sur 104");
        assert_eq!(Lang::En.documented_flows(1), "1 documented flow");
        assert_eq!(Lang::Fr.documented_flows(3), "3 flux documentés");
        assert_eq!(
            Lang::En.accounting(95, 99, 2, 2),
            "Showing 95 of 99 flows; 2 filtered out; 2 rejected as invalid"
        );
        assert_eq!(
            Lang::Fr.accounting(95, 10_000, 2, 0),
            "95 flux affichés sur 10\u{202f}000 ; 2 masqués par les filtres"
        );
        assert_eq!(Lang::Fr.step_of(3, 6), "Étape 3 sur 6");
        assert_eq!(
            Lang::Fr.labelled("Donne", "armes 3"),
            "Donne\u{a0}: armes 3"
        );
    }
}
