// Writes a break-finder counterexample as a scenario file
// (docs/scenario-format.md): the set-up the search used and the schedule as
// [[choose]] tables, replayed in manual mode by run_to_end, with an [expect]
// table stating the verdict the replay must reach; then the same break as
// stage-independent [[fault]] tables (core/scenario/portable_faults.hpp).
#pragma once

#include <string>

#include "core/sim/schedule.hpp"
#include "core/search/search.hpp"
#include "core/sim/stage_info.hpp"

namespace paxoslab {

/// One [[choose]] table (without the header line), e.g.
/// "event = \"deliver\"\nkind = \"Accept\"\nfrom = \"S1\"\n...". An action
/// choice is written as core/scenario/scenario_writer.hpp action_toml writes it.
std::string choose_table(const ScheduleChoice& c);

/// The [[fault]] tables of `result`'s schedule (core/scenario/portable_faults.hpp):
/// its faults and client requests as steps any stage can run, each with a
/// `says` sentence, after a comment line; empty if the schedule has none.
std::string fault_tables(const StageInfo& stage, const SearchResult& result);

/// The whole scenario file for `result` (Violation or Stuck) of a search on
/// `stage` with `bounds`. `seconds` is not written (the file must not depend
/// on how fast the machine was).
std::string counterexample_scenario(const StageInfo& stage, const SearchBounds& bounds, const SearchResult& result);

}  // namespace paxoslab
