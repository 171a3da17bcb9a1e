#include "gui/app/app.hpp"

#include <algorithm>

#include <toml++/toml.h>

#include "core/scenario/atomic_file.hpp"
#include "core/scenario/input_limits.hpp"
#include "core/scenario/scenario_loader.hpp"
#include "gui/app/chart_export.hpp"
#include "gui/app/layout.hpp"
#include "gui/app/text_capture.hpp"
#include "gui/model/scenario_catalog.hpp"
#include "gui/panels/help.hpp"
#include "gui/panels/inspector.hpp"
#include "gui/panels/invariant_bar.hpp"
#include "gui/panels/log_view.hpp"
#include "gui/panels/pending_events.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {

namespace {

/// Loads `path`; with `lenient`, top-level tables the scenario format does not
/// know (a lesson's own) are passed over instead of reported.
ScenarioLoad load(const std::string& path, bool lenient) {
  if (!lenient) return load_scenario_file(path);
  ScenarioLoad out;
  LoadError error;
  const auto text = read_bounded_file(path, kMaxScenarioFileBytes, "scenario file", error);
  const auto root = text ? parse_toml_checked(*text, path, error) : std::nullopt;
  if (!root) {
    out.error = std::move(error);
    return out;
  }
  ScenarioParseOptions opts;
  for (const auto& [key, value] : *root) {
    const std::string k(key.str());
    if (k != "scenario" && k != "link" && k != "knobs" && k != "step" && k != "expect" && k != "choose")
      opts.extra_top_level_keys.push_back(k);
  }
  return parse_scenario_table(*root, path, opts);
}

/// One of the main window's fixed panels at `r` (no move, resize, collapse or
/// saved settings; `flags` adds to that): `draw` fills it when it is visible.
template <typename Draw>
void in_panel(const char* name, const PanelRect& r, ImGuiWindowFlags flags, Draw&& draw) {
  constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::SetNextWindowPos(r.pos);
  ImGui::SetNextWindowSize(r.size);
  // No background of its own (a transparent one: ImGui skips it but keeps the
  // border): the window is cleared to the panel colour (App::clear_color), so a
  // software renderer shades a full layer of pixels less (docs/gui.md, "Speed").
  // No border either: the gaps between the panels (draw_gaps) set them apart,
  // and four 1 px lines around each panel are long thin triangles to shade.
  // No title bar band (a transparent one: ImGui skips it), only the title: the
  // band was a rectangle across the panel's width for a software renderer to
  // shade, the gaps set the panels apart. Square corners where it has one.
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_TitleBg, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_TitleBgActive, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  const bool open = ImGui::Begin(name, nullptr, kFixed | flags);
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(3);
  if (open) draw();
  ImGui::End();
}

/// What the side tabs keep between frames (owned by the App).
struct SideTabStates {
  FaultsState& faults;
  SetupState& setup;
  CompareOpenState& compare_open;
};

/// The side window's tabs (Inspector, Pending, Faults, Set-up): `request` (a
/// SideTab, or -1) selects one; `shown` gets the one drawn.
void draw_side_tabs(const PanelContext& ctx, int request, int& shown, SideTabStates& st) {
  if (!ImGui::BeginTabBar("##side_tabs")) return;
  const char* names[] = {"Inspector", "Pending", "Faults", "Set-up"};
  for (int i = 0; i < 4; ++i) {
    const ImGuiTabItemFlags f = request == i ? ImGuiTabItemFlags_SetSelected : 0;
    if (!ImGui::BeginTabItem(names[i], nullptr, f)) continue;
    shown = i;
    ImGui::BeginChild("##tab_body");
    switch (static_cast<SideTab>(i)) {
      case SideTab::Inspector: draw_inspector(ctx); break;
      case SideTab::Pending: draw_pending_events(ctx); break;
      case SideTab::Faults: draw_faults(ctx, st.faults); break;
      case SideTab::Setup:
        draw_setup(ctx, st.setup);
        draw_compare_open(ctx, st.compare_open);
        break;
    }
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace

App::App(AppOptions options, Preferences prefs) : options_(std::move(options)), prefs_(std::move(prefs)) {
  ui_.exe_dir = options_.exe_dir;
  ui_.help_open = false;
  SimConfig c;
  c.stage = 1;
  c.servers = 3;
  start(SessionSource{std::nullopt, c}, 1);
  init_lessons();
}

App::~App() {
  if (ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().UserData == &layout_) attach_layout_record(nullptr);
}

void App::start(SessionSource source, int stage_number) {
  auto stage = find_stage(stage_number);
  if (!stage) stage = find_stage(0);
  const std::uint64_t previous = session_ ? session_->generation() : 0;
  session_.emplace(std::move(source), *stage);
  session_->follow_generation(previous);
  session_->set_speed(prefs_.speed_ticks_per_second);
  finding_on_screen_ = false;
  ui_.status.clear();
  ui_.selected_message = {};
  if (!ui_.selected.valid() || (ui_.selected.is_server() && ui_.selected.index > session_->sim().config().servers) ||
      (ui_.selected.is_client() && ui_.selected.index > session_->sim().config().clients))
    ui_.selected = NodeId::of(ServerId{1});
}

std::string App::open_scenario(const std::string& path, std::optional<int> stage, bool lenient) {
  const ScenarioLoad loaded = load(path, lenient);
  if (!loaded.ok()) {
    ui_.open_error = loaded.error ? loaded.error->to_string() : path + ": could not be loaded";
    ui_.side_tab_request = static_cast<int>(SideTab::Setup);
    return ui_.open_error;
  }
  ui_.open_error.clear();
  const std::string err = open_loaded_scenario(*loaded.scenario, stage);
  if (err.empty()) prefs_.last_scenario = path;
  return err;
}

std::string App::open_loaded_scenario(Scenario scenario, std::optional<int> stage) {
  const int number = stage.value_or(scenario.config.stage);
  if (!find_stage(number)) {
    ui_.open_error = "there is no stage " + std::to_string(number) + " (stages are 0 to 4)";
    return ui_.open_error;
  }
  SessionSource src;
  src.config = scenario.config;
  src.config.stage = number;
  src.scenario = std::move(scenario);
  start(std::move(src), number);
  return {};
}

void App::open_default() {
  if (open_first_lesson()) return;  // the track starts at lesson 1
  const std::string fig3 = default_scenario(options_.exe_dir);
  if (!fig3.empty() && open_scenario(fig3).empty()) return;
  SimConfig c;
  c.stage = 1;
  c.servers = 2;
  start(SessionSource{std::nullopt, c}, 1);
}

void App::start_setup(const SimConfig& config, bool keep_script) {
  SessionSource src;
  if (keep_script && session_->source().scenario) src.scenario = session_->source().scenario;
  src.config = config;
  start(std::move(src), config.stage);
}

void App::adopt(Session session) {
  const std::uint64_t previous = session_ ? session_->generation() : 0;
  session_.emplace(std::move(session));
  session_->follow_generation(previous);
  finding_on_screen_ = false;
  ui_.status.clear();
}

bool App::animating() const {
  if (compare_) return compare_->playing();
  return session_->playing() || lessons_.playing_page().has_value() || break_finder_.running() ||
         break_finder_.done() || !queue_.empty() || !export_path_.empty();
}

void App::request_chart_export(std::string path) { export_path_ = std::move(path); }

namespace {
bool ends_with(const std::string& s, const char* suffix) {
  const std::string x(suffix);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}
}  // namespace

std::string App::after_render() {
  if (export_path_.empty()) return {};
  std::string png;
  if (export_style_set_) {
    const ImVec4 canvas(chart_state_.canvas_min.x, chart_state_.canvas_min.y,
                        chart_state_.canvas_max.x - chart_state_.canvas_min.x,
                        chart_state_.canvas_max.y - chart_state_.canvas_min.y);
    const std::string svg = window_svg(*ImGui::GetDrawData(), layout_, canvas);
    const std::string err = svg.empty() ? std::string("the chart is not on screen") : write_file_atomically(export_path_, svg);
    ui_.status = err.empty() ? "Chart saved to " + export_path_ : "Could not export the chart: " + err;
    ImGui::GetStyle() = saved_style_;
    export_style_set_ = false;
  } else {
    png = export_path_;  // the window writes it (it has the pixels), cut to chart_state().canvas_min/max
  }
  export_path_.clear();
  return png;
}

void App::frame(float dt_seconds) {
  layout_.begin_frame(layout_capture_);
  if (!export_path_.empty() && ends_with(export_path_, ".svg")) {
    saved_style_ = begin_export_style();
    export_style_set_ = true;
    layout_.set_capture_texts(true);
  }
  attach_layout_record(&layout_);
  if (layout_capture_) begin_widget_capture();
  frame_body(dt_seconds);
  if (layout_capture_) end_widget_capture();
}

void App::frame_body(float dt_seconds) {
  clear_color_ = theme::kBackdrop;
  if (compare_frame(dt_seconds)) return;
  apply_pending();
  poll_break_finder();
  if (!lessons_before_advance(dt_seconds)) session_->advance(dt_seconds);  // a lesson page plays the run itself
  lessons_after_advance(dt_seconds);
  session_->refresh_frame();
  if (!session_->playing()) session_->refresh_previous_views();
  chart_.update(session_->record(), session_->generation());
  update_lesson_view();
  handle_shortcuts();
  draw_panels();
  draw_startup_notices();
}

void App::draw_panels() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float lesson_w = lessons_visible_ ? lesson_column_width(vp->WorkSize.x) : 0.0f;
  if (lessons_visible_) draw_lesson_column(vp->WorkPos, ImVec2(lesson_w, vp->WorkSize.y));
  const float logs_h =
      prefs_.show_log_view ? log_view_height(session_->sim().config().servers, ImGui::GetFontSize()) : 0.0f;
  const Layout l = compute_layout(ImVec2(vp->WorkPos.x + lesson_w, vp->WorkPos.y),
                                  ImVec2(vp->WorkSize.x - lesson_w, vp->WorkSize.y), ImGui::GetFontSize(), logs_h);
  const PanelContext ctx = context();
  constexpr ImGuiWindowFlags kNoScroll = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  constexpr ImGuiWindowFlags kNoTitle = ImGuiWindowFlags_NoTitleBar;
  // The tiled panels draw no background (in_panel): the window is cleared to
  // their colour, which is the canvases' colour too (the cluster view's and
  // the chart's backdrops then need no clear of their own), and only the gaps
  // between them are drawn.
  clear_color_ = theme::kBackground;
  draw_gaps(ImGui::GetBackgroundDrawList(), l, theme::kBackdrop);

  in_panel("Controls", l.controls, kNoTitle | ImGuiWindowFlags_NoScrollbar, [&] { draw_controls(ctx, controls_); });
  in_panel("Cluster", l.cluster, kNoScroll, [&] {
    draw_variant_banner_if_any();
    draw_cluster_view(ctx, cluster_);
  });
  if (l.logs.size.y > 0) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
    in_panel("Logs", l.logs, kNoTitle | kNoScroll, [&] { draw_log_view(ctx, log_view_); });
    ImGui::PopStyleVar();
  }
  in_panel("Sequence chart", l.chart, kNoScroll, [&] { draw_sequence_chart(ctx, chart_state_); });
  in_panel("##side", l.side, kNoTitle, [&] {
    SideTabStates tabs{faults_, setup_, compare_open_};
    draw_side_tabs(ctx, ui_.side_tab_request, side_tab_, tabs);
  });
  ui_.side_tab_request = -1;
  in_panel("Event log", l.log, ImGuiWindowFlags_NoScrollbar, [&] { draw_event_log(ctx, log_); });
  in_panel("Invariants", l.invariant, kNoTitle | ImGuiWindowFlags_NoScrollbar, [&] { draw_invariant_bar(ctx); });

  draw_lesson_overlay();
  // Over the event log and the chart's newest ticks, clear of the cluster view and the Inspector.
  draw_break_finder(ImVec2(l.log.pos.x + l.log.size.x - 8, std::min(l.chart.pos.y, l.log.pos.y) + 8));
  draw_rules_panel(ImVec2(l.side.pos.x + l.side.size.x - 8, l.side.pos.y + ImGui::GetFrameHeight() * 1.5f),
                   ImVec2(l.side.size.x - 12, l.side.size.y + l.log.size.y - ImGui::GetFrameHeight() * 2.0f));
  draw_help(ctx);
}

}  // namespace paxoslab::gui
