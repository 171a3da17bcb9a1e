// App: applying commands (the only place the Session and UiState change).
#include "gui/app/app.hpp"
#include "gui/app/chart_export.hpp"

#include "core/sim/overloaded.hpp"

namespace paxoslab::gui {

void App::apply_pending() {
  for (const Command& c : queue_.take()) apply(c);
}

void App::apply(const Command& c) {
  Session& s = *session_;
  const auto pause = [&] { s.set_playing(false); };
  std::visit(
      Overloaded{
          [&](const cmd::SetPlaying& x) { s.set_playing(x.on); },
          [&](const cmd::TogglePlay&) { s.set_playing(!s.playing()); },
          [&](const cmd::ExportChart& x) { request_chart_export(unused_path(x.path)); },
          [&](const cmd::Step&) {
            pause();
            if (!s.step()) ui_.status = s.last_error().empty() ? "Nothing is pending: the run is over." : s.last_error();
            else ui_.status.clear();
          },
          [&](const cmd::StepBack&) {
            pause();
            s.step_back();
            ui_.status.clear();
          },
          [&](const cmd::JumpStart&) {
            pause();
            s.jump_to(0);
          },
          [&](const cmd::JumpEnd&) {
            pause();
            s.jump_to(s.length());
          },
          [&](const cmd::JumpToStep& x) {
            pause();
            s.jump_to(x.step);
          },
          [&](const cmd::JumpToEvent& x) {
            pause();
            s.jump_to(s.position_of_event(x.seq));
          },
          [&](const cmd::SetSpeed& x) {
            s.set_speed(x.ticks_per_second);
            prefs_.speed_ticks_per_second = s.speed();
          },
          [&](const cmd::Reset&) {
            s.reset();
            ui_.status.clear();
          },
          [&](const cmd::SetSeed& x) {
            SimConfig cfg = s.source().config;
            cfg.seed = x.seed;
            start_setup(cfg, true);
          },
          [&](const cmd::SetManual& x) {
            s.set_manual(x.on);
            if (x.on) ui_.side_tab_request = static_cast<int>(SideTab::Pending);
          },
          [&](const cmd::ToggleManual&) {
            s.set_manual(!s.manual());
            if (s.manual()) ui_.side_tab_request = static_cast<int>(SideTab::Pending);
          },
          [&](const cmd::Pick& x) {
            pause();
            ui_.status = s.pick(x.event) ? std::string{} : s.last_error();
          },
          [&](const cmd::Apply& x) {
            const std::string err = s.apply(x.action);
            ui_.status = err.empty() ? std::string{} : "Nothing happened: " + err;
          },
          [&](const cmd::OpenScenario& x) { (void)open_scenario(x.path); },
          [&](const cmd::NewSetup& x) {
            if (validate(x.config).empty()) start_setup(x.config, x.keep_script);
          },
          [&](const cmd::Select& x) { ui_.selected = x.node; if (x.node.valid()) ui_.side_tab_request = static_cast<int>(SideTab::Inspector); },
          [&](const cmd::SelectMessage& x) { ui_.selected_message = x.id; },
          [&](const cmd::SetViewOptions& x) {
            prefs_.show_message_labels = x.message_labels;
            prefs_.show_timers = x.timers;
          },
          [&](const cmd::ToggleHelp&) { ui_.help_open = !ui_.help_open; },
          [&](const cmd::ShowHelp& x) { ui_.help_open = x.on; },
          [&](const cmd::ShowBreakFinder& x) { ui_.break_finder_open = x.on; },
          [&](const cmd::ToggleBreakFinder&) { ui_.break_finder_open = !ui_.break_finder_open; },
          [&](const cmd::ToggleLogView&) { prefs_.show_log_view = !prefs_.show_log_view; },
          [&](const cmd::ShowRulesPanel& x) { ui_.rules_panel_open = x.on; },
          [&](const cmd::ToggleRulesPanel&) { ui_.rules_panel_open = !ui_.rules_panel_open; },
          [&](const cmd::FindVariantBreak& x) { (void)start_variant_search(x.without); },
          [&](const cmd::StartBreakSearch& x) { (void)start_break_search(x.bounds); },
          [&](const cmd::CancelBreakSearch&) { break_finder_.cancel(); },
          [&](const cmd::OpenCounterexample&) { open_counterexample(); },
          [&](const cmd::CompareCounterexample& x) {
            open_counterexample();
            if (finding_ && finding_->has_counterexample())
              compare_open_.requested = std::pair{finding_->stage, x.other_stage};
          },
          [&](const cmd::SaveCounterexample& x) { save_counterexample_as(x.path, x.replace); },
      },
      c);
}

}  // namespace paxoslab::gui
