// App, lessons part: the lesson column at the left of the
// layout, carrying out what the lesson model asks (start a lesson run,
// compare mode) through the App's own Command queue, letting the model play
// the run to each page's moment (LessonModel::drive), the page's highlight
// over the cluster view and the chart, and the lesson's view: what is dimmed
// and the ticks the chart frames.
#include <algorithm>

#include <imgui_internal.h>

#include "core/lessons/lesson_paths.hpp"
#include "gui/app/app.hpp"

namespace paxoslab::gui {

void App::init_lessons() {
  lessons_ = LessonModel(options_.progress_path);
  if (!lessons_.progress_warning().empty()) add_startup_notice(lessons_.progress_warning());
  const std::string dir = find_lessons_dir(current_lesson_search_inputs());
  if (!dir.empty()) lessons_.load_track(dir);
}

std::string App::open_lesson(const std::string& path) {
  LessonEffects fx;
  const std::string err = lessons_.open_file(path, fx);
  if (!err.empty()) {
    ui_.open_error = err;
    ui_.side_tab_request = static_cast<int>(SideTab::Setup);  // where the error is shown
    return err;
  }
  lessons_visible_ = true;
  apply_lesson_effects(std::move(fx));
  return {};
}

bool App::open_first_lesson() {
  if (lessons_.lessons().empty()) return false;
  lessons_.push(lesson_cmd::Open{0});
  lessons_visible_ = true;
  apply_lesson_effects(lessons_.apply_pending());
  return true;
}

void App::apply_lesson_effects(LessonEffects fx) {
  if (fx.run) {
    SessionSource src;
    src.config = fx.run->scenario.config;
    src.config.stage = fx.run->stage;
    src.scenario = std::move(fx.run->scenario);
    start(std::move(src), fx.run->stage);
    if (fx.run->play) queue_.push(cmd::SetPlaying{true});
  }
  if (fx.pause) queue_.push(cmd::SetPlaying{false});
  if (fx.compare) compare_open_.requested = fx.compare;
}

bool App::lessons_before_advance(float dt_seconds) {
  apply_lesson_effects(lessons_.apply_pending());
  return lessons_.drive(*session_, dt_seconds);
}

void App::show_lesson_page(int page, std::optional<std::size_t> answer) {
  if (!lessons_.current()) return;
  lessons_.push(lesson_cmd::GoToPage{page});
  if (answer) {
    lessons_.push(lesson_cmd::Answer{*answer});
    lessons_.push(lesson_cmd::GoToPage{page});  // answered: played at once, not at the learner's pace
  }
  lessons_before_advance(0.0f);
}

void App::lessons_after_advance(float dt_seconds) {
  lesson_clock_ += dt_seconds;
  const Session& s = *session_;
  const std::string name = s.source().scenario ? s.source().scenario->name : std::string();
  apply_lesson_effects(lessons_.observe(s.record(), name, s.generation(), s.cursor() == s.length()));
}

float App::lesson_column_width(float viewport_w) const {
  return std::clamp(viewport_w * 0.3f, 260.0f, 520.0f);
}

void App::draw_lesson_column(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("Lesson", nullptr, flags)) {
    std::vector<LessonCommand> out;
    draw_lesson_panel(lessons_, lesson_panel_, fonts_, out, session_->sim().config().servers);
    for (auto& c : out) lessons_.push(std::move(c));
  }
  ImGui::End();
}

void App::update_lesson_view() {
  lesson_focus_ = lessons_.focus();
  chart_state_.frame = lessons_.frame();
  // The frame is the page's stretch; the run's cursor is always in it too (a
  // page asking its question stands at the previous page's stop, before the
  // stretch, and on another cluster size a page can open where its plan did
  // not foresee).
  if (auto& f = chart_state_.frame) {
    const double now = session_->display_time();
    f->first = std::min(f->first, now);
    f->last = std::max(f->last, now);
  }
  select_page_subject();
}

void App::select_page_subject() {
  const LessonPage* page = lessons_.current_page();
  if (page == nullptr || !lessons_.current_index() || lessons_.run_kind() != LessonRunKind::Script || lessons_.detached()) {
    if (page == nullptr) subject_page_.reset();
    return;
  }
  const std::pair<std::size_t, int> key{*lessons_.current_index(), lessons_.page()};
  if (subject_page_ == key) return;
  subject_page_ = key;
  const Simulation& sim = session_->sim();
  std::vector<bool> crashed;
  for (int s = 1; s <= sim.config().servers; ++s) crashed.push_back(sim.crashed(ServerId{s}));
  ui_.selected = NodeId::of(page_subject(*page, sim.config().servers, crashed));
}

void App::draw_lesson_overlay() {
  const Highlight* h = lessons_.highlight();
  if (h == nullptr) return;
  // Into the panels' own draw lists (drawn with their window), never over another window.
  ImGuiWindow* cluster = ImGui::FindWindowByName("Cluster");
  ImGuiWindow* chart = ImGui::FindWindowByName("Sequence chart");
  draw_lesson_highlight(*h, cluster_, chart_state_, session_->sim(), lesson_clock_,
                        cluster != nullptr ? cluster->DrawList : nullptr, chart != nullptr ? chart->DrawList : nullptr);
}

}  // namespace paxoslab::gui
