//! The native command-line program: `validate`, `layout`, `render`, the benchmarks, the
//! global order (`order`, `stable-order`), and CSV in and out (`import`, `export-csv`).

use influence_flows::benchmark::plain_graph::{self, Names};
use influence_flows::benchmark::report as bench;
use influence_flows::benchmark::stable;
use influence_flows::colour::theme::Theme;
use influence_flows::data::model::Dataset;
use influence_flows::export;
use influence_flows::export::png::{PngFonts, FONT_PATHS};
use influence_flows::import;
use influence_flows::layout::{self, ApproxMeasure, Graph, Layout, LayoutOptions};
use influence_flows::picture::chart;
use influence_flows::reader::url_state;
use influence_flows::util::lang::Lang;
use influence_flows::validate::coverage;
use influence_flows::validate::quotes as sources;
use influence_flows::validate::{self, Problem, Report};
use influence_flows::view::accounting::Accounting;
use influence_flows::view::order::GlobalOrder;
use influence_flows::view::Filters;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  influence-flows validate FILE [--sources DIR]   check a dataset (and its quotes against DIR)
  influence-flows coverage FILE --sources DIR [--ledger LEDGER] [--draft yes]
                                                  check that every sentence of the documents
                                                  that names an actor is cited or excluded in
                                                  the ledger (default FILE's name with
                                                  .coverage.json); --draft yes prints a ledger
                                                  for the dataset as it stands, TODO for new
                                                  sentences
  influence-flows layout FILE [--view HASH] [--width W] [--height H] [--trim-names yes]
                                                  print the layout of a dataset (or one view of
                                                  it, HASH as in the page's URL: 'hide=arms&
                                                  years=2013-2019&fold=1&layout=network') or of
                                                  a plain {nodes, links} graph as JSON
  influence-flows layout-bench [DIR]              weighted crossings, crossings and time for the
                                                  plain graphs of DIR (default ../shared/benchmarks)
                                                  and random graphs of 120/300, 500/2000, 2000/10000
  influence-flows render FILE -o OUT.svg|OUT.png|OUT.csv [--width W] [--height H]
                       [--theme light|dark] [--scale S] [--font FILE.ttf] [--view all|HASH]
                       [--lang en|fr]
                                                  draw a dataset's first view (or everything,
                                                  or the view of a link's hash) with its title,
                                                  legend, note
                                                  and sources to SVG, or to PNG at S device
                                                  pixels per CSS pixel (default 2; text in
                                                  DejaVu Sans or --font); or write its flows
                                                  with their evidence as CSV
  influence-flows prerender FILE --page INDEX.html
                                                  put the reader's first view, drawn as SVG, into
                                                  the page (the release build runs it on dist/)
  influence-flows import FLOWS.csv [--actors ACTORS.csv] [--meta META.json] -o OUT.json
                                                  a dataset from a spreadsheet's CSV files
                                                  (docs/data-format.md, section From a spreadsheet),
                                                  then checked like `validate`
  influence-flows export-csv FILE -o DIR [--delimiter comma|semicolon|tab]
                                                  a dataset as DIR/flows.csv, actors.csv and
                                                  meta.json, which `import` reads back
  influence-flows order FILE [-o OUT.json]        the dataset's global order of actors, which
                                                  every view keeps (data/mali.order.json)
  influence-flows stable-order FILE [--benchmarks DIR] [-o OUT.md]
                                                  what the global order costs in crossings over
                                                  the player steps, single kinds and random
                                                  filters of the benchmarks (docs/stable-order.md)";

pub fn run(args: Vec<String>) -> ExitCode {
    let result = match args.first().map(String::as_str) {
        Some("validate") => validate_command(&args[1..]),
        Some("coverage") => coverage_command(&args[1..]),
        Some("layout") => layout_command(&args[1..]),
        Some("render") => render_command(&args[1..]),
        Some("layout-bench") => layout_bench_command(&args[1..]),
        Some("prerender") => prerender_command(&args[1..]),
        Some("order") => order_command(&args[1..]),
        Some("import") => import_command(&args[1..]),
        Some("export-csv") => export_csv_command(&args[1..]),
        Some("stable-order") => stable_order_command(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("expected a command\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Command-line arguments: one positional FILE and `--name value` options.
struct Args {
    file: String,
    options: Vec<(String, String)>,
}

impl Args {
    fn parse(args: &[String], known: &[&str]) -> Result<Args, String> {
        let mut file = None;
        let mut options = Vec::new();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            if arg.starts_with('-') {
                if !known.contains(&arg.as_str()) {
                    return Err(format!("unknown option {arg}\n{USAGE}"));
                }
                let value = rest.next().ok_or_else(|| format!("{arg} needs a value"))?;
                options.push((arg.clone(), value.clone()));
            } else if file.replace(arg.clone()).is_some() {
                return Err(format!("unexpected argument {arg}\n{USAGE}"));
            }
        }
        let file = file.ok_or_else(|| format!("missing FILE\n{USAGE}"))?;
        Ok(Args { file, options })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str, default: f64) -> Result<f64, String> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n > 0.0)
                .ok_or_else(|| format!("{name} takes a positive number, not {v:?}")),
        }
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))
}

