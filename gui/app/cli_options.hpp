// The desktop app's command line (CLI11):
//   paxos-lab [--scenario FILE | --lesson FILE [--page P | --lesson-page N]] [--stage N] [--servers N] [--steps K [--busiest]]
//             [--screenshot OUT.png] [--frames N] [--exit] [--bench-frames N]
//             [--size WxH] [--compare A,B] [--break-finder open|start|run]
//             [--rules-panel open|find] [--without RULE]...
//             [--lesson-page N [--lesson-answer K]]
//             [--layout-report FILE.json] [--log-view on|off]
#pragma once

#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace paxoslab::gui {

struct CliOptions {
  std::string scenario;          ///< Scenario file to open.
  std::string lesson;            ///< Lesson file (opened as its embedded scenario for now).
  std::optional<int> stage;      ///< Run the file's script on this stage instead.
  int steps = 0;                 ///< Steps to apply before showing (lockstep steps with --compare).
  int lesson_page = 0;           ///< --lesson-page N: show page N (1-based) of --lesson at its moment; 0 = none.
  int lesson_answer = 0;         ///< --lesson-answer K: answer that page's prediction with choice K (1-based); 0 = none.
  std::optional<int> servers;    ///< Run the file's script with this many servers (1-7).
  std::optional<int> page;       ///< Lesson page to show (1-based), with --lesson.
  bool busiest = false;          ///< After the steps, go back to the one with the most messages in flight.
  std::optional<std::pair<int, int>> compare;  ///< --compare A,B: open the file in compare mode on stages A and B.
  std::string screenshot;        ///< PNG to write after `frames` frames.
  /// JSON to write after `frames` frames: the last frame's overlapping and
  /// clipped text ({"overlaps": [...], "clipped": [...]}, gui/panels/layout_record.hpp).
  std::string layout_report;
  int frames = 0;                ///< Frames to render (0 = until the window closes).
  bool exit = false;             ///< Quit after `frames` frames.
  std::string tab;               ///< Side tab to show: inspector, pending, faults or setup (captures).
  /// --log-view on|off: show or hide the all-servers log view whatever the
  /// preferences say (captures start from default preferences). Unset = the
  /// preferences decide.
  std::optional<bool> log_view;
  /// "open": show the break-finder window; "start": also start it with the
  /// stage's default bounds; "run": start it, and captures wait for its
  /// result. Empty = none of these.
  std::string break_finder;
  /// "open": show the "Which rule matters?" panel; "find": also press its
  /// Find a break, and in a capture wait for the result (the variant's break
  /// then plays, shown at its break unless --steps K). Empty = neither.
  std::string rules_panel;
  /// --without RULE (repeatable): switch RULE off in that panel (opens it).
  std::vector<std::string> without;
  int bench_frames = 0;          ///< Benchmark mode: frames of a busy run.
  std::string export_chart;      ///< Write the sequence chart as drawn (.svg or .png) after --frames frames.
  double bench_idle = 0;         ///< Benchmark mode: seconds to sit idle, then print CPU s per wall s (0 = off).
  int width = 1280;
  int height = 800;
};

/// Parses the command line. Returns -1 to go on; otherwise the process exit
/// code (0 after --help; 2 for bad flags, with a clear message on stderr:
/// a number out of range says "expects a whole number from 1 to 100"; --page
/// with --lesson-page is refused, saying which does what).
int parse_cli(int argc, char** argv, CliOptions& out);

}  // namespace paxoslab::gui
