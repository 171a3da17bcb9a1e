#include "gui/model/compare_session.hpp"

#include <algorithm>

namespace paxoslab::gui {

namespace {
/// Compare mode runs by time: a scenario's [[choose]] schedule is replaced by
/// its stage-independent [[fault]] tables (comparable_scenario), or left out
/// when it has none.
SessionSource by_time(SessionSource s) {
  if (!s.scenario) return s;
  if (!s.scenario->faults.empty())
    s.scenario = comparable_scenario(*s.scenario);
  else
    s.scenario->schedule.clear();
  return s;
}
bool nothing_pending(const Comparison& c) { return !c.side(0).next_event() && !c.side(1).next_event(); }
}  // namespace

CompareSession::CompareSession(SessionSource source, StageInfo left, StageInfo right)
    : source_(by_time(std::move(source))),
      stages_{std::move(left), std::move(right)},
      sessions_{Session(source_, stages_[0]), Session(source_, stages_[1])},
      cmp_(sessions_[0]->record(), sessions_[1]->record()) {
  snapshots_.push_back(cmp_);
}

void CompareSession::start() {
  ++epoch_;
  sessions_[0].emplace(source_, stages_[0]);
  sessions_[1].emplace(source_, stages_[1]);
  cmp_ = Comparison(sessions_[0]->record(), sessions_[1]->record());
}

void CompareSession::reset() {
  start();
  ops_.clear();
  cursors_.clear();
  undone_.clear();
  snapshots_.assign(1, cmp_);
  last_apply_ = {};
  last_action_.clear();
  playing_ = false;
  display_time_ = 0.0;
}

bool CompareSession::finished() const { return nothing_pending(cmp_); }

std::optional<Tick> CompareSession::next_tick() const {
  std::optional<Tick> t;
  for (int i = 0; i < 2; ++i)
    if (auto e = cmp_.side(i).next_event()) t = t ? std::min(*t, e->tick) : e->tick;
  return t;
}

void CompareSession::carry(Comparison& c, CompareOp& op) {
  if (op.is_step) {
    c.step();
    // At the end of both runs the liveness verdicts can part too.
    if (nothing_pending(c)) c.check_liveness();
  } else {
    const CompareApply r = c.apply(op.action, op.source);
    op.applied = r.applied;
    if (&c == &cmp_) last_apply_ = r;
  }
  op.steps_after = {c.side(0).steps(), c.side(1).steps()};
}

void CompareSession::mirror(const CompareOp& op) {
  for (std::size_t i = 0; i < 2; ++i) {
    Session& s = *sessions_[i];
    if (!op.is_step && op.applied[i]) (void)s.apply(*op.applied[i]);
    while (s.sim().steps() < op.steps_after[i] && s.step()) {
    }
  }
}

void CompareSession::rebuild_mirrors() {
  ++epoch_;
  sessions_[0].emplace(source_, stages_[0]);
  sessions_[1].emplace(source_, stages_[1]);
  for (std::size_t j = 0; j < ops_.size(); ++j) {
    cursors_[j] = {sessions_[0]->cursor(), sessions_[1]->cursor()};
    mirror(ops_[j]);
  }
}

void CompareSession::record(CompareOp op) {
  if (!undone_.empty()) {
    if (undone_.back().same_request(op)) {
      undone_.pop_back();  // the mirrors' recorded future is this very op: they redo it
    } else {
      // A different future. An action cuts a mirror's timeline by itself; a
      // step would redo the undone action, so rebuild the mirrors first.
      if (op.is_step) rebuild_mirrors();
      undone_.clear();
    }
  }
  cursors_.push_back({sessions_[0]->cursor(), sessions_[1]->cursor()});
  carry(cmp_, op);
  mirror(op);
  ops_.push_back(std::move(op));
  if (ops_.size() % kSnapshotInterval == 0) snapshots_.push_back(cmp_);
  if (!playing_) display_time_ = static_cast<double>(cmp_.now());
  sync_time();
}

void CompareSession::sync_time() {
  for (auto& s : sessions_) s->show_time(display_time_);
}

bool CompareSession::step() {
  if (finished()) return false;
  record(CompareOp{});
  return true;
}

std::uint64_t CompareSession::run(std::uint64_t max_steps) {
  std::uint64_t n = 0;
  while (n < max_steps && step()) ++n;
  cmp_.check_liveness();
  return n;
}

const CompareApply& CompareSession::apply(const Action& action, int source) {
  CompareOp op;
  op.is_step = false;
  op.action = action;
  op.source = source & 1;
  last_action_ = describe(action);
  record(std::move(op));
  return last_apply_;
}

bool CompareSession::step_back() {
  if (ops_.empty()) return false;
  undone_.push_back(ops_.back());
  ops_.pop_back();
  const auto cursors = cursors_.back();
  cursors_.pop_back();
  const std::size_t k = ops_.size() / kSnapshotInterval;
  if (snapshots_.size() > k + 1) snapshots_.erase(snapshots_.begin() + static_cast<std::ptrdiff_t>(k + 1), snapshots_.end());
  cmp_ = snapshots_.back();
  for (std::size_t j = (snapshots_.size() - 1) * kSnapshotInterval; j < ops_.size(); ++j) carry(cmp_, ops_[j]);
  for (std::size_t i = 0; i < 2; ++i) sessions_[i]->jump_to(cursors[i]);
  last_apply_ = {};
  last_action_.clear();
  display_time_ = static_cast<double>(cmp_.now());
  sync_time();
  return true;
}

void CompareSession::set_playing(bool on) {
  playing_ = on && !finished();
  display_time_ = static_cast<double>(cmp_.now());
  sync_time();
}

int CompareSession::advance(double seconds, int max_steps) {
  if (!playing_) return 0;
  display_time_ += seconds * speed_ticks_per_second_;
  int n = 0;
  while (n < max_steps) {
    const auto t = next_tick();
    if (!t) {
      playing_ = false;
      cmp_.check_liveness();
      break;
    }
    if (static_cast<double>(*t) > display_time_) break;
    step();
    ++n;
  }
  if (const auto t = next_tick()) display_time_ = std::min(display_time_, static_cast<double>(*t));
  sync_time();
  return n;
}

}  // namespace paxoslab::gui
