// App's "Which rule matters?" panel: starting the break-finder on a variant
// of the stage on screen, the panel's switches, and the banner over a
// variant's break (gui/panels/rules_panel.hpp, gui/model/rules_panel.hpp).
#include "gui/app/app.hpp"

#include "core/sim/variant.hpp"

namespace paxoslab::gui {

std::string App::start_variant_search(const std::vector<std::string>& without) {
  const int stage = session_->stage().number;
  std::string err = check_without(session_->stage(), normalized_without(without));
  if (err.empty()) err = break_finder_.start(stage, variant_bounds(stage, without));
  ui_.rules_panel_open = true;
  rules_note_ = err.empty() ? std::string{} : "Could not start: " + err;
  if (!err.empty()) return err;
  variant_search_ = true;
  finding_.reset();
  finding_on_screen_ = false;
  finding_from_rules_ = false;
  return {};
}

std::string App::set_rules_off(const std::vector<std::string>& without) {
  const std::vector<std::string> off = normalized_without(without);
  if (std::string err = check_without(session_->stage(), off); !err.empty()) return err;
  rules_panel_.switches.sync_stage(session_->stage().number, session_->sim().config().knobs.without);
  for (const std::string& id : off) rules_panel_.switches.set_off(id, true);
  ui_.rules_panel_open = true;
  return {};
}

void App::draw_rules_panel(ImVec2 anchor, ImVec2 max_size) {
  const RulesPanelView view{break_finder_, variant_search_ && break_finder_.running(),
                            finding_from_rules_ ? finding() : nullptr, finding_on_screen_, rules_note_};
  gui::draw_rules_panel(context(), view, rules_panel_, anchor, max_size);
}

void App::draw_variant_banner_if_any() {
  if (!variant_break_on_screen() || !finding_) return;
  const StageInfo& stage = session_->stage();
  const std::vector<std::string>& without = finding_->bounds.knobs.without;
  const std::string sentence = without.empty()
                                   ? "Every rule of Stage " + std::to_string(stage.number) + " is on; here is how it breaks."
                                   : variant_banner(stage, without);
  draw_variant_banner(context(), variant_name(stage, without), sentence);
}

}  // namespace paxoslab::gui
