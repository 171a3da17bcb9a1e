#include "gui/app/cli_options.hpp"

#include <cctype>

#include <cstdio>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

namespace paxoslab::gui {

namespace {

/// A whole number from `lo` to `hi`; anything else gets one short sentence
/// ("expects a whole number from 0 to 1000000, got '-1'") instead of CLI11's
/// range message with a 300-digit bound.
CLI::Validator whole_number(long long lo, long long hi) {
  return CLI::Validator(
      [lo, hi](std::string& value) -> std::string {
        long long v = 0;
        char tail = 0;
        if (std::sscanf(value.c_str(), "%lld%c", &v, &tail) == 1 && v >= lo && v <= hi) return {};
        return "expects a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got '" +
               value + "'";
      },
      "INT " + std::to_string(lo) + "-" + std::to_string(hi));
}

/// A file name that must end in ".png" (any case): what --screenshot writes.
CLI::Validator png_file() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        const std::string tail = value.size() >= 4 ? value.substr(value.size() - 4) : std::string();
        std::string lower = tail;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == ".png") return {};
        return "writes a PNG: expects a file name ending in .png, got '" + value + "'";
      },
      "FILE.png");
}

/// The largest page and prediction choice the flags take (a lesson's own
/// count is checked once it is read).
constexpr long long kMaxPage = 100;
constexpr long long kMaxChoice = 26;

/// --page and --lesson-page both show a page, at different times: refused
/// together with a sentence saying which does what (false, message on stderr).
bool check_one_page_flag(const CliOptions& o) {
  if (!o.page || o.lesson_page == 0) return true;
  std::fprintf(stderr,
               "paxos-lab: --page and --lesson-page both show a lesson page; give one: --page N shows it before "
               "--steps K step on from it, --lesson-page N shows it after them and takes --lesson-answer\n");
  return false;
}

/// Flags kept as text until parsed into CliOptions after CLI11 ran.
struct RawFlags {
  std::string size;     ///< --size WxH
  std::string compare;  ///< --compare A,B
};

/// What to open: a scenario or a lesson (its page and answer), the stage, servers and steps.
void add_file_options(CLI::App& app, CliOptions& o) {
  // No existence check here: a missing or unreadable file is reported in the
  // app (Set-up tab) like a malformed one, and the app keeps running.
  auto* scenario = app.add_option("--scenario", o.scenario, "Scenario file (TOML) to open");
  auto* lesson = app.add_option("--lesson", o.lesson, "Lesson file to open (its scenario)");
  scenario->excludes(lesson);
  auto* page = app.add_option("--lesson-page", o.lesson_page,
                               "Show this page (1 = the first) of the --lesson file at its moment, as after Next, "
                               "after --steps K")
                   ->check(whole_number(1, kMaxPage));
  page->needs(lesson);
  app.add_option("--lesson-answer", o.lesson_answer,
                 "Answer the page's prediction with this choice (1 = the first) before it plays")
      ->check(whole_number(1, kMaxChoice))
      ->needs(page);
  app.add_option("--stage", o.stage, "Run the file's script on this stage (0-4)")->check(whole_number(0, 4));
  app.add_option("--servers", o.servers, "Run the file's script with this many servers (1-7) instead")
      ->check(whole_number(1, 7));
  app.add_option("--page", o.page,
                 "With --lesson: show this page of the lesson (1 = the first), before --steps K step on from it")
      ->check(whole_number(1, kMaxPage))
      ->needs(lesson);
  app.add_option("--steps", o.steps, "Apply this many steps before showing the run")->check(whole_number(0, 10000000));
  app.add_flag("--busiest", o.busiest,
               "Then go back to the step, among those, with the most messages in flight (captures of busy runs)");
}

/// Captures for docs and tests: a screenshot, the layout report, the chart export.
void add_capture_options(CLI::App& app, CliOptions& o) {
  app.add_option("--screenshot", o.screenshot, "Write a PNG of the window after --frames frames (FILE.png)")
      ->check(png_file());
  app.add_option("--frames", o.frames, "Render this many frames (default 3 with --screenshot, --layout-report, --export-chart or --exit)")->check(whole_number(0, 1000000));
  app.add_option("--layout-report", o.layout_report,
                 "Write FILE.json after --frames frames: every pair of overlapping text labels and every text "
                 "drawn outside its panel with no way to scroll to it, in the last frame");
  app.add_flag("--exit", o.exit, "Quit after the frames are rendered");
  app.add_option("--log-view", o.log_view, "Show (on) or hide (off) the all-servers log view under the cluster view")
      ->transform(CLI::Transformer(std::map<std::string, bool>{{"on", true}, {"off", false}}, CLI::ignore_case));
  app.add_option("--export-chart", o.export_chart,
                 "Write the sequence chart exactly as shown to FILE.svg (vector, text as text) or FILE.png after "
                 "--frames frames (with the capture flags: --scenario/--lesson, --steps, --size, --exit)")
      ->check([](const std::string& p) {
        const auto ends = [&](const char* x) { return p.size() > 4 && p.compare(p.size() - 4, 4, x) == 0; };
        return ends(".svg") || ends(".png") ? std::string() : std::string("expected a file name ending in .svg or .png");
      });
}

