#include "gui/model/command.hpp"

#include "core/sim/overloaded.hpp"

namespace paxoslab::gui {

std::string describe(const Command& c) {
  return std::visit(
      Overloaded{
          [](const cmd::SetPlaying& x) { return std::string(x.on ? "play" : "pause"); },
          [](const cmd::TogglePlay&) { return std::string("toggle play"); },
          [](const cmd::Step&) { return std::string("step"); },
          [](const cmd::StepBack&) { return std::string("step back"); },
          [](const cmd::JumpStart&) { return std::string("jump to start"); },
          [](const cmd::JumpEnd&) { return std::string("jump to end"); },
          [](const cmd::JumpToStep& x) { return "jump to step " + std::to_string(x.step); },
          [](const cmd::JumpToEvent& x) { return "jump to event " + std::to_string(x.seq); },
          [](const cmd::SetSpeed& x) { return "speed " + std::to_string(x.ticks_per_second); },
          [](const cmd::Reset&) { return std::string("reset"); },
          [](const cmd::SetSeed& x) { return "seed " + std::to_string(x.seed); },
          [](const cmd::SetManual& x) { return std::string(x.on ? "manual mode" : "auto mode"); },
          [](const cmd::ToggleManual&) { return std::string("toggle manual mode"); },
          [](const cmd::Pick& x) {
            return "pick " + std::string(x.event.type == PendingEvent::Type::Delivery ? "delivery " + to_string(x.event.message)
                                         : x.event.type == PendingEvent::Type::Timer  ? "timer " + to_string(x.event.timer)
                                         : x.event.type == PendingEvent::Type::HandlerEffect
                                             ? "effect #" + std::to_string(x.event.effect)
                                             : "script step");
          },
          [](const cmd::Apply& x) { return "apply: " + paxoslab::describe(x.action); },
          [](const cmd::OpenScenario& x) { return "open " + x.path; },
          [](const cmd::NewSetup& x) { return "new set-up: stage " + std::to_string(x.config.stage); },
          [](const cmd::Select& x) { return "select " + to_string(x.node); },
          [](const cmd::SelectMessage& x) { return "select message " + to_string(x.id); },
          [](const cmd::SetViewOptions& x) {
            return std::string("labels ") + (x.message_labels ? "on" : "off") + ", timers " + (x.timers ? "on" : "off");
          },
          [](const cmd::ToggleHelp&) { return std::string("toggle help"); },
          [](const cmd::ShowHelp& x) { return std::string(x.on ? "show help" : "hide help"); },
          [](const cmd::ShowBreakFinder& x) { return std::string(x.on ? "show break-finder" : "hide break-finder"); },
          [](const cmd::ToggleBreakFinder&) { return std::string("toggle break-finder"); },
          [](const cmd::ToggleLogView&) { return std::string("toggle log view"); },
          [](const cmd::ShowRulesPanel& x) { return std::string(x.on ? "show rules panel" : "hide rules panel"); },
          [](const cmd::ToggleRulesPanel&) { return std::string("toggle rules panel"); },
          [](const cmd::FindVariantBreak& x) {
            std::string s = "find a break without";
            for (const auto& id : x.without) s += " " + id;
            return x.without.empty() ? std::string("find a break of the full stage") : s;
          },
          [](const cmd::StartBreakSearch& x) {
            return "find a break: " + std::to_string(x.bounds.servers) + " servers, depth " +
                   std::to_string(x.bounds.max_depth);
          },
          [](const cmd::CancelBreakSearch&) { return std::string("cancel the break search"); },
          [](const cmd::OpenCounterexample&) { return std::string("open the counterexample"); },
          [](const cmd::CompareCounterexample& x) {
            return "open the counterexample beside Stage " + std::to_string(x.other_stage);
          },
          [](const cmd::SaveCounterexample& x) { return "save the counterexample as " + x.path; },
          [](const cmd::ExportChart& x) { return "export the chart as " + x.path; },
      },
      c);
}

}  // namespace paxoslab::gui
