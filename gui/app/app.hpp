// App: owns the Session, the UI state, the preferences, the chart model and
// every panel's view state; once per frame it applies the commands queued
// last frame, advances playback, and draws the panels in a fixed layout.
//
// The frame (Dear ImGui's example skeleton): the platform layer calls
// ImGui::NewFrame(), then App::frame(dt), then ImGui::Render(). Nothing here
// touches GLFW or OpenGL, so tests run the App in a bare ImGui context.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gui/app/theme.hpp"
#include "gui/model/break_finder.hpp"
#include "gui/model/chart_model.hpp"
#include "gui/model/command.hpp"
#include "gui/model/compare_session.hpp"
#include "gui/model/preferences.hpp"
#include "gui/model/session.hpp"
#include "gui/panels/break_finder_window.hpp"
#include "gui/panels/cluster_view.hpp"
#include "gui/panels/compare_view.hpp"
#include "gui/panels/controls.hpp"
#include "gui/panels/event_log.hpp"
#include "gui/panels/faults.hpp"
#include "gui/panels/panel_context.hpp"
#include "gui/panels/sequence_chart.hpp"
#include "gui/panels/setup.hpp"
#include "gui/model/lesson_model.hpp"
#include "gui/panels/lesson_panel.hpp"
#include "gui/panels/log_view.hpp"
#include "gui/panels/rules_panel.hpp"

namespace paxoslab::gui {

struct AppOptions {
  std::string exe_dir;  ///< Folder of the binary (finding scenarios/).
  std::string progress_path;  ///< Lesson progress file (gui/model/progress.hpp); empty = not saved.
};

/// The side panel's tabs.
enum class SideTab : int { Inspector = 0, Pending = 1, Faults = 2, Setup = 3 };

class App {
 public:
  App(AppOptions options, Preferences prefs);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  /// Loads `path` as a scenario and starts it (on `stage` if given). Returns
  /// the loader's error ("file:line:col: ...") and keeps the current run on
  /// failure. With `lenient`, unknown top-level tables (a lesson's) are
  /// ignored, so a lesson file opens as its embedded scenario.
  std::string open_scenario(const std::string& path, std::optional<int> stage = std::nullopt, bool lenient = false);
  /// Starts `scenario` as loaded (and adjusted by the caller: its knobs,
  /// `without`, seed, limits) on `stage` if given, else on its own stage.
  /// Returns "there is no stage N ..." (the current run kept) or empty.
  /// `paxos-lab-cli run --chart` draws the run it reports through this.
  std::string open_loaded_scenario(Scenario scenario, std::optional<int> stage = std::nullopt);
  /// The start-up run: fig03_send_accept.toml if found, else a Stage 1 set-up.
  void open_default();
  /// Starts `config` (validated by the caller), with the current scenario's
  /// script when `keep_script`.
  void start_setup(const SimConfig& config, bool keep_script);

  /// Replaces the run with `session` (benchmarks, tests).
  void adopt(Session session);

  /// Applies queued commands, advances playback by `dt_seconds`, reads the
  /// keyboard and draws every panel. Call between NewFrame and Render.
  void frame(float dt_seconds);
  // ---- chart export (gui/app/chart_export.hpp) ----
  /// Exports the sequence chart to `path` (.svg: vector, text as text;
  /// .png: the window's pixels) after the next frame is rendered.
  void request_chart_export(std::string path);
  /// Call after ImGui::Render(): writes a requested SVG export (the status
  /// line says where, or why not). Returns the path of a requested PNG
  /// export, which only the window (with its pixels) can write; else empty.
  std::string after_render();
  /// True while an export waits for the next frame.
  bool export_pending() const { return !export_path_.empty(); }

  /// True while the picture changes without input: the run, a lesson page or
  /// compare mode plays, or the break-finder searches (or has a result to
  /// take). The window draws every frame then; otherwise it waits for input
  /// (gui/platform/frame_pacer.hpp).
  bool animating() const;
  /// The colour the window is cleared to before the frame's draw data: the
  /// canvas colour (theme::kBackground) while the tiled panels are shown
  /// (they and their canvases draw no background of their own: a software
  /// renderer then shades each of their pixels once less; docs/gui.md,
  /// "Speed"), else the backdrop.
  ImU32 clear_color() const { return clear_color_; }
  /// Applies every queued command now (frame() starts with this).
  void apply_pending();
  void apply(const Command& c);
  /// The commands of each group (app_commands.cpp); each returns false for a
  /// command of another group.
  bool apply_run_command(const Command& c);    ///< play, step, jump, speed, reset, pick, actions
  bool apply_setup_command(const Command& c);  ///< seed, manual mode, open, new setup, export
  bool apply_view_command(const Command& c);   ///< selection, view options, panels
  bool apply_finder_command(const Command& c); ///< the break-finder and its counterexample