/// Checks a dataset to draw it: its errors go to stderr and the flows they concern are left
/// out (and counted); an error outside any one flow stops.
fn load_dataset(path: &str, text: &str) -> Result<Report, String> {
    let checked = validate::check(text);
    if checked.dataset.is_none() {
        return Err(report(path, &checked.problems));
    }
    for p in checked.problems.iter().filter(|p| p.is_error()) {
        eprintln!("{path}: {p}");
    }
    Ok(checked)
}

fn report(path: &str, problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        out.push_str(&format!("{path}: {p}\n"));
    }
    out.push_str(&format!("{path}: {} problem(s)", problems.len()));
    out
}

fn validate_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["--sources"])?;
    let text = read(&args.file)?;
    let report = validate::check(&text);
    let mut problems = report.problems.clone();
    if let (Some(dataset), Some(dir)) = (&report.dataset, args.get("--sources")) {
        if !Path::new(dir).is_dir() {
            return Err(format!("--sources {dir}: not a folder"));
        }
        let mut quote_problems = sources::check_quotes_in_dir(dataset, Path::new(dir));
        for p in &mut quote_problems {
            p.path = report.input_path(&p.path);
        }
        validate::add_lines(&text, &mut quote_problems);
        problems.extend(quote_problems);
    }
    if let Some(dataset) = &report.dataset {
        problems.extend(first_view_problems(dataset, &text));
        let mut story = influence_flows::reader::story::problems(dataset);
        validate::add_lines(&text, &mut story);
        problems.extend(story);
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    for p in &problems {
        eprintln!("{}: {p}", args.file);
    }
    let rejected = match report.dataset {
        Some(_) => format!("{} of {}", report.rejected_count(), report.total_flows),
        None => format!("all {}", report.total_flows),
    };
    let Some(dataset) = report.dataset.filter(|_| errors == 0) else {
        return Err(format!(
            "{}: {errors} error(s), {} warning(s); {rejected} flows rejected as invalid",
            args.file,
            problems.len() - errors
        ));
    };
    let evidence: usize = dataset.flows.iter().map(|f| f.evidence.len()).sum();
    let checked = if args.get("--sources").is_some() {
        ", every quote found in its source"
    } else {
        ""
    };
    let story = match dataset.story.len() {
        0 => String::new(),
        n => format!(", {n} story steps"),
    };
    println!(
        "{}: ok: {} sources, {} kinds, {} actors, {} flows, {} evidence items{story}{checked}; {} warning(s)",
        args.file,
        dataset.sources.len(),
        dataset.kinds.len(),
        dataset.actors.len(),
        dataset.flows.len(),
        evidence,
        problems.len()
    );
    Ok(())
}

