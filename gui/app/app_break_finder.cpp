// App's break-finder: starting and cancelling the background
// search, taking its result (a counterexample opens at its start, ready to
// step through), saving it, and drawing the window.
#include "gui/app/app.hpp"

#include <filesystem>

namespace paxoslab::gui {

std::string App::start_break_search(const SearchBounds& bounds) {
  const std::string err = break_finder_.start(session_->stage().number, bounds);
  ui_.break_finder_open = true;
  if (err.empty()) variant_search_ = false;
  ui_.break_note = err.empty() ? std::string{} : "Could not start: " + err;
  ui_.break_note_is_error = !err.empty();
  if (err.empty()) {
    finding_.reset();
    finding_on_screen_ = false;
  }
  return err;
}

void App::wait_for_break_search() {
  break_finder_.wait();
  poll_break_finder();
}

void App::poll_break_finder() {
  std::optional<BreakFinding> f = break_finder_.take();
  if (!f) return;
  finding_ = std::move(*f);
  ++finding_id_;
  finding_from_rules_ = variant_search_;
  variant_search_ = false;
  if (!finding_from_rules_) ui_.break_finder_open = true;  // the panel shows its own search's outcome
  ui_.break_note.clear();
  if (!finding_->has_counterexample()) return;
  open_counterexample();
  if (finding_from_rules_) session_->set_playing(true);  // the panel's break plays at once
}

void App::open_counterexample() {
  if (!finding_ || !finding_->has_counterexample()) return;
  if (compare_) close_compare();
  SessionSource src;
  src.scenario = *finding_->scenario;
  src.config = finding_->scenario->config;
  start(std::move(src), finding_->stage);
  // Record the whole schedule on the timeline, then rewind: the scrubber
  // shows its length and "Jump to the break" / End have somewhere to go.
  const std::size_t steps = finding_->scenario->schedule.size();
  while (session_->length() < steps && session_->step()) {
  }
  session_->jump_to(0);
  ui_.open_error.clear();
  finding_on_screen_ = true;
}

void App::save_counterexample_as(const std::string& path, bool replace) {
  ui_.break_replace_path.clear();
  std::error_code ec;
  if (!replace && finding_ && !path.empty() && std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
    ui_.break_replace_path = path;  // the window asks: Replace or Cancel
    ui_.break_note = path + " already exists. Replace it?";
    ui_.break_note_is_error = true;
    return;
  }
  const std::string err = finding_ ? save_counterexample(*finding_, path) : "nothing to save: no search has finished";
  ui_.break_note = err.empty() ? "Saved to " + path + " (open it from the Set-up tab, or paxos-lab-cli run it)."
                               : "Not saved: " + err;
  ui_.break_note_is_error = !err.empty();
}

void App::draw_break_finder(ImVec2 anchor) {
  const BreakFinderView view{break_finder_, finding(), finding_id_, finding_on_screen_};
  draw_break_finder_window(context(), view, break_window_, anchor);
}

}  // namespace paxoslab::gui
