// The "Which rule matters?" panel's model (docs/gui.md; docs/protocol.md,
// "Variants"): the current stage's rules as rows, which of them the learner
// switched off, the bounds the break-finder searches that variant within,
// and the words the panel and the main view's banner show about the search.
//
// The paper (Meling & Jehl, "Paxos Explained from Scratch") adds one rule per
// stage because the stage before breaks; a variant switches some of those
// rules off (StageKnobs::without) so that the learner can ask which rule does
// the work. The search itself is the break-finder's (gui/model/break_finder.hpp):
// this file only prepares its input and words its output. No ImGui here.
#pragma once

#include <string>
#include <vector>

#include "core/search/search.hpp"
#include "core/sim/stage_info.hpp"
#include "gui/model/break_finder.hpp"

namespace paxoslab::gui {

/// One rule as the panel lists it.
struct RuleRow {
  std::string id;          ///< Stable id ("durable-promise").
  std::string sentence;    ///< What the rule says (StageRule::sentence).
  std::string figure;      ///< The paper's figure that adds it ("Fig. 10").
  int since_stage = 0;     ///< The stage that adds it.
  bool switchable = false; ///< It has a documented alternative (StageRule::without non-empty).
  /// The row's tooltip: for a switchable rule, what the stage does without
  /// it ("Without it: ..."); otherwise why it cannot be switched off.
  std::string tooltip;
};

/// `stage`'s rules in the stage's order (earlier stages' first), one row each.
std::vector<RuleRow> rule_rows(const StageInfo& stage);

/// Which rules of one stage are switched off in the panel. The switches
/// belong to a stage: moving to another stage starts from that run's own
/// `without` (a scenario file's, or none).
class RuleSwitches {
 public:
  /// Keeps the switches while `stage` is the stage they were set for; on
  /// another stage (or the first call) starts from `run_without`, the rules
  /// the run on screen has off. Returns true when it reset them.
  bool sync_stage(int stage, const std::vector<std::string>& run_without);
  /// The stage the switches are for (-1 before the first sync).
  int stage() const { return stage_; }
  /// Whether rule `id` is switched off.
  bool off(const std::string& id) const;
  /// Switches rule `id` off (`off` true) or back on. Ids are not checked
  /// here: the panel only offers switchable rules.
  void set_off(const std::string& id, bool off);
  /// Every rule off, sorted, each once (StageKnobs::without's form).
  const std::vector<std::string>& without() const { return off_; }

 private:
  int stage_ = -1;
  std::vector<std::string> off_;
};

/// The bounds the panel searches `stage` without the rules `without` within:
/// paxoslab::default_bounds(stage, without) - the variant's bounds (one
/// reboot when a durable rule is off) - with knobs.without = `without`
/// (normalized). Valid for every stage 0..4 and switchable set.
SearchBounds variant_bounds(int stage, const std::vector<std::string>& without);

/// "durable-promise" / "durable-promise and adopt-highest-vrnd" /
/// "a, b and c": the rules off, in prose.
std::string rule_list(const std::vector<std::string>& without);

/// The banner over a variant's break: "Without durable-promise: A restarted
/// server has forgotten its promised round: ...; here is how it breaks." (what
/// the stage does with each rule off - StageRule::without - without its final
/// full stop, joined with "; "). Empty when `without` is.
std::string variant_banner(const StageInfo& stage, const std::vector<std::string>& without);

/// What a finished search of a variant found, as the panel says it.
struct VariantOutcome {
  enum class Kind { Break, NoBreak, Canceled, Failed };
  Kind kind = Kind::Failed;
  std::string headline;  ///< One line: "Stage 4 without durable-promise breaks in 9 steps", ...
  /// Break: where the run breaks on the timeline. NoBreak / Canceled: what was
  /// searched, in words (servers, clients, requests, faults, order, depth,
  /// states, complete or not). Failed: why nothing is shown.
  std::string details;
};

/// Words the finding `f` of a search of `stage` (f.bounds.knobs.without are
/// the rules off). A break is reported only when its replay was verified
/// (f.has_counterexample(): the written scenario loaded and replayed to the
/// search's verdict); any other found run is Failed, never shown.
VariantOutcome describe_variant_finding(const BreakFinding& f, const StageInfo& stage);

}  // namespace paxoslab::gui
