#include "gui/model/log_view_model.hpp"

#include <algorithm>
#include <set>

#include "core/sim/server_set.hpp"

namespace paxoslab::gui {

namespace {

LogCell executed_cell(RequestId m) {
  LogCell c;
  c.state = LogCell::State::Executed;
  c.value = m;
  c.text = to_string(m);
  return c;
}

/// Stages 0-3: sigma, plus a Stage 2-3 leader's outstanding accept.
void fill_sequence(LogRow& row, const std::vector<RequestId>& sigma, const ServerView& v) {
  for (RequestId m : sigma) row.cells.push_back(executed_cell(m));
  if (!v.outstanding || v.outstanding->j < 1) return;
  const auto j = static_cast<std::size_t>(v.outstanding->j);
  if (row.cells.size() < j) row.cells.resize(j);
  LogCell& c = row.cells[j - 1];
  if (c.state == LogCell::State::Empty) {
    c.state = LogCell::State::Accepted;
    c.value = v.outstanding->request;
    c.text = to_string(c.value);
  }
  c.outstanding = true;
  c.quorum = v.outstanding->learned;
}

/// Stage 4: the view's slot rows (in slot order).
void fill_slots(LogRow& row, const ServerView& v) {
  std::set<int> executed;  // request values executed at earlier slots
  for (const auto& s : v.slots) {
    if (s.slot < 1) continue;
    const auto k = static_cast<std::size_t>(s.slot);
    if (row.cells.size() < k) row.cells.resize(k);
    LogCell& c = row.cells[k - 1];
    c.vrnd = s.vrnd;
    if (s.decided) {
      c.state = s.slot <= v.executed_upto ? LogCell::State::Executed : LogCell::State::Decided;
      c.value = s.decided_value;
      // A no-op, or a request executed at an earlier slot: skipped (Fig. 11).
      const bool ran = c.state == LogCell::State::Executed && !s.decided_value.is_noop();
      c.noop = s.decided_value.is_noop() || (ran && executed.count(s.decided_value.value) > 0);
      if (ran) executed.insert(s.decided_value.value);
      c.decided_rnd = s.decided_rnd;
      c.quorum = s.quorum;
      // (vrnd, vval) when it accepted the decided value; else just the value.
      c.text = s.vrnd > 0 && s.vval == s.decided_value
                   ? "(" + std::to_string(s.vrnd) + ", " + to_string(s.decided_value) + ")"
                   : to_string(s.decided_value);
    } else if (s.vrnd > 0) {
      c.state = LogCell::State::Accepted;
      c.value = s.vval;
      c.text = "(" + std::to_string(s.vrnd) + ", " + to_string(s.vval) + ")";
    }
  }
}

}  // namespace

const char* LogViewModel::axis_name() const {
  switch (axis) {
    case Axis::Sigma: return "#";
    case Axis::SequenceNumber: return "j";
    case Axis::Slot: return "slot";
  }
  return "#";
}

const LogCell* LogViewModel::cell(std::size_t row, std::int64_t column) const {
  if (row >= rows.size() || column < 1) return nullptr;
  const auto& cells = rows[row].cells;
  const auto k = static_cast<std::size_t>(column - 1);
  return k < cells.size() ? &cells[k] : nullptr;
}

LogViewModel build_log_view(const Simulation& sim, const std::vector<ServerView>& views) {
  LogViewModel m;
  const int stage = sim.stage().number;
  m.axis = stage == 0 ? LogViewModel::Axis::Sigma : stage <= 3 ? LogViewModel::Axis::SequenceNumber : LogViewModel::Axis::Slot;
  for (int i = 1; i <= sim.config().servers; ++i) {
    const ServerId s{i};
    const auto idx = static_cast<std::size_t>(i - 1);
    static const ServerView kEmpty;
    const ServerView& v = idx < views.size() ? views[idx] : kEmpty;
    LogRow row;
    row.server = s;
    row.crashed = sim.crashed(s);
    row.role = v.role;
    row.rnd = v.rnd;
    row.promised = v.promised;
    row.promisers = v.promisers;
    if (m.axis == LogViewModel::Axis::Slot) fill_slots(row, v);
    else fill_sequence(row, sim.executed(s), v);
    m.columns = std::max(m.columns, static_cast<std::int64_t>(row.cells.size()));
    m.rows.push_back(std::move(row));
  }
  return m;
}

LogViewModel build_log_view(const Simulation& sim) {
  std::vector<ServerView> views;
  for (int i = 1; i <= sim.config().servers; ++i) views.push_back(sim.server(ServerId{i}).view());
  return build_log_view(sim, views);
}

std::vector<std::pair<std::size_t, std::int64_t>> changed_cells(const LogViewModel& before, const LogViewModel& after) {
  std::vector<std::pair<std::size_t, std::int64_t>> out;
  for (std::size_t r = 0; r < after.rows.size(); ++r)
    for (std::size_t k = 0; k < after.rows[r].cells.size(); ++k) {
      const LogCell& a = after.rows[r].cells[k];
      const auto col = static_cast<std::int64_t>(k + 1);
      const LogCell* b = before.cell(r, col);
      if (b == nullptr ? a.state != LogCell::State::Empty : (b->state != a.state || b->text != a.text))
        out.emplace_back(r, col);
    }
  return out;
}

std::pair<std::size_t, std::int64_t> default_focus(const LogViewModel& m) {
  if (m.axis != LogViewModel::Axis::Slot) return {0, 0};
  const auto highest_decided = [](const LogRow& row) -> std::int64_t {
    for (std::size_t k = row.cells.size(); k-- > 0;)
      if (row.cells[k].decided_rnd > 0 && row.cells[k].quorum != 0) return static_cast<std::int64_t>(k + 1);
    return 0;
  };
  for (std::size_t r = 0; r < m.rows.size(); ++r)
    if (!m.rows[r].crashed && m.rows[r].role == "leader")
      if (const auto k = highest_decided(m.rows[r])) return {r, k};
  std::pair<std::size_t, std::int64_t> best{0, 0};
  for (std::size_t r = 0; r < m.rows.size(); ++r)
    if (const auto k = highest_decided(m.rows[r]); k > best.second) best = {r, k};
  return best;
}

std::string servers_text(std::uint32_t mask, int n) {
  return to_string(ServerSet::from_mask(mask) & ServerSet::first(n), "-");
}

}  // namespace paxoslab::gui
