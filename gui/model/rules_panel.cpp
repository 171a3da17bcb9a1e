#include "gui/model/rules_panel.hpp"

#include <algorithm>

#include "core/sim/variant.hpp"

namespace paxoslab::gui {

namespace {

/// Why `r`, a rule of `stage` with no documented alternative, stays on.
std::string why_fixed(const StageRule& r, const StageInfo& stage) {
  std::string s = "Cannot be switched off: Paxos Lab has no documented alternative for this rule "
                  "(docs/protocol.md, \"Variants\"), so a run without it would not be defined.";
  if (r.since_stage < stage.number)
    s += " It comes from Stage " + std::to_string(r.since_stage) + (r.figure.empty() ? "" : " (" + r.figure + ")") +
         ", which this stage builds on.";
  return s;
}

std::string without_full_stop(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string plural(std::uint64_t n, const char* word) {
  return format_count(n) + " " + word + (n == 1 ? "" : "s");
}

/// "Stage 4 without durable-promise" (the full stage: "Stage 4").
std::string short_variant(int stage, const std::vector<std::string>& without) {
  const std::string s = "Stage " + std::to_string(stage);
  return without.empty() ? s : s + " without " + rule_list(without);
}

/// What was searched and whether that was all of it.
std::string searched_words_core(const BreakFinding& f) {
  const SearchResult& r = f.result;
  std::string s = "Searched " + bounds_summary(f.bounds) + "; schedules of up to " +
                  plural(static_cast<std::uint64_t>(f.bounds.max_depth), "choice") + "; " +
                  plural(r.states_explored, "state") + " explored (" + format_count(r.unique_states) + " unique). ";
  if (r.canceled) return s + "Not complete: you stopped the search at depth " + std::to_string(r.depth) + ".";
  if (r.complete) return s + "Complete: every reachable state within these bounds was explored, so there is no break within them.";
  if (r.state_bound_hit)
    return s + "Not complete: the search stopped at its bound of " + plural(f.bounds.max_states, "state") +
           "; a break may still exist within these bounds.";
  if (r.depth_bound_hit)
    return s + "Not complete: schedules longer than " + plural(static_cast<std::uint64_t>(f.bounds.max_depth), "choice") +
           " were not explored.";
  return s + "Not complete. " + r.explanation;
}

/// NoBreak/Canceled details: the above, and why a durable rule could not
/// matter in a search without restarts.
std::string searched_words(const BreakFinding& f) {
  const std::string restart_note =
      only_a_restart_shows(f.bounds.knobs.without) && f.bounds.max_restarts == 0
          ? " No server restarted in this search, so a rule about what survives a restart could not matter here."
          : "";
  return searched_words_core(f) + restart_note;
}

}  // namespace

std::vector<RuleRow> rule_rows(const StageInfo& stage) {
  std::vector<RuleRow> rows;
  rows.reserve(stage.rules.size());
  for (const StageRule& r : stage.rules) {
    RuleRow row;
    row.id = r.id;
    row.sentence = r.sentence;
    row.figure = r.figure;
    row.since_stage = r.since_stage;
    row.switchable = !r.without.empty();
    row.tooltip = row.switchable ? "Without it: " + r.without : why_fixed(r, stage);
    rows.push_back(std::move(row));
  }
  return rows;
}

bool RuleSwitches::sync_stage(int stage, const std::vector<std::string>& run_without) {
  if (stage == stage_) return false;
  stage_ = stage;
  off_ = normalized_without(run_without);
  return true;
}

bool RuleSwitches::off(const std::string& id) const { return std::find(off_.begin(), off_.end(), id) != off_.end(); }

void RuleSwitches::set_off(const std::string& id, bool off) {
  std::erase(off_, id);
  if (off) off_.push_back(id);
  off_ = normalized_without(std::move(off_));
}

SearchBounds variant_bounds(int stage, const std::vector<std::string>& without) {
  SearchBounds b = default_bounds(stage, without);  // a reboot when a durable rule is off
  b.knobs.without = normalized_without(without);
  return b;
}

std::string rule_list(const std::vector<std::string>& without) {
  std::string s;
  for (std::size_t i = 0; i < without.size(); ++i) {
    if (i > 0) s += i + 1 == without.size() ? " and " : ", ";
    s += without[i];
  }
  return s;
}

std::string variant_banner(const StageInfo& stage, const std::vector<std::string>& without) {
  if (without.empty()) return {};
  std::string sentences;
  for (const std::string& id : without) {
    const StageRule* r = find_rule(stage, id);
    if (r == nullptr) continue;
    // What the stage does with the rule off (the rule's own sentence says what it does with it on).
    const std::string& instead = r->without.empty() ? r->sentence : r->without;
    sentences += (sentences.empty() ? "" : "; ") + without_full_stop(instead);
  }
  return "Without " + rule_list(without) + ": " + sentences + "; here is how it breaks.";
}

VariantOutcome describe_variant_finding(const BreakFinding& f, const StageInfo& stage) {
  VariantOutcome o;
  const std::vector<std::string>& without = f.bounds.knobs.without;
  const std::string name = short_variant(stage.number, without);
  const SearchResult& r = f.result;
  if (r.result != SearchResult::Outcome::None) {
    if (!f.has_counterexample()) {
      o.kind = VariantOutcome::Kind::Failed;
      o.headline = "The search of " + name + " found a run, but it is not shown";
      o.details = "Its replay was not verified: " + (f.error.empty() ? std::string("it did not load") : f.error) + ".";
      return o;
    }
    const std::size_t steps = f.scenario->schedule.size();
    o.kind = VariantOutcome::Kind::Break;
    o.headline = name + " breaks in " + plural(static_cast<std::uint64_t>(r.depth), "step");
    o.details = r.result == SearchResult::Outcome::Violation
                    ? "It plays in the main view: the invariant bar turns red at step " + std::to_string(f.break_step) +
                          " of " + std::to_string(steps) + ". " + r.explanation
                    : "It plays in the main view: after step " + std::to_string(steps) +
                          " nothing is pending and the run is stuck. " + r.explanation;
    return o;
  }
  if (!f.error.empty()) {
    o.kind = VariantOutcome::Kind::Failed;
    o.headline = "The search of " + name + " went wrong";
    o.details = f.error + ".";
    return o;
  }
  o.kind = r.canceled ? VariantOutcome::Kind::Canceled : VariantOutcome::Kind::NoBreak;
  o.headline = r.canceled ? "Search of " + name + " canceled: no break found so far"
                          : "No break of " + name + " within these bounds";
  o.details = searched_words(f);
  return o;
}

}  // namespace paxoslab::gui