  // ---- compare mode (app_compare.cpp) ----
  /// Opens the current run's scenario (or set-up) in compare mode on stages
  /// `a` and `b`. Returns an error sentence (no such stage) or empty.
  std::string open_compare(int a, int b);
  /// Back to the single run.
  void close_compare();
  /// The comparison on screen, or nullptr outside compare mode.
  CompareSession* compare() { return compare_ ? &*compare_ : nullptr; }
  CompareViewState& compare_view() { return compare_view_; }

  // ---- lessons (app_lessons.cpp) ----
  /// Opens a lesson file (`--lesson FILE`): the lesson panel shows it and its
  /// scripted run starts. Returns the load error ("file:line:col: ...") or empty.
  std::string open_lesson(const std::string& path);
  /// Shows page `page` (0-based) of the open lesson at its moment, played
  /// without pause (`--lesson-page`); with `answer`, its prediction is
  /// answered with that choice first (`--lesson-answer`). Applied now.
  void show_lesson_page(int page, std::optional<std::size_t> answer = std::nullopt);
  /// Leaves the lesson's run where it is now: no pending Next, no playing to
  /// the page's moment (`--steps K` with `--lesson`).
  void hold_lesson_run() {
    lessons_.hold();
    session_->set_playing(false);
  }
  /// Opens lesson 1 of the installed track; false if there is none.
  bool open_first_lesson();
  LessonModel& lessons() { return lessons_; }
  /// Shows or hides the lesson column (shown once a lesson is opened).
  void set_lessons_visible(bool on) { lessons_visible_ = on; }
  bool lessons_visible() const { return lessons_visible_; }
  /// What the views dim this frame (inactive when nothing is).
  const LessonFocus& lesson_focus() const { return lesson_focus_; }

  // ---- the break-finder (app_break_finder.cpp) ----
  /// Starts searching the current stage within `bounds` on a background
  /// thread (cmd::StartBreakSearch does the same). Returns why it did not
  /// start, or empty. When it finishes, the next frame takes the result: a
  /// counterexample is opened at its start and the window shows the finding.
  std::string start_break_search(const SearchBounds& bounds);
  /// Waits for the running search and takes its result now (captures, tests).
  void wait_for_break_search();
  const BreakFinder& break_finder() const { return break_finder_; }
  /// The last finished search, or nullptr.
  const BreakFinding* finding() const { return finding_ ? &*finding_ : nullptr; }
  /// True while the session is the last finding's counterexample.
  bool finding_on_screen() const { return finding_on_screen_; }

  // ---- "Which rule matters?" (app_rules_panel.cpp) ----
  /// Searches the current stage with the rules `without` off (a variant)
  /// within gui::variant_bounds, on the break-finder's thread. Returns why it
  /// did not start (a search is running; a rule the stage cannot switch
  /// off), or empty. When it finishes, the panel shows the outcome and a
  /// verified break is opened and played under the variant's banner.
  std::string start_variant_search(const std::vector<std::string>& without);
  /// Switches the rules `without` off in the panel for the stage on screen
  /// and opens the panel (`--without RULE`). Returns check_without's
  /// sentence for an id the stage cannot switch off (nothing changed), or empty.
  std::string set_rules_off(const std::vector<std::string>& without);
  /// The rules switched off in the panel (sorted).
  const std::vector<std::string>& rules_off() const { return rules_panel_.switches.without(); }
  /// True while the session plays a break the panel's search found.
  bool variant_break_on_screen() const { return finding_on_screen_ && finding_from_rules_; }

  CommandQueue& queue() { return queue_; }
  Session& session() { return *session_; }
  const Session& session() const { return *session_; }
  UiState& ui() { return ui_; }
  Preferences& prefs() { return prefs_; }
  Fonts& fonts() { return fonts_; }
  const ChartModel& chart() const { return chart_; }
  ClusterViewState& cluster_state() { return cluster_; }
  ChartState& chart_state() { return chart_state_; }
  EventLogState& log_state() { return log_; }
  /// What the last frame drew (labels, and widget texts when capturing).
  const LayoutRecord& layout() const { return layout_; }
  /// Whether frames record every widget's text too (`--layout-report`, tests).
  void set_layout_capture(bool on) { layout_capture_ = on; }
  LogViewState& log_view_state() { return log_view_; }