/// `import`: the CSV files' problems with their rows and columns, or the dataset written and
/// then checked as `validate` checks it (its problems name JSON paths in OUT).
fn import_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["--actors", "--meta", "-o"])?;
    let out = args
        .get("-o")
        .ok_or("import needs -o OUT.json")?
        .to_string();
    let flows = read_spreadsheet(&args.file)?;
    let actors = args.get("--actors").map(read_spreadsheet).transpose()?;
    let meta = args.get("--meta").map(read_spreadsheet).transpose()?;
    let (json, rows) = match import::import(&flows, actors.as_deref(), meta.as_deref()) {
        Ok(imported) => imported,
        Err(problems) => {
            for mut p in problems.iter().cloned() {
                // The files' own paths, not the names the format gives them.
                p.file = match p.file.as_str() {
                    "actors.csv" => args.get("--actors").unwrap_or(&p.file).to_string(),
                    "meta.json" => args.get("--meta").unwrap_or(&p.file).to_string(),
                    _ => args.file.clone(),
                };
                eprintln!("{p}");
            }
            return Err(format!(
                "{} problem(s) in the CSV files; nothing written",
                problems.len()
            ));
        }
    };
    let mut report = validate::check(&json);
    let mut json = json;
    // A dataset without errors is written as the model writes it (nested keys in its order,
    // as `data/*.json`), and checked again for its warnings' lines.
    if let Some(dataset) = report
        .dataset
        .as_ref()
        .filter(|_| report.rejected_count() == 0)
    {
        if !report.problems.iter().any(Problem::is_error) {
            json = serde_json::to_string_pretty(dataset).map_err(|e| e.to_string())? + "\n";
            report = validate::check(&json);
        }
    }
    std::fs::write(&out, &json).map_err(|e| format!("{out}: cannot write: {e}"))?;
    for p in &report.problems {
        // Where to fix it: the spreadsheet's row and column, under the file's own name.
        let place = rows.locate(&p.path).map(|place| {
            let file = match place.split_once(' ') {
                Some(("actors.csv", rest)) => {
                    format!("{} {rest}", args.get("--actors").unwrap_or("actors.csv"))
                }
                Some((_, rest)) => format!("{} {rest}", args.file),
                None => place.clone(),
            };
            format!(" [{file}]")
        });
        eprintln!("{out}: {p}{}", place.unwrap_or_default());
    }
    let errors = report.problems.iter().filter(|p| p.is_error()).count();
    if errors > 0 && args.get("--meta").is_none() {
        eprintln!("{out}: no --meta: the title, sources and kinds come from a meta.json (data/template-meta.json is one)");
    }
    if errors > 0 || report.dataset.is_none() {
        return Err(format!(
            "{out}: written, but {errors} error(s) as a dataset (fix them in the CSV files or meta.json, and import again)"
        ));
    }
    let flows = report.dataset.as_ref().map_or(0, |d| d.flows.len());
    println!(
        "{out}: ok: {flows} flows from {}; {} warning(s)",
        args.file,
        report.problems.len()
    );
    Ok(())
}

/// A file `import` reads, which must be UTF-8: an older spreadsheet's "CSV" is often
/// Windows-1252, and the person needs to know which save option gives UTF-8.
fn read_spreadsheet(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let row = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        format!(
            "{path}: line {row}: byte {at} (0x{:02X}) is not UTF-8; save the sheet as \"CSV UTF-8\" (Excel) or with the character set \"Unicode (UTF-8)\" (LibreOffice)",
            bytes[at]
        )
    })
}

/// `export-csv`: a dataset without errors as the three files `import` reads. The CSV files
/// start with a byte-order mark, by which Excel knows them as UTF-8.
fn export_csv_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["-o", "--delimiter"])?;
    let dir = PathBuf::from(args.get("-o").ok_or("export-csv needs -o DIR")?);
    let delimiter = match args.get("--delimiter").unwrap_or("comma") {
        "comma" | "," => import::Delimiter::Comma,
        "semicolon" | ";" => import::Delimiter::Semicolon,
        "tab" => import::Delimiter::Tab,
        other => {
            return Err(format!(
                "--delimiter takes comma, semicolon or tab, not {other:?}"
            ))
        }
    };
    let text = read(&args.file)?;
    let checked = validate::check(&text);
    let errors: Vec<Problem> = checked
        .problems
        .iter()
        .filter(|p| p.is_error())
        .cloned()
        .collect();
    // Flows rejected by the validator would be missing from the CSV: refuse instead.
    let Some(dataset) = checked.dataset.filter(|_| errors.is_empty()) else {
        return Err(report(&args.file, &errors));
    };
    let (flows, actors, meta) = import::to_csv_separated(&dataset, delimiter);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    for (name, text) in [
        ("flows.csv", format!("\u{feff}{flows}")),
        ("actors.csv", format!("\u{feff}{actors}")),
        ("meta.json", meta),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    println!(
        "{}: {} flows, {} actors written to {}",
        args.file,
        dataset.flows.len(),
        dataset.actors.len(),
        dir.display()
    );
    Ok(())
}

