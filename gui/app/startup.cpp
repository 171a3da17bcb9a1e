#include "gui/app/startup.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "core/lessons/lesson_paths.hpp"
#include "gui/app/bench.hpp"

namespace paxoslab::gui {

namespace {

/// Opens what the command line asks for; returns false if a file failed to load.
bool open_requested(App& app, const CliOptions& cli) {
  const std::string& file = !cli.scenario.empty() ? cli.scenario : cli.lesson;
  if (file.empty()) {
    app.open_default();
    if (cli.stage) {  // the default run's script, on the stage asked for
      SimConfig c = app.session().source().config;
      c.stage = *cli.stage;
      app.start_setup(c, true);
    }
    return true;
  }
  // --lesson takes a file, or a lesson of the installed track by id, number or file name.
  std::string lesson = cli.lesson;
  if (!lesson.empty()) {
    const std::string found = find_lesson_file(find_lessons_dir(current_lesson_search_inputs()), lesson);
    if (!found.empty()) lesson = found;
  }
  const std::string err = !lesson.empty() ? app.open_lesson(lesson) : app.open_scenario(file, cli.stage);
  if (!err.empty()) {
    std::fprintf(stderr, "paxos-lab: %s\n", err.c_str());
    return false;
  }
  if (cli.servers) {  // the same script on another cluster size (the lesson column stays)
    SimConfig c = app.session().source().config;
    c.servers = *cli.servers;
    c.knobs.quorum_size = std::min(c.knobs.quorum_size, c.servers);
    if (const std::string problem = validate(c); !problem.empty()) {
      std::fprintf(stderr, "paxos-lab: --servers %d: %s\n", *cli.servers, problem.c_str());
      return false;
    }
    app.start_setup(c, true);
  }
  // The page at its moment now (on the run just set up), so that --steps step on from there.
  if (cli.page && !cli.lesson.empty()) {
    const Lesson* l = app.lessons().current();
    const int pages = l ? static_cast<int>(l->pages.size()) : 0;
    if (*cli.page > pages) {
      std::fprintf(stderr, "paxos-lab: --page %d: %s has %d pages\n", *cli.page, l ? l->path.c_str() : "the lesson", pages);
      return false;
    }
    app.show_lesson_page(*cli.page - 1);
  }
  return true;
}

/// Applies --steps K, then with --busiest goes back to the step among them
/// with the most messages in flight (the earliest such step).
void apply_steps(Session& s, const CliOptions& cli) {
  std::size_t best = s.cursor();
  std::size_t most = s.sim().network().in_flight().size();
  for (int i = 0; i < cli.steps; ++i) {
    if (!s.step()) break;
    const std::size_t n = s.sim().network().in_flight().size();
    if (n > most) {
      most = n;
      best = s.cursor();
    }
  }
  if (cli.busiest) s.jump_to(best);
}

/// --lesson-page N [--lesson-answer K]: the open lesson's page N at its
/// moment (its prediction answered with choice K first). False, with a
/// message, when the lesson has no such page or the page no such choice.
bool show_lesson_page(App& app, const CliOptions& cli) {
  const Lesson* l = app.lessons().current();
  if (l == nullptr) return false;
  const int pages = static_cast<int>(l->pages.size());
  if (cli.lesson_page > pages) {
    std::fprintf(stderr, "paxos-lab: --lesson-page %d: %s has %d pages\n", cli.lesson_page, l->path.c_str(), pages);
    return false;
  }
  const LessonPage& page = l->pages[static_cast<std::size_t>(cli.lesson_page - 1)];
  std::optional<std::size_t> answer;
  if (cli.lesson_answer > 0) {
    const int choices = page.predict ? static_cast<int>(page.predict->choices.size()) : 0;
    if (cli.lesson_answer > choices) {
      std::fprintf(stderr, "paxos-lab: --lesson-answer %d: page %d of %s has %d prediction choices\n", cli.lesson_answer,
                   cli.lesson_page, l->path.c_str(), choices);
      return false;
    }
    answer = static_cast<std::size_t>(cli.lesson_answer - 1);
  }
  app.show_lesson_page(cli.lesson_page - 1, answer);
  return true;
}

/// --break-finder open|start|run: shows the window; "start" and "run" start
/// the search with the stage's default bounds, and with "run" a headless
/// capture waits for its result (the counterexample is then the session, at
/// its start).
void start_break_finder(App& app, const CliOptions& cli, bool headless) {
  app.queue().push(cmd::ShowBreakFinder{true});
  if (cli.break_finder == "open") return;
  const std::string err = app.start_break_search(default_break_bounds(app.session().stage().number));
  if (!err.empty()) std::fprintf(stderr, "paxos-lab: --break-finder: %s\n", err.c_str());
  if (headless && cli.break_finder == "run") app.wait_for_break_search();
}

/// --rules-panel open|find and --without RULE: shows the "Which rule
/// matters?" panel with those rules off; "find" presses its Find a break, and
/// a headless capture waits for the result: a verified break is shown paused
/// at the step where it breaks (at its start with --steps K, which then step
/// into it). False, with a message, for a rule the stage cannot switch off.
bool open_rules_panel(App& app, const CliOptions& cli, bool headless) {
  app.queue().push(cmd::ShowRulesPanel{true});
  if (const std::string err = app.set_rules_off(cli.without); !err.empty()) {
    std::fprintf(stderr, "paxos-lab: --without: %s\n", err.c_str());
    return false;
  }
  if (cli.rules_panel != "find") return true;
  if (const std::string err = app.start_variant_search(app.rules_off()); !err.empty()) {
    std::fprintf(stderr, "paxos-lab: --rules-panel find: %s\n", err.c_str());
    return false;
  }
  if (!headless) return true;
  app.wait_for_break_search();
  const BreakFinding* f = app.finding();
  if (f != nullptr && app.variant_break_on_screen()) {
    app.session().set_playing(false);
    if (cli.steps == 0) app.session().jump_to(f->break_step);
  }
  return true;
}

}  // namespace

/// --bench-frames: the file asked for at its steps, or else the busy run.
bool set_up_bench(App& app, const CliOptions& cli) {
  if (!cli.scenario.empty() || !cli.lesson.empty()) {
    const bool ok = open_requested(app, cli);  // benchmark the given file instead of the busy run
    apply_steps(app.session(), cli);
    return ok;
  }
  std::printf("building the busy run (7 servers, 10,000 events, ~200 messages in flight)...\n");
  app.adopt(make_busy_session(10000, 200));
  std::printf("busy run: %llu trace events, %zu messages in flight\n",
              static_cast<unsigned long long>(app.session().sim().trace().size()),
              app.session().sim().network().in_flight().size());
  return true;
}

/// What the command line asks to show: the file (or the default run), compare
/// mode, the break-finder, the rules panel, the steps, a lesson page; the
/// help on a first start. False when a file or a flag's value failed.
bool set_up_content(App& app, const CliOptions& cli, bool headless) {
  bool ok = open_requested(app, cli);
  if (ok && cli.compare) {
    ok = app.open_compare(cli.compare->first, cli.compare->second).empty();
    if (app.compare() != nullptr)
      for (int i = 0; i < cli.steps; ++i)
        if (!app.compare()->step()) break;
  } else {
    if (ok && !cli.break_finder.empty()) start_break_finder(app, cli, headless);
    if (ok && (!cli.rules_panel.empty() || !cli.without.empty())) ok = open_rules_panel(app, cli, headless);
    apply_steps(app.session(), cli);
    if (cli.steps > 0 && !cli.lesson.empty()) app.hold_lesson_run();  // the run stays at the steps asked for
    if (ok && cli.lesson_page > 0) ok = show_lesson_page(app, cli);
  }
  if (!headless && app.prefs().show_help_on_start) {
    app.ui().help_open = true;
    app.prefs().show_help_on_start = false;
  }
  return ok;
}

/// --tab and --layout-report: what the first frame shows and records.
void apply_view_flags(App& app, const CliOptions& cli) {
  if (!cli.layout_report.empty()) app.set_layout_capture(true);
  if (cli.tab.empty()) return;
  const char* tabs[] = {"inspector", "pending", "faults", "setup"};
  for (int i = 0; i < 4; ++i)
    if (cli.tab == tabs[i]) app.ui().side_tab_request = i;
}

}  // namespace paxoslab::gui
