#include "gui/panels/rules_panel.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <string>
#include <vector>

#include "core/sim/variant.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

constexpr ImU32 kErrorText = IM_COL32(255, 120, 120, 255);
constexpr ImU32 kOkText = IM_COL32(140, 210, 150, 255);
constexpr ImU32 kBreakText = IM_COL32(255, 150, 150, 255);
constexpr ImU32 kBannerBg = IM_COL32(70, 28, 28, 235);

void bold_text(const Fonts& fonts, const char* text) {
  if (fonts.bold != nullptr) ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted(text);
  if (fonts.bold != nullptr) ImGui::PopFont();
}

/// "Fig. 10, Stage 4": where the paper adds the rule.
std::string figure_of(const RuleRow& r) { return r.figure + ", Stage " + std::to_string(r.since_stage); }

/// Height of the rule list: every row's id line (and its figure's line where
/// it does not fit beside the id; the bold id taken as 10% wider) and wrapped sentence.
float list_height(const std::vector<RuleRow>& rows, float text_w) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float h = 0;
  for (const RuleRow& r : rows) {
    h += ImGui::GetFrameHeight() + ImGui::CalcTextSize(r.sentence.c_str(), nullptr, false, text_w).y +
         style.ItemSpacing.y * 2 + style.CellPadding.y * 2;
    if (!r.figure.empty() && ImGui::CalcTextSize(r.id.c_str()).x * 1.1f + style.ItemSpacing.x +
                                     ImGui::CalcTextSize(figure_of(r).c_str()).x > text_w)
      h += ImGui::GetTextLineHeightWithSpacing();
  }
  return h;
}

/// One row: the switch (or a greyed, fixed tick) and the rule's id and sentence.
void rule_row(const PanelContext& ctx, const RuleRow& r, RuleSwitches& sw) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(r.id.c_str());
  bool on = !sw.off(r.id);
  ImGui::BeginDisabled(!r.switchable);
  if (ImGui::Checkbox("##on", &on) && r.switchable) sw.set_off(r.id, !on);
  ImGui::EndDisabled();
  const std::string tip = r.switchable ? (on ? "In force. Untick to switch it off. " : "Switched off. ") + r.tooltip
                                       : r.tooltip;
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) item_tooltip(tip.c_str());
  ImGui::TableNextColumn();
  if (!r.switchable) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::AlignTextToFramePadding();
  bold_text(ctx.fonts, r.id.c_str());
  if (!r.figure.empty()) {
    // Beside the id where the column has room for it, else on a line of its own.
    const std::string where = figure_of(r);
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - ImGui::GetStyle().ItemSpacing.x;
    if (ImGui::CalcTextSize(where.c_str()).x <= room) ImGui::SameLine();
    ImGui::TextDisabled("%s", where.c_str());
  }
  ImGui::TextWrapped("%s", r.sentence.c_str());
  if (ImGui::IsItemHovered()) item_tooltip(tip.c_str());
  if (!r.switchable) ImGui::PopStyleColor();
  ImGui::PopID();
}

void rules_table(const PanelContext& ctx, const std::vector<RuleRow>& rows, RuleSwitches& sw, float list_h) {
  ImGui::BeginChild("##rule_list", ImVec2(0, list_h), false);
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings |
                                ImGuiTableFlags_RowBg | ImGuiTableFlags_PadOuterX;
  if (ImGui::BeginTable("##rules", 2, flags)) {
    ImGui::TableSetupColumn("switch", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("rule", ImGuiTableColumnFlags_WidthStretch);
    for (const RuleRow& r : rows) rule_row(ctx, r, sw);
    ImGui::EndTable();
  }
  ImGui::EndChild();
}

void progress_line(const PanelContext& ctx, const RulesPanelView& view, const std::vector<std::string>& without) {
  const BreakProgress p = view.finder.progress();
  const std::string what = "Stage " + std::to_string(view.finder.stage()) +
                           (without.empty() ? std::string(" with every rule on") : " without " + rule_list(without));
  ImGui::TextWrapped("Searching %s: %s states explored, depth %d, %.1f s...", what.c_str(),
                     format_count(p.search.states_explored).c_str(), p.search.depth, p.seconds);
  if (ImGui::Button("Cancel")) ctx.out.push(cmd::CancelBreakSearch{});
  if (ImGui::IsItemHovered()) item_tooltip("Stop the search; the panel then says what it covered.");
}

void find_button(const PanelContext& ctx, const RulesPanelView& view, const RulesPanelState& st) {
  const std::vector<std::string>& without = st.switches.without();
  const int stage = ctx.session.stage().number;
  ImGui::BeginDisabled(view.finder.running());
  if (ImGui::Button("Find a break")) ctx.out.push(cmd::FindVariantBreak{without});
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    const SearchBounds b = variant_bounds(stage, without);
    const std::string tip =
        view.finder.running() ? std::string("A search is running; wait for it or cancel it.")
                              : "Search Stage " + std::to_string(stage) +
                                    (without.empty() ? std::string(" with every rule on") : " without " + rule_list(without)) +
                                    " with the break-finder: " + bounds_summary(b) + "; schedules of up to " +
                                    std::to_string(b.max_depth) + " choices. A break found is replayed to check it, then "
                                    "played in the main view.";
    item_tooltip(tip.c_str());
  }
}