/// Benchmarks: frames and idle CPU.
void add_bench_options(CLI::App& app, CliOptions& o) {
  app.add_option("--bench-idle", o.bench_idle,
                 "Benchmark: open the file (or the first lesson), sit idle this many seconds as a user would leave "
                 "it, then print the process's CPU seconds per wall second while idle")
      ->check(CLI::Range(1.0, 3600.0));
  app.add_option("--bench-frames", o.bench_frames, "Benchmark: render N frames of a busy run (or of --scenario / --lesson at --steps K), print the "
                 "whole-process CPU time per frame (median, p99; every thread, input to SwapBuffers), vertices per frame "
                 "and each window's share")
      ->check(whole_number(0, 1000000));
}

/// The window: its size, compare mode, a side tab, the break-finder, the rules panel.
void add_window_options(CLI::App& app, CliOptions& o, RawFlags& raw) {
  app.add_option("--compare", raw.compare, "Open the scenario in compare mode on two stages, e.g. 2,3");
  app.add_option("--size", raw.size, "Window size WxH in pixels (default 1280x800)");
  app.add_option("--tab", o.tab, "Side tab to show (inspector, pending, faults, setup)")
      ->check(CLI::IsMember({"inspector", "pending", "faults", "setup"}));
  app.add_option("--break-finder", o.break_finder,
                 "Open the break-finder window for the stage shown ('open'); also start it with the default bounds "
                 "('start'); or start it and, in a capture (--exit), wait for its result so the picture shows the "
                 "counterexample ('run'; --steps then step into it)")
      ->check(CLI::IsMember({"open", "start", "run"}));
  app.add_option("--rules-panel", o.rules_panel,
                 "Open the \"Which rule matters?\" panel for the stage shown ('open'); or press its Find a break "
                 "('find': the variant set by --without is searched; in a capture (--exit) the app waits for the "
                 "result and shows the break at the step it breaks, or after --steps K steps)")
      ->check(CLI::IsMember({"open", "find"}));
  app.add_option("--without", o.without,
                 "Switch rule RULE of the stage shown off in the \"Which rule matters?\" panel (opens it; "
                 "repeatable; 'paxos-lab-cli rules --stage N' lists the rules that can be switched off)")
      ->type_name("RULE")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

/// --size WxH into o.width and o.height; false (message on stderr) if malformed.
bool parse_size(const std::string& size, CliOptions& o) {
  if (size.empty()) return true;
  int w = 0;
  int h = 0;
  char tail = 0;
  if (std::sscanf(size.c_str(), "%dx%d%c", &w, &h, &tail) != 2 || w < 640 || h < 400 || w > 8192 || h > 8192) {
    std::fprintf(stderr, "paxos-lab: --size expects WxH with W >= 640 and H >= 400, got '%s'\n", size.c_str());
    return false;
  }
  o.width = w;
  o.height = h;
  return true;
}

/// --compare A,B into o.compare; false (message on stderr) if malformed.
bool parse_compare(const std::string& compare, CliOptions& o) {
  if (compare.empty()) return true;
  int a = -1;
  int b = -1;
  char tail = 0;
  if (std::sscanf(compare.c_str(), "%d,%d%c", &a, &b, &tail) != 2 || a < 0 || a > 4 || b < 0 || b > 4) {
    std::fprintf(stderr, "paxos-lab: --compare expects two stage numbers 0-4 separated by a comma, e.g. 2,3; got '%s'\n",
                 compare.c_str());
    return false;
  }
  o.compare = std::make_pair(a, b);
  return true;
}

}  // namespace

int parse_cli(int argc, char** argv, CliOptions& o) {
  CLI::App app{"Paxos Lab: learn Paxos from scratch, stage by stage, and watch each stage break.", "paxos-lab"};
  RawFlags raw;
  add_file_options(app, o);
  add_capture_options(app, o);
  add_bench_options(app, o);
  add_window_options(app, o, raw);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "paxos-lab: %s\nRun 'paxos-lab --help' for the options.\n", e.what());
    return 2;
  }
  if (!parse_size(raw.size, o) || !parse_compare(raw.compare, o) || !check_one_page_flag(o)) return 2;
  // Anything written after the frames, or --exit, needs a last frame: 3 by
  // default (0 would mean "never stop").
  const bool captures = !o.screenshot.empty() || !o.layout_report.empty() || !o.export_chart.empty();
  if ((captures || o.exit) && o.frames == 0) o.frames = 3;
  return -1;
}

}  // namespace paxoslab::gui