/// What the first view's hash cannot say (an unknown kind, a malformed period), read as a
/// link would be: warnings, as the view is still shown without it.
fn first_view_problems(dataset: &Dataset, text: &str) -> Vec<Problem> {
    if dataset.view.is_none() {
        return Vec::new();
    }
    let (_, notes) = url_state::first_view(dataset);
    let mut problems: Vec<Problem> = notes
        .into_iter()
        .map(|note| Problem::warning("view.hash", note))
        .collect();
    validate::add_lines(text, &mut problems);
    problems
}

/// The filters `--view` asks for: the dataset's first view by default, `all` for every flow,
/// or a link's hash (`hide=ties&years=2020-2022`), whose notes go to stderr.
fn view_filters(dataset: &Dataset, view: Option<&str>, path: &str) -> Filters {
    let (state, notes) = match view {
        None => url_state::first_view(dataset),
        Some("all") => return Filters::default(),
        Some(hash) => url_state::decode(hash, dataset),
    };
    for note in notes {
        eprintln!("{path}: --view: {note}");
    }
    if state.selection.is_some() {
        eprintln!("{path}: --view: sel= pins a mark for hover; a drawing shows no selection");
    }
    state.filters
}

/// `FILE`'s ledger: `data/mali.json` → `data/mali.coverage.json`.
fn ledger_path(file: &str) -> PathBuf {
    let path = Path::new(file);
    let stem = path
        .file_stem()
        .map_or("dataset".into(), |s| s.to_string_lossy());
    path.with_file_name(format!("{stem}.coverage.json"))
}

fn coverage_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["--sources", "--ledger", "--draft"])?;
    let dir = args.get("--sources").ok_or_else(|| {
        format!("coverage needs --sources DIR, the folder of the documents\n{USAGE}")
    })?;
    if !Path::new(dir).is_dir() {
        return Err(format!("--sources {dir}: not a folder"));
    }
    let text = read(&args.file)?;
    let dataset = validate::load(&text).map_err(|problems| report(&args.file, &problems))?;
    let ledger = args
        .get("--ledger")
        .map_or_else(|| ledger_path(&args.file), PathBuf::from);
    let ledger_name = ledger.display().to_string();
    let read_doc = |file: &str| std::fs::read_to_string(Path::new(dir).join(file)).ok();
    if args.get("--draft").is_some_and(|v| v != "no") {
        let previous = std::fs::read_to_string(&ledger).unwrap_or_default();
        print!("{}", coverage::draft(&dataset, &previous, &read_doc));
        return Ok(());
    }
    let ledger_text = std::fs::read_to_string(&ledger)
        .map_err(|e| format!("{ledger_name}: cannot read the coverage ledger: {e} (--draft yes writes one to start from)"))?;
    let outcome = coverage::check(&dataset, &ledger_text, &read_doc);
    // Problems at ledger paths name the ledger; the others (aliases, counts) the dataset.
    let (mut in_ledger, mut in_dataset): (Vec<Problem>, Vec<Problem>) =
        outcome.problems.iter().cloned().partition(|p| {
            p.path.is_empty() || p.path.starts_with("sentences") || p.path == "format"
        });
    validate::add_lines(&ledger_text, &mut in_ledger);
    validate::add_lines(&text, &mut in_dataset);
    for p in &in_ledger {
        eprintln!("{ledger_name}: {p}");
    }
    for p in &in_dataset {
        eprintln!("{}: {p}", args.file);
    }
    let summary = format!(
        "{ledger_name}: {} sentences in {} documents, {} naming an actor; {} read: {} cited, {} excluded; {} uncovered",
        outcome.sentences,
        dataset.sources.iter().filter(|s| s.file.is_some()).count(),
        outcome.naming_actors,
        outcome.read,
        outcome.cited,
        outcome.excluded,
        outcome.uncovered
    );
    if outcome.has_errors() {
        let errors = outcome.problems.iter().filter(|p| p.is_error()).count();
        return Err(format!("{summary}; {errors} error(s)"));
    }
    println!("{summary}");
    Ok(())
}

