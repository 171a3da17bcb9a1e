#include "gui/panels/break_finder_window.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

constexpr ImU32 kErrorText = IM_COL32(255, 120, 120, 255);
constexpr ImU32 kOkText = IM_COL32(140, 210, 150, 255);

/// One "label | input" pair of the bounds table; `v` is clamped to lo..hi.
void int_field(const char* label, const char* id, int& v, int lo, int hi, const char* tip) {
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  if (ImGui::IsItemHovered()) item_tooltip(tip);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
  ImGui::InputInt(id, &v, 1, 5);
  v = std::clamp(v, lo, hi);
  if (ImGui::IsItemHovered()) item_tooltip(tip);
}

/// Bounds known not to close breadth-first within the memory bound
/// (docs/break-finder.md, "Measured"): Stage 4 with more than one request and
/// a false suspicion, deeper than 20 choices. Depth-first closes them.
bool too_big_for_breadth_first(int stage, const SearchBounds& b) {
  return stage == 4 && !b.depth_first && b.requests > 1 && b.max_suspicions > 0 && b.max_depth > 20;
}

void bounds_form(const PanelContext& ctx, BreakFinderWindowState& st) {
  SearchBounds& b = st.edit;
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
  if (ImGui::BeginTable("##bounds", 4, flags)) {
    int_field("servers", "##servers", b.servers, 1, 7, "Servers S1..SK in the cluster (1-7).");
    int_field("clients", "##clients", b.clients, 1, 9, "Clients C1..CC (1-9). They send their requests at tick 0.");
    int_field("requests", "##requests", b.requests, 1, 20,
              "Requests m1..mR in total, sent round-robin by the clients at tick 0 (1-20).");
    int_field("max depth", "##depth", b.max_depth, 1, 100000,
              "Longest schedule explored, in choices (forced deliveries not counted).");
    int_field("max losses", "##losses", b.max_losses, 0, 50, "Server-to-server messages the search may lose.");
    int_field("max crashes", "##crashes", b.max_crashes, 0, 7, "Servers the search may crash (no restarts); at most the servers.");
    int_field("max suspicions", "##suspicions", b.max_suspicions, 0, 50,
              "False suspicions the search may inject (stages with a failure detector: 2-4).");
    int_field("max reorders", "##reorders", b.max_reorders, -1, 50,
              "Out-of-order picks: events run in due-tick order (ties in any order) except this many times. "
              "-1 = any pending event at any time (the fully asynchronous network; much bigger).");
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("max states");
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
    ImGui::InputScalar("##states", ImGuiDataType_U64, &b.max_states, nullptr, nullptr, "%llu");
    b.max_states = std::clamp<std::uint64_t>(b.max_states, 1, 4'000'000'000ULL);
    if (ImGui::IsItemHovered()) item_tooltip("Memory bound: the search stops after this many distinct states.");
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("order");
    ImGui::TableNextColumn();
    ImGui::Checkbox("depth-first", &b.depth_first);
    if (ImGui::IsItemHovered())
      item_tooltip("Depth-first holds only the current path (about 16-32 bytes per state), so it closes bigger "
                   "spaces - the default on Stage 4 - but a break it finds need not be the shortest. "
                   "Breadth-first finds a shortest break and holds two levels of simulations.");
    ImGui::EndTable();
  }
  const std::string problem = validate(b);
  if (!problem.empty()) ImGui::TextColored(theme::vec(kErrorText), "%s", problem.c_str());
  if (problem.empty() && too_big_for_breadth_first(ctx.session.stage().number, b))
    ImGui::TextWrapped("Stage 4 with %d requests and a false suspicion does not finish breadth-first: the search "
                       "stops at the memory bound (about half a minute) and reports what it covered. Tick "
                       "depth-first to explore it all (about a minute).", b.requests);

  ImGui::BeginDisabled(!problem.empty());
  if (ImGui::Button("Start the search")) ctx.out.push(cmd::StartBreakSearch{b});
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    item_tooltip(b.depth_first ? "Search depth-first, on a background thread; a break found is opened to step through."
                               : "Search breadth-first, on a background thread; the shortest break found is opened to "
                                 "step through.");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Defaults")) b = default_break_bounds(ctx.session.stage().number);
  if (ImGui::IsItemHovered()) item_tooltip("The suggested bounds for this stage.");
}

void progress_section(const PanelContext& ctx, const BreakFinderView& view) {
  const BreakProgress p = view.finder.progress();
  const int max_depth = std::max(1, view.finder.bounds().max_depth);
  const float fs = ImGui::GetFontSize();
  const float fraction = std::min(1.0f, static_cast<float>(p.search.depth) / static_cast<float>(max_depth));
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, view.finder.bounds().depth_first ? "path depth %d (at most %d)"
                                                                          : "depth %d of at most %d",
                p.search.depth, max_depth);
  ImGui::ProgressBar(fraction, ImVec2(fs * 28, 0), overlay);
  ImGui::Text("%s states explored, %s unique", format_count(p.search.states_explored).c_str(),
              format_count(p.search.unique_states).c_str());
  ImGui::Text("frontier %s, %s states/s, %.1f s", format_count(p.search.frontier).c_str(),
              format_count(static_cast<std::uint64_t>(p.states_per_second)).c_str(), p.seconds);
  if (ImGui::Button("Cancel")) ctx.out.push(cmd::CancelBreakSearch{});
  if (ImGui::IsItemHovered()) item_tooltip("Stop the search; what it explored so far is still reported.");
}

