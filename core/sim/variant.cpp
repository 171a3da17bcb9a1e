#include "core/sim/variant.hpp"

#include <algorithm>

#include "core/sim/checker.hpp"

namespace paxoslab {

std::vector<std::string> switchable_rules(const StageInfo& stage) {
  std::vector<std::string> out;
  for (const auto& r : stage.rules)
    if (!r.without.empty()) out.push_back(r.id);
  return out;
}

const StageRule* find_rule(const StageInfo& stage, const std::string& id) {
  for (const auto& r : stage.rules)
    if (r.id == id) return &r;
  return nullptr;
}

namespace {
std::string stage_name(const StageInfo& stage) {
  return "Stage " + std::to_string(stage.number) + " (" + stage.name + ")";
}

std::string joined(const std::vector<std::string>& ids, const char* none) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : ", ") + id;
  return s.empty() ? std::string(none) : s;
}
}  // namespace

std::string check_without(const StageInfo& stage, const std::vector<std::string>& without) {
  const std::vector<std::string> valid = switchable_rules(stage);
  const std::string expected = "; expected one of: " + joined(valid, "(none: this stage has no rule to switch off)");
  for (std::size_t i = 0; i < without.size(); ++i) {
    const std::string& id = without[i];
    if (std::find(without.begin(), without.begin() + static_cast<std::ptrdiff_t>(i), id) !=
        without.begin() + static_cast<std::ptrdiff_t>(i))
      return "rule '" + id + "' is switched off twice";
    const StageRule* rule = find_rule(stage, id);
    if (!rule) return stage_name(stage) + " has no rule '" + id + "'" + expected;
    if (rule->without.empty())
      return "rule '" + id + "' of " + stage_name(stage) + " cannot be switched off (it has no documented alternative)" +
             expected;
  }
  return {};
}

std::vector<std::string> normalized_without(std::vector<std::string> without) {
  std::sort(without.begin(), without.end());
  without.erase(std::unique(without.begin(), without.end()), without.end());
  return without;
}

std::string variant_name(const StageInfo& stage, const std::vector<std::string>& without) {
  if (without.empty()) return stage_name(stage);
  return stage_name(stage) + " without " + joined(without, "");
}

std::uint32_t unchecked_invariants(const StageInfo& stage, const std::vector<std::string>& without) {
  std::uint32_t mask = 0;
  for (const auto& id : without) {
    const StageRule* rule = find_rule(stage, id);
    if (!rule) continue;
    for (const auto& name : rule->restated_by)
      for (int k = 0; k < kViolationKindCount; ++k)
        if (name == to_string(static_cast<Violation::Kind>(k))) mask |= 1u << k;
  }
  return mask;
}

}  // namespace paxoslab