fn layout_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["--view", "--width", "--height", "--trim-names"])?;
    let text = read(&args.file)?;
    let width = args.number("--width", 960.0)?;
    let json = if looks_like_dataset(&text) {
        let report = load_dataset(&args.file, &text)?;
        let dataset = report.dataset.as_ref().ok_or("no dataset")?;
        let height = args
            .get("--height")
            .map(|_| args.number("--height", 0.0))
            .transpose()?;
        let filters = view_filters(dataset, args.get("--view"), &args.file);
        let chart = chart::build(
            dataset,
            &filters,
            width,
            height,
            &Theme::LIGHT,
            &ApproxMeasure,
        );
        if report.rejected_count() > 0 {
            let accounting = Accounting::new(&report, Some(&chart.view.counts));
            eprintln!("{}: {accounting}", args.file);
        }
        serde_json::to_string_pretty(&DatasetLayout::new(dataset, &chart))
    } else {
        let names = if args.get("--trim-names") == Some("yes") {
            Names::Trim
        } else {
            Names::Exact
        };
        if args.get("--view").is_some() {
            return Err(format!(
                "{}: --view applies to datasets, not plain graphs",
                args.file
            ));
        }
        let plain = plain_graph::parse(&text, names).map_err(|e| format!("{}: {e}", args.file))?;
        for note in &plain.notes {
            eprintln!("{}: {note}", args.file);
        }
        let height = args.number("--height", 600.0)?;
        let options = LayoutOptions {
            width,
            height,
            ..LayoutOptions::default()
        };
        let layout = layout::layout(&plain.graph, &options, &ApproxMeasure);
        serde_json::to_string_pretty(&PlainLayout {
            graph: &plain.graph,
            layout: &layout,
        })
    };
    println!("{}", json.map_err(|e| e.to_string())?);
    Ok(())
}

/// Weighted crossings, crossings and time for the benchmark graphs and random graphs.
fn layout_bench_command(args: &[String]) -> Result<(), String> {
    let dir = match args {
        [] => "../shared/benchmarks",
        [dir] => dir.as_str(),
        _ => return Err(format!("layout-bench takes at most one folder\n{USAGE}")),
    };
    let (mut graphs, notes) = bench::benchmark_graphs(Path::new(dir))?;
    for note in notes {
        eprintln!("note: {note}");
    }
    graphs.extend(bench::standard_random_graphs());
    print!("{}", bench::benchmark_report(&graphs));
    Ok(())
}

