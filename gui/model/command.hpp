// Commands: what a panel (or a keyboard shortcut) asks the app to do.
//
// Drawing code never changes the Session or the shared UI state directly: a
// click produces one of these plain values, pushed into a CommandQueue; the
// App applies every queued command at the top of the next frame
// (docs/architecture.md, "Data flow"). Being values, commands are easy to test
// (drive input at a panel, look at what it emitted) and to log.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/sim/config.hpp"
#include "core/sim/ids.hpp"
#include "core/sim/script.hpp"
#include "core/search/search.hpp"
#include "core/sim/simulation.hpp"

namespace paxoslab::gui {

namespace cmd {
/// Start or stop playback (auto mode only).
struct SetPlaying { bool on = true; bool operator==(const SetPlaying&) const = default; };
struct TogglePlay { bool operator==(const TogglePlay&) const = default; };
/// One step forward: the next event (auto) or the next recorded step (after a rewind).
struct Step { bool operator==(const Step&) const = default; };
/// One step back on the timeline (restore a snapshot and replay).
struct StepBack { bool operator==(const StepBack&) const = default; };
struct JumpStart { bool operator==(const JumpStart&) const = default; };
struct JumpEnd { bool operator==(const JumpEnd&) const = default; };
/// Move the whole view to timeline position `step` (0 = the start).
struct JumpToStep { std::size_t step = 0; bool operator==(const JumpToStep&) const = default; };
/// Move the whole view to the step that recorded trace event `seq`.
struct JumpToEvent { std::uint64_t seq = 0; bool operator==(const JumpToEvent&) const = default; };
/// Playback speed in simulated ticks per wall-clock second.
struct SetSpeed { double ticks_per_second = 20; bool operator==(const SetSpeed&) const = default; };
/// Start the current set-up over (same scenario, same seed), forgetting the timeline.
struct Reset { bool operator==(const Reset&) const = default; };
/// Start over with another seed.
struct SetSeed { std::uint64_t seed = 1; bool operator==(const SetSeed&) const = default; };
/// Manual mode: the user picks every delivery and timer.
struct SetManual { bool on = true; bool operator==(const SetManual&) const = default; };
struct ToggleManual { bool operator==(const ToggleManual&) const = default; };
/// Carry out this pending event next (manual mode's pick).
struct Pick { PendingEvent event; bool operator==(const Pick&) const = default; };
/// Apply a fault or client action now; recorded on the timeline.
struct Apply { Action action; bool operator==(const Apply&) const = default; };
/// Load a scenario file (errors are shown, the current run stays).
struct OpenScenario { std::string path; bool operator==(const OpenScenario&) const = default; };
/// Start a fresh run of `config` (no script), or of the loaded scenario's
/// script with `config` replacing its set-up when `keep_script`.
struct NewSetup { SimConfig config; bool keep_script = false; bool operator==(const NewSetup&) const = default; };
/// Select a node for the inspector (an invalid id clears the selection).
struct Select { NodeId node; bool operator==(const Select&) const = default; };
/// Select an in-flight or past message (highlighted in the cluster view and chart).
struct SelectMessage { MessageId id; bool operator==(const SelectMessage&) const = default; };
/// Show labels on message markers and chart arrows / timer brackets in the chart (preferences).
struct SetViewOptions {
  bool message_labels = true;
  bool timers = true;
  bool operator==(const SetViewOptions&) const = default;
};
struct ToggleHelp { bool operator==(const ToggleHelp&) const = default; };
struct ShowHelp { bool on = true; bool operator==(const ShowHelp&) const = default; };
/// Show or hide the break-finder window ("Find a way to break this stage", B).
struct ShowBreakFinder { bool on = true; bool operator==(const ShowBreakFinder&) const = default; };
struct ToggleBreakFinder { bool operator==(const ToggleBreakFinder&) const = default; };
/// Show or hide the "Which rule matters?" panel (W, View menu).
struct ShowRulesPanel { bool on = true; bool operator==(const ShowRulesPanel&) const = default; };
struct ToggleRulesPanel { bool operator==(const ToggleRulesPanel&) const = default; };
/// Search the current stage with the rules `without` off (a variant,
/// docs/protocol.md "Variants") within gui::variant_bounds, on the
/// break-finder's thread; a verified break found is opened and played.
struct FindVariantBreak {
  std::vector<std::string> without;
  bool operator==(const FindVariantBreak&) const = default;
};
/// Shows or hides the all-servers log view (L, View menu).
struct ToggleLogView { bool operator==(const ToggleLogView&) const = default; };
/// Search the current stage within `bounds` for the shortest run that breaks
/// it (on a background thread; the counterexample is opened when found).
struct StartBreakSearch { SearchBounds bounds; bool operator==(const StartBreakSearch&) const = default; };
/// Stop the running search (what it explored is still reported).
struct CancelBreakSearch { bool operator==(const CancelBreakSearch&) const = default; };
/// Open the last counterexample found again, at its start.
struct OpenCounterexample { bool operator==(const OpenCounterexample&) const = default; };
/// Open the last counterexample found in compare mode: its stage beside
/// `other_stage`, both running its stage-independent faults
/// (core/scenario/portable_faults.hpp), to watch the next stage not break.
struct CompareCounterexample { int other_stage = 0; bool operator==(const CompareCounterexample&) const = default; };
/// Write the last counterexample found to `path` as a scenario file (TOML).
/// An existing file is replaced only with `replace` (the window asks first).
struct SaveCounterexample {
  std::string path;
  bool replace = false;
  bool operator==(const SaveCounterexample&) const = default;
};
/// Export the sequence chart as drawn to `path` (.svg or .png); an existing
/// file is never replaced (a free "-2", "-3" name is used instead).
struct ExportChart { std::string path; bool operator==(const ExportChart&) const = default; };
}  // namespace cmd

using Command =
    std::variant<cmd::SetPlaying, cmd::TogglePlay, cmd::Step, cmd::StepBack, cmd::JumpStart, cmd::JumpEnd,
                 cmd::JumpToStep, cmd::JumpToEvent, cmd::SetSpeed, cmd::Reset, cmd::SetSeed, cmd::SetManual,
                 cmd::ToggleManual, cmd::Pick, cmd::Apply, cmd::OpenScenario, cmd::NewSetup, cmd::Select,
                 cmd::SelectMessage, cmd::SetViewOptions, cmd::ToggleHelp, cmd::ShowHelp, cmd::ShowBreakFinder,
                 cmd::ToggleBreakFinder, cmd::ToggleLogView, cmd::StartBreakSearch, cmd::CancelBreakSearch, cmd::OpenCounterexample,
                 cmd::CompareCounterexample, cmd::SaveCounterexample, cmd::ExportChart, cmd::ShowRulesPanel,
                 cmd::ToggleRulesPanel, cmd::FindVariantBreak>;

/// The queue panels push into during a frame; the App drains it next frame.
class CommandQueue {
 public:
  void push(Command c) { items_.push_back(std::move(c)); }
  /// Everything queued so far, in push order.
  const std::vector<Command>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  /// Hands over the queued commands and leaves the queue empty.
  std::vector<Command> take() {
    std::vector<Command> out;
    out.swap(items_);
    return out;
  }

 private:
  std::vector<Command> items_;
};

/// One line for logs and tests: "step", "apply: crash S1", ...
std::string describe(const Command& c);

}  // namespace paxoslab::gui