void outcome_section(const PanelContext& ctx, const RulesPanelView& view) {
  const VariantOutcome o = describe_variant_finding(*view.finding, ctx.session.stage());
  const ImU32 col = o.kind == VariantOutcome::Kind::Break      ? kBreakText
                    : o.kind == VariantOutcome::Kind::NoBreak  ? kOkText
                    : o.kind == VariantOutcome::Kind::Canceled ? theme::kCandidate
                                                               : kErrorText;
  if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::vec(col));
  ImGui::TextWrapped("%s", o.headline.c_str());
  ImGui::PopStyleColor();
  if (ctx.fonts.bold != nullptr) ImGui::PopFont();
  ImGui::TextWrapped("%s", o.details.c_str());
  if (o.kind != VariantOutcome::Kind::Break) return;
  if (view.finding_on_screen) {
    if (ImGui::Button("Watch it again")) {
      ctx.out.push(cmd::JumpStart{});
      ctx.out.push(cmd::SetPlaying{true});
    }
    if (ImGui::IsItemHovered()) item_tooltip("Back to the start of the break and play it.");
    ImGui::SameLine();
    if (ImGui::Button("Jump to the break")) ctx.out.push(cmd::JumpToStep{view.finding->break_step});
    if (ImGui::IsItemHovered()) item_tooltip("Move the whole view to the step where the run breaks.");
  } else {
    if (ImGui::Button("Open the break again")) ctx.out.push(cmd::OpenCounterexample{});
    if (ImGui::IsItemHovered()) item_tooltip("Replace the current run with the break found, at its start.");
  }
}

}  // namespace

void draw_rules_panel(const PanelContext& ctx, const RulesPanelView& view, RulesPanelState& st, ImVec2 anchor,
                      ImVec2 max_size) {
  if (!ctx.ui.rules_panel_open) return;
  const StageInfo& stage = ctx.session.stage();
  st.switches.sync_stage(stage.number, ctx.session.sim().config().knobs.without);
  const std::vector<RuleRow> rows = rule_rows(stage);
  const float fs = ImGui::GetFontSize();
  const float width = std::max(fs * 22, std::min(fs * 32, max_size.x));
  const float max_height = max_size.y;
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Appearing, ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, max_height));
  bool open = true;
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_AlwaysAutoResize;
  if (ImGui::Begin("Which rule matters?###rules_panel", &open, flags)) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(theme::vec(theme::kLeader), "Stage %d: %s", stage.number, stage.name.c_str());
    ImGui::TextWrapped("Each stage adds a rule because the stage before breaks. Untick a rule to switch it off, then "
                       "Find a break: the break-finder searches that variant and plays the break it finds.");
    const float text_w = ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - fs * 1.5f;
    // Below the list: the status line, the button and (once a search ended) its outcome.
    const float reserve = fs * (view.finding != nullptr || view.searching ? 16.0f : 5.0f) +
                          (ImGui::GetCursorPosY() - ImGui::GetScrollY());
    const float list_h = std::max(fs * 6, std::min(list_height(rows, text_w), max_height - reserve));
    rules_table(ctx, rows, st.switches, list_h);
    const std::vector<std::string>& without = st.switches.without();
    if (without.empty())
      ImGui::TextDisabled("Every rule is on: Find a break searches the stage as the paper has it.");
    else
      ImGui::TextWrapped("Switched off: %s", rule_list(without).c_str());
    if (view.searching)
      progress_line(ctx, view, view.finder.bounds().knobs.without);
    else
      find_button(ctx, view, st);
    if (!view.note.empty()) ImGui::TextColored(theme::vec(kErrorText), "%s", view.note.c_str());
    if (!view.searching && view.finding != nullptr) outcome_section(ctx, view);
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
  if (!open) ctx.out.push(cmd::ShowRulesPanel{false});
}

void draw_variant_banner(const PanelContext& ctx, const std::string& variant, const std::string& sentence) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pad = style.FramePadding.x;
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float right = top.x + ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + (right - top.x) - pad * 2);
  if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextColored(theme::vec(kBreakText), "%s", variant.c_str());
  if (ctx.fonts.bold != nullptr) ImGui::PopFont();
  ImGui::TextWrapped("%s", sentence.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float bottom = ImGui::GetItemRectMax().y + pad;
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(top, ImVec2(right, bottom), kBannerBg, style.FrameRounding);
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(top.x, bottom + style.ItemSpacing.y));
}

}  // namespace paxoslab::gui