fn render_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(
        args,
        &[
            "-o", "--width", "--height", "--theme", "--scale", "--font", "--view", "--lang",
        ],
    )?;
    let out = args
        .get("-o")
        .ok_or("render needs -o OUT.svg, OUT.png or OUT.csv")?;
    let format = Path::new(out)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match format.as_deref() {
        Some(f @ ("svg" | "png" | "csv")) => f.to_string(),
        _ => return Err(format!("-o {out}: write .svg, .png or .csv")),
    };
    if format != "png" {
        for png_only in ["--scale", "--font"] {
            if args.get(png_only).is_some() {
                return Err(format!("{png_only} applies to .png output only"));
            }
        }
    }
    let theme = match args.get("--theme").unwrap_or("light") {
        "light" => Theme::LIGHT,
        "dark" => Theme::DARK,
        other => return Err(format!("--theme takes light or dark, not {other:?}")),
    };
    // The frame's own words; the dataset's and the CSV's columns stay as they are.
    let lang = match args.get("--lang") {
        None => Lang::En,
        Some(tag) => Lang::parse(tag).ok_or(format!("--lang takes en or fr, not {tag:?}"))?,
    };
    let text = read(&args.file)?;
    let report = load_dataset(&args.file, &text)?;
    let dataset = report.dataset.as_ref().ok_or("no dataset")?;
    let width = args.number("--width", 960.0)?;
    let height = args
        .get("--height")
        .map(|_| args.number("--height", 0.0))
        .transpose()?;
    let fonts = match format.as_str() {
        "png" => Some(png_fonts(args.get("--font"))?),
        _ => None,
    };
    // PNG labels are measured in the font they are drawn with; SVG text is set by the viewer.
    let measure: &dyn layout::TextMeasure = match &fonts {
        Some(fonts) => fonts,
        None => &ApproxMeasure,
    };
    let filters = view_filters(dataset, args.get("--view"), &args.file);
    let mut chart = chart::build(dataset, &filters, width, height, &theme, measure);
    // `--view step=N`: the step's annotations too.
    let step = args
        .get("--view")
        .and_then(|hash| url_state::decode(hash, dataset).0.step);
    influence_flows::reader::story::annotate(dataset, &mut chart, step, measure, &theme);
    let (bytes, what) = match (format.as_str(), &fonts) {
        ("png", Some(fonts)) => {
            let scale = args.number("--scale", 2.0)?;
            let png = export::png::png_in(dataset, &chart, &theme, scale, fonts, lang)?;
            // The IHDR chunk's width and height, for the <img> that shows it.
            let side =
                |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
            let (w, h) = (side(16), side(20));
            let css = |px: u32| (f64::from(px) / scale).round();
            let what = format!(
                "PNG {w} × {h} px at {scale}× ({} × {} CSS px)",
                css(w),
                css(h)
            );
            (png, what)
        }
        ("csv", _) => (
            export::csv(dataset, &chart.view).into_bytes(),
            "CSV".to_string(),
        ),
        _ => (
            export::svg_in(dataset, &chart, &theme, lang).into_bytes(),
            "SVG".to_string(),
        ),
    };
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    let accounting = Accounting::new(&report, Some(&chart.view.counts));
    println!(
        "{out}: {what}, {} bytes; {} bands, {} actors; {}",
        bytes.len(),
        chart.scene.bands.len(),
        chart.scene.nodes.len(),
        influence_flows::util::caseless::lower(&accounting.to_string())
    );
    Ok(())
}

/// Writes the dataset's global order (the file the page reads for the shipped data).
fn order_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["-o"])?;
    let text = read(&args.file)?;
    // The page reads a baked dataset without checking it again (`validate::read_checked`):
    // only a dataset with no error at all is baked.
    let dataset = validate::load(&text).map_err(|problems| report(&args.file, &problems))?;
    let json = GlobalOrder::compute(&dataset).to_json(&text);
    match args.get("-o") {
        Some(out) => {
            std::fs::write(out, &json).map_err(|e| format!("{out}: {e}"))?;
            println!("{out}: the global order of {}", args.file);
        }
        None => print!("{json}"),
    }
    Ok(())
}

/// The crossing-ratio table of the global order (docs/stable-order.md).
fn stable_order_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["--benchmarks", "-o"])?;
    let text = read(&args.file)?;
    let report = load_dataset(&args.file, &text)?;
    let dataset = report.dataset.as_ref().ok_or("no dataset")?;
    let dir = args.get("--benchmarks").unwrap_or("../shared/benchmarks");
    let (graphs, _) = bench::benchmark_graphs(Path::new(dir))?;
    let name = Path::new(&args.file)
        .file_name()
        .map_or(args.file.clone(), |n| n.to_string_lossy().into_owned());
    let markdown = stable::document(&name, dataset, &graphs);
    match args.get("-o") {
        Some(out) => {
            std::fs::write(out, &markdown).map_err(|e| format!("{out}: {e}"))?;
            println!("{out}: written");
        }
        None => print!("{markdown}"),
    }
    Ok(())
}