void save_row(const PanelContext& ctx, BreakFinderWindowState& st) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Save counterexample as");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13);
  const bool enter = ImGui::InputText("##save_path", st.save_path.data(), st.save_path.size(),
                                      ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemHovered()) item_tooltip("A scenario file (TOML) that 'paxos-lab-cli run' and this app replay exactly.");
  ImGui::SameLine();
  if (ImGui::Button("Save") || enter) ctx.out.push(cmd::SaveCounterexample{std::string(st.save_path.data())});
  if (!ctx.ui.break_replace_path.empty() && ctx.ui.break_replace_path == st.save_path.data()) {
    if (ImGui::Button("Replace")) ctx.out.push(cmd::SaveCounterexample{ctx.ui.break_replace_path, true});
    if (ImGui::IsItemHovered()) item_tooltip("Overwrite the existing file with this counterexample.");
    ImGui::SameLine();
    if (ImGui::Button("Keep the file")) ctx.out.push(cmd::SaveCounterexample{"", false});
    if (ImGui::IsItemHovered()) item_tooltip("Do not save; type another file name instead.");
  }
}

void finding_section(const PanelContext& ctx, const BreakFinderView& view, BreakFinderWindowState& st) {
  const BreakFinding& f = *view.finding;
  if (st.synced_finding != view.finding_id) {
    std::snprintf(st.save_path.data(), st.save_path.size(), "break-stage%d.toml", f.stage);
    st.synced_finding = view.finding_id;
  }
  const SearchResult& r = f.result;
  const bool broke = r.result != SearchResult::Outcome::None;
  const ImU32 col = !f.error.empty()                                 ? kErrorText
                    : r.result == SearchResult::Outcome::Violation ? IM_COL32(255, 150, 150, 255)
                    : r.result == SearchResult::Outcome::Stuck     ? IM_COL32(255, 200, 120, 255)
                    : r.canceled                                   ? theme::kCandidate
                                                                   : kOkText;
  if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(col));
  ImGui::TextWrapped("%s", headline(f).c_str());
  ImGui::PopStyleColor();
  if (ctx.fonts.bold != nullptr) ImGui::PopFont();
  ImGui::TextWrapped("%s", details(f).c_str());
  if (broke) {
    ImGui::TextDisabled("Found after %s states (%s unique) in %.2f s.", format_count(r.states_explored).c_str(),
                        format_count(r.unique_states).c_str(), r.seconds);
  } else if (f.error.empty()) {
    ImGui::TextDisabled("%.2f s, %s states/s.", r.seconds,
                        format_count(static_cast<std::uint64_t>(r.seconds > 0 ? static_cast<double>(r.states_explored) / r.seconds : 0.0)).c_str());
  }
  if (!f.has_counterexample()) return;

  const std::size_t steps = f.scenario->schedule.size();
  if (view.finding_on_screen) {
    const std::string where =
        r.result == SearchResult::Outcome::Violation
            ? "The invariant bar turns red at step " + std::to_string(f.break_step) + " of " + std::to_string(steps) + "."
            : "After step " + std::to_string(steps) + " nothing is pending and the invariant bar says STUCK.";
    ImGui::TextWrapped("It is loaded at its start as %zu timeline steps (those %d plus the client requests and "
                       "forced deliveries). Step with the Right arrow or Play. %s",
                       steps, r.depth, where.c_str());
    if (ImGui::Button("Back to the start")) ctx.out.push(cmd::JumpStart{});
    ImGui::SameLine();
    if (ImGui::Button("Jump to the break")) ctx.out.push(cmd::JumpToStep{f.break_step});
    if (ImGui::IsItemHovered()) item_tooltip("Move the whole view to the step where the run breaks.");
  } else {
    if (ImGui::Button("Open the counterexample")) ctx.out.push(cmd::OpenCounterexample{});
    if (ImGui::IsItemHovered()) item_tooltip("Replace the current run with the counterexample, at its start.");
  }
  if (f.stage < 4 && !f.scenario->faults.empty()) {
    if (ImGui::Button("Open on the next stage side by side")) ctx.out.push(cmd::CompareCounterexample{f.stage + 1});
    if (ImGui::IsItemHovered()) {
      const std::string tip = "Compare mode: Stage " + std::to_string(f.stage) + " beside Stage " +
                              std::to_string(f.stage + 1) + ", both under this break's " +
                              std::to_string(f.scenario->faults.size()) +
                              " faults (lost messages, crashes, suspicions named by what they are, not by this "
                              "stage's message ids), to watch where the next stage holds.";
      item_tooltip(tip.c_str());
    }
  }
  save_row(ctx, st);
}

}  // namespace

