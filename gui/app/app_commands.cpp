// App: applying commands (the only place the Session and UiState change).
#include "gui/app/app.hpp"
#include "gui/app/chart_export.hpp"

#include <cassert>

#include "core/sim/overloaded.hpp"

namespace paxoslab::gui {

void App::apply_pending() {
  for (const Command& c : queue_.take()) apply(c);
}

void App::apply(const Command& c) {
  const bool applied =
      apply_run_command(c) || apply_setup_command(c) || apply_view_command(c) || apply_finder_command(c);
  assert(applied && "every command belongs to one group");
  (void)applied;
}

bool App::apply_run_command(const Command& c) {
  Session& s = *session_;
  const auto pause = [&] { s.set_playing(false); };
  const auto jump = [&](std::size_t step) {
    pause();
    s.jump_to(step);
    return true;
  };
  return std::visit(
      Overloaded{
          [&](const cmd::SetPlaying& x) { s.set_playing(x.on); return true; },
          [&](const cmd::TogglePlay&) { s.set_playing(!s.playing()); return true; },
          [&](const cmd::Step&) {
            pause();
            if (!s.step()) ui_.status = s.last_error().empty() ? "Nothing is pending: the run is over." : s.last_error();
            else ui_.status.clear();
            return true;
          },
          [&](const cmd::StepBack&) {
            pause();
            s.step_back();
            ui_.status.clear();
            return true;
          },
          [&](const cmd::JumpStart&) { return jump(0); },
          [&](const cmd::JumpEnd&) { return jump(s.length()); },
          [&](const cmd::JumpToStep& x) { return jump(x.step); },
          [&](const cmd::JumpToEvent& x) { return jump(s.position_of_event(x.seq)); },
          [&](const cmd::SetSpeed& x) {
            s.set_speed(x.ticks_per_second);
            prefs_.speed_ticks_per_second = s.speed();
            return true;
          },
          [&](const cmd::Reset&) {
            s.reset();
            ui_.status.clear();
            return true;
          },
          [&](const cmd::Pick& x) {
            pause();
            ui_.status = s.pick(x.event) ? std::string{} : s.last_error();
            return true;
          },
          [&](const cmd::Apply& x) {
            const std::string err = s.apply(x.action);
            ui_.status = err.empty() ? std::string{} : "Nothing happened: " + err;
            return true;
          },
          [](const auto&) { return false; },
      },
      c);
}

bool App::apply_setup_command(const Command& c) {
  Session& s = *session_;
  return std::visit(
      Overloaded{
          [&](const cmd::SetManual& x) {
            s.set_manual(x.on);
            if (x.on) ui_.side_tab_request = static_cast<int>(SideTab::Pending);
            return true;
          },
          [&](const cmd::ToggleManual&) {
            s.set_manual(!s.manual());
            if (s.manual()) ui_.side_tab_request = static_cast<int>(SideTab::Pending);
            return true;
          },
          [&](const cmd::SetSeed& x) {
            SimConfig cfg = s.source().config;
            cfg.seed = x.seed;
            start_setup(cfg, true);
            return true;
          },
          [&](const cmd::OpenScenario& x) { (void)open_scenario(x.path); return true; },
          [&](const cmd::NewSetup& x) {
            if (validate(x.config).empty()) start_setup(x.config, x.keep_script);
            return true;
          },
          [&](const cmd::ExportChart& x) { request_chart_export(unused_path(x.path)); return true; },
          [](const auto&) { return false; },
      },
      c);
}

bool App::apply_view_command(const Command& c) {
  return std::visit(
      Overloaded{
          [&](const cmd::Select& x) {
            ui_.selected = x.node;
            if (x.node.valid()) ui_.side_tab_request = static_cast<int>(SideTab::Inspector);
            return true;
          },
          [&](const cmd::SelectMessage& x) { ui_.selected_message = x.id; return true; },
          [&](const cmd::SetViewOptions& x) {
            prefs_.show_message_labels = x.message_labels;
            prefs_.show_timers = x.timers;
            return true;
          },
          [&](const cmd::ToggleHelp&) { ui_.help_open = !ui_.help_open; return true; },
          [&](const cmd::ShowHelp& x) { ui_.help_open = x.on; return true; },
          [&](const cmd::ToggleLogView&) { prefs_.show_log_view = !prefs_.show_log_view; return true; },
          [&](const cmd::ShowRulesPanel& x) { ui_.rules_panel_open = x.on; return true; },
          [&](const cmd::ToggleRulesPanel&) { ui_.rules_panel_open = !ui_.rules_panel_open; return true; },
          [](const auto&) { return false; },
      },
      c);
}

bool App::apply_finder_command(const Command& c) {
  return std::visit(
      Overloaded{
          [&](const cmd::ShowBreakFinder& x) { ui_.break_finder_open = x.on; return true; },
          [&](const cmd::ToggleBreakFinder&) { ui_.break_finder_open = !ui_.break_finder_open; return true; },
          [&](const cmd::FindVariantBreak& x) { (void)start_variant_search(x.without); return true; },
          [&](const cmd::StartBreakSearch& x) { (void)start_break_search(x.bounds); return true; },
          [&](const cmd::CancelBreakSearch&) { break_finder_.cancel(); return true; },
          [&](const cmd::OpenCounterexample&) { open_counterexample(); return true; },
          [&](const cmd::CompareCounterexample& x) {
            open_counterexample();
            if (finding_ && finding_->has_counterexample())
              compare_open_.requested = std::pair{finding_->stage, x.other_stage};
            return true;
          },
          [&](const cmd::SaveCounterexample& x) { save_counterexample_as(x.path, x.replace); return true; },
          [](const auto&) { return false; },
      },
      c);
}

}  // namespace paxoslab::gui