/// DejaVu Sans from `--font` or the usual system places, with its bold face if beside it.
fn png_fonts(explicit: Option<&str>) -> Result<PngFonts, String> {
    let path = match explicit {
        Some(path) => PathBuf::from(path),
        None => FONT_PATHS
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
            .ok_or_else(|| {
                format!(
                    "no font to draw PNG text with: install DejaVu Sans \
                     (Debian and Ubuntu: apt-get install fonts-dejavu-core; \
                     `cargo xtask setup` does this) or pass --font FILE.ttf. Looked in: {}",
                    FONT_PATHS.join(", ")
                )
            })?,
    };
    let regular =
        std::fs::read(&path).map_err(|e| format!("--font {}: cannot read: {e}", path.display()))?;
    let bold = match explicit {
        Some(_) => None,
        None => std::fs::read(path.with_file_name("DejaVuSans-Bold.ttf")).ok(),
    };
    PngFonts::from_bytes(regular, bold).map_err(|e| format!("{}: {e}", path.display()))
}

fn looks_like_dataset(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .map(|v| v.get("format").is_some())
        .unwrap_or(true)
}

/// The layout of a plain graph: node ids with their boxes, then the layout as computed.
#[derive(Serialize)]
struct PlainLayout<'a> {
    #[serde(serialize_with = "node_ids")]
    graph: &'a Graph,
    #[serde(flatten)]
    layout: &'a Layout,
}

fn node_ids<S: serde::Serializer>(graph: &&Graph, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(graph.nodes.iter().map(|n| n.id.as_str()))
}

/// The layout of a dataset, with the names a reader knows.
#[derive(Serialize)]
struct DatasetLayout<'a> {
    width: f64,
    height: f64,
    columns: usize,
    nodes: Vec<NodeOut<'a>>,
    links: Vec<LinkOut<'a>>,
    labels: &'a [layout::Label],
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    label: &'a str,
    column: usize,
    rect: &'a layout::Rect,
}

#[derive(Serialize)]
struct LinkOut<'a> {
    source: &'a str,
    target: &'a str,
    kind: &'a str,
    flows: Vec<&'a str>,
    value: f64,
    #[serde(flatten)]
    band: &'a layout::Band,
}

impl<'a> DatasetLayout<'a> {
    fn new(dataset: &'a Dataset, chart: &'a chart::Chart) -> Self {
        let graph: &Graph = &chart.view.graph;
        let layout: &Layout = &chart.layout;
        DatasetLayout {
            width: layout.width,
            height: layout.height,
            columns: layout.columns,
            nodes: graph
                .nodes
                .iter()
                .zip(&layout.nodes)
                .map(|(n, b)| NodeOut {
                    id: &n.id,
                    label: &n.label,
                    column: b.column,
                    rect: &b.rect,
                })
                .collect(),
            links: graph
                .links
                .iter()
                .zip(&chart.view.links)
                .zip(&layout.bands)
                .map(|((l, v), band)| LinkOut {
                    source: &graph.nodes[l.source].id,
                    target: &graph.nodes[l.target].id,
                    kind: &v.kind,
                    flows: v
                        .flows
                        .iter()
                        .map(|&i| dataset.flows[i].id.as_str())
                        .collect(),
                    value: l.value,
                    band,
                })
                .collect(),
            labels: &layout.labels,
        }
    }
}

/// `prerender FILE --page INDEX.html`: the page's first picture, in place (`export::prerender`).
fn prerender_command(args: &[String]) -> Result<(), String> {
    let args = Args::parse(args, &["--page"])?;
    let page_path = args
        .get("--page")
        .ok_or("prerender needs --page INDEX.html")?;
    let text = read(&args.file)?;
    let report = load_dataset(&args.file, &text)?;
    let dataset = report.dataset.as_ref().ok_or("no dataset")?;
    // The view the page opens on when its URL asks for none: the dataset's first view.
    let filters = view_filters(dataset, None, &args.file);
    let before = read(page_path)?;
    let page = export::prerender::page(
        &before,
        dataset,
        &filters,
        report.rejected_count(),
        &ApproxMeasure,
    )
    .map_err(|e| format!("{page_path}: {e}"))?;
    std::fs::write(page_path, &page).map_err(|e| format!("{page_path}: {e}"))?;
    println!(
        "{page_path}: first view put in (frame and picture), {} bytes more",
        page.len().saturating_sub(before.len())
    );
    Ok(())
}