  /// A sentence shown in the "Your files" window when the app starts (a
  /// progress, preferences or layout file that could not be read and was
  /// kept aside); the learner closes it. The progress warning is added by
  /// the constructor.
  void add_startup_notice(std::string text);
  const std::vector<std::string>& startup_notices() const { return startup_notices_; }

 private:
  /// Draws the start-up notices window while there are notices (app_notices.cpp).
  void draw_startup_notices();
  std::vector<std::string> startup_notices_;
  void start(SessionSource source, int stage_number);
  /// frame() without the layout record's set-up.
  void frame_body(float dt_seconds);
  void handle_shortcuts();
  /// Compare mode's keys: Space play/pause, Right/Left lockstep step / back,
  /// R reset, Esc close; queued as the shared bar's commands.
  void handle_compare_shortcuts();
  void draw_panels();
  PanelContext context() { return PanelContext{*session_, ui_, prefs_, fonts_, chart_, queue_, layout_, &lesson_focus_}; }

  AppOptions options_;
  Preferences prefs_;
  Fonts fonts_;
  UiState ui_;
  CommandQueue queue_;
  LayoutRecord layout_;
  bool layout_capture_ = false;
  std::string export_path_;     // a requested chart export, for the next frame
  bool export_style_set_ = false;
  ImU32 clear_color_ = theme::kBackdrop;  ///< See clear_color().
  ImGuiStyle saved_style_;      // the style to restore after an SVG export frame
  std::optional<Session> session_;
  ChartModel chart_;
  ClusterViewState cluster_;
  ChartState chart_state_;
  EventLogState log_;
  LogViewState log_view_;
  ControlsState controls_;
  FaultsState faults_;
  SetupState setup_;
  int side_tab_ = 0;
  std::optional<CompareSession> compare_;
  CompareViewState compare_view_;
  CompareOpenState compare_open_;
  /// Compare mode's frame; false when not in compare mode.
  bool compare_frame(float dt_seconds);

  // lessons (app_lessons.cpp)
  void init_lessons();
  void apply_lesson_effects(LessonEffects fx);
  /// Applies the lesson's commands and lets it play the run to the page's
  /// moment; true while it does (the Session's own playback then waits).
  bool lessons_before_advance(float dt_seconds);
  void lessons_after_advance(float dt_seconds);
  float lesson_column_width(float viewport_w) const;
  void draw_lesson_column(ImVec2 pos, ImVec2 size);
  void draw_lesson_overlay();
  /// The lesson's view for this frame: what is dimmed, what the chart frames.
  void update_lesson_view();
  /// When a lesson page opens (another lesson or page than last frame), the
  /// Inspector shows the server the page is about (page_subject()); the
  /// learner's own pick stands until the next page.
  void select_page_subject();
  std::optional<std::pair<std::size_t, int>> subject_page_;  ///< (lesson, page) last selected for
  LessonFocus lesson_focus_;
  LessonModel lessons_;
  LessonPanelState lesson_panel_;
  double lesson_clock_ = 0.0;
  bool lessons_visible_ = false;

  // the break-finder (app_break_finder.cpp)
  /// Takes a finished search: keeps it as the finding, opens its counterexample.
  void poll_break_finder();
  /// Replaces the run with the finding's counterexample: its whole schedule
  /// recorded on the timeline, the cursor at the start.
  void open_counterexample();
  /// Saves the finding to `path`; an existing file is replaced only with
  /// `replace`, else the window asks (ui_.break_replace_path).
  void save_counterexample_as(const std::string& path, bool replace);
  void draw_break_finder(ImVec2 anchor);
  BreakFinderWindowState break_window_;
  // "Which rule matters?" (app_rules_panel.cpp)
  void draw_rules_panel(ImVec2 anchor, ImVec2 max_size);
  /// Over the cluster view, while a variant's break found by the panel plays.
  void draw_variant_banner_if_any();
  RulesPanelState rules_panel_;
  bool variant_search_ = false;      ///< The running search was started by the panel.
  bool finding_from_rules_ = false;  ///< finding_ came from the panel's search.
  std::string rules_note_;           ///< Why the panel's last Find a break did not start.
  std::optional<BreakFinding> finding_;
  std::uint64_t finding_id_ = 0;
  bool finding_on_screen_ = false;
  /// Last member: destroyed first, so its thread is joined before anything else goes.
  BreakFinder break_finder_;
};

}  // namespace paxoslab::gui