void draw_break_finder_window(const PanelContext& ctx, const BreakFinderView& view, BreakFinderWindowState& st,
                              ImVec2 anchor) {
  if (!ctx.ui.break_finder_open) return;
  const int stage = ctx.session.stage().number;
  const bool running = view.finder.running();
  if (st.edit_stage != stage && !running) {
    st.edit = default_break_bounds(stage);
    st.edit_stage = stage;
  }
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Appearing, ImVec2(1.0f, 0.0f));
  bool open = true;
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings;
  if (ImGui::Begin("Find a way to break this stage###break_finder", &open, flags)) {
    // Grown past the window's bottom (a result, the bounds form unfolded): moved up so all of it stays reachable.
    const ImVec2 pos = ImGui::GetWindowPos();
    const float over = pos.y + ImGui::GetWindowSize().y - ImGui::GetIO().DisplaySize.y;
    if (over > 0) ImGui::SetWindowPos(ImVec2(pos.x, std::max(0.0f, pos.y - over)));
    ImGui::PushTextWrapPos(fs * 29);
    const std::string title = "Stage " + std::to_string(stage) + ": " + ctx.session.stage().name;
    ImGui::TextColored(theme::vec(theme::kLeader), "%s", title.c_str());
    if (running) {
      const SearchBounds& b = view.finder.bounds();
      ImGui::TextDisabled("Searching Stage %d: %d servers, %d clients, %d requests...", view.finder.stage(), b.servers,
                          b.clients, b.requests);
      progress_section(ctx, view);
    } else {
      if (view.finding == nullptr)
        ImGui::TextDisabled("%s", st.edit.depth_first
                                      ? "Tries every order of deliveries and timers and every fault within these "
                                        "bounds, depth-first, for a run that violates safety or ends stuck."
                                      : "Tries every order of deliveries and timers and every fault within these "
                                        "bounds, breadth-first, for the shortest run that violates safety or ends "
                                        "stuck.");
      if (view.finding != nullptr) {
        finding_section(ctx, view, st);
        ImGui::Spacing();
        if (ImGui::CollapsingHeader("Search again with other bounds")) bounds_form(ctx, st);
      } else {
        bounds_form(ctx, st);
      }
    }
    if (!ctx.ui.break_note.empty())
      ImGui::TextColored(theme::vec(ctx.ui.break_note_is_error ? kErrorText : kOkText), "%s", ctx.ui.break_note.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
  if (!open) ctx.out.push(cmd::ShowBreakFinder{false});
}

}  // namespace paxoslab::gui
