// App's compare mode: opening the current run's scenario on two
// stages side by side, and the compare frame (the CompareView fills the
// window instead of the single-run panels).
#include "gui/app/app.hpp"
#include "stages/registry.hpp"

namespace paxoslab::gui {

std::string App::open_compare(int a, int b) {
  const auto left = find_stage(a);
  const auto right = find_stage(b);
  if (!left || !right) {
    ui_.status = "compare: there is no stage " + std::to_string(!left ? a : b) + " (stages are 0 to 4)";
    return ui_.status;
  }
  if (session_->source().scenario) {
    if (const std::string why = compare_refusal(*session_->source().scenario); !why.empty()) {
      ui_.status = "compare: " + why;
      return ui_.status;
    }
  }
  session_->set_playing(false);
  compare_.emplace(session_->source(), *left, *right);
  compare_->set_speed(prefs_.speed_ticks_per_second);
  compare_view_ = CompareViewState{};
  return {};
}

void App::close_compare() {
  compare_.reset();
  compare_view_ = CompareViewState{};
}

bool App::compare_frame(float dt_seconds) {
  if (compare_open_.requested) {
    const auto [a, b] = *compare_open_.requested;
    compare_open_.requested.reset();
    (void)open_compare(a, b);
  }
  if (!compare_) return false;
  handle_compare_shortcuts();
  update_compare(*compare_, compare_view_, dt_seconds);
  if (compare_view_.close_requested) {
    close_compare();
    return false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  draw_compare_view(*compare_, compare_view_, prefs_, fonts_, layout_, vp->WorkPos, vp->WorkSize);
  return true;
}

}  // namespace paxoslab::gui
