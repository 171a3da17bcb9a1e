#include "gui/panels/event_log.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

bool event_passes(const TraceEvent& e, std::uint32_t kinds, NodeId node) {
  if (((kinds >> static_cast<unsigned>(e.kind)) & 1u) == 0) return false;
  if (node.valid() && e.who != node && e.other != node) return false;
  return true;
}

namespace {

constexpr std::uint32_t bit(TraceKind k) { return 1u << static_cast<unsigned>(k); }
constexpr std::uint32_t kMessages = bit(TraceKind::Send) | bit(TraceKind::Deliver) | bit(TraceKind::Drop) |
                                    bit(TraceKind::Duplicate) | bit(TraceKind::Delay) | bit(TraceKind::Reply) |
                                    bit(TraceKind::ClientRequest);
constexpr std::uint32_t kProtocol = bit(TraceKind::Execute) | bit(TraceKind::Note) | bit(TraceKind::LeaderChange) |
                                    bit(TraceKind::Suspect) | bit(TraceKind::Unsuspect) | bit(TraceKind::Violation) |
                                    bit(TraceKind::Reply);
constexpr std::uint32_t kTimers = bit(TraceKind::TimerSet) | bit(TraceKind::TimerFire) | bit(TraceKind::TimerCancel);

void filter_bar(const PanelContext& ctx, EventLogState& st) {
  const Simulation& sim = ctx.session.sim();
  // The two combos share what "Follow" and "N shown" leave of the row (at most 7.5 em each);
  // when that is less than their "all nodes" preview needs, the count drops " shown" (its
  // tooltip says what it is) and the combos take what is left.
  char shown[32];
  std::snprintf(shown, sizeof shown, "%zu shown", st.rows.size());
  const ImGuiStyle& style = ImGui::GetStyle();
  const float follow_w = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize("Follow").x;
  const float avail = ImGui::GetContentRegionAvail().x - follow_w - style.ItemSpacing.x * 3;
  const float min_combo = ImGui::CalcTextSize("all nodes").x + ImGui::GetFrameHeight() + style.FramePadding.x * 2;
  if ((avail - ImGui::CalcTextSize(shown).x) * 0.5f < min_combo) *std::strchr(shown, ' ') = '\0';
  const float combo_w = std::clamp((avail - ImGui::CalcTextSize(shown).x) * 0.5f, ImGui::GetFontSize() * 3.5f,
                                   ImGui::GetFontSize() * 7.5f);
  ImGui::SetNextItemWidth(combo_w);
  const std::string node_name = st.node.valid() ? to_string(st.node) : std::string("all nodes");
  if (ImGui::BeginCombo("##node", node_name.c_str())) {
    if (ImGui::Selectable("all nodes", !st.node.valid())) st.node = {};
    for (int s = 1; s <= sim.config().servers; ++s)
      if (ImGui::Selectable(to_string(ServerId{s}).c_str(), st.node == NodeId::of(ServerId{s}))) st.node = NodeId::of(ServerId{s});
    for (int c = 1; c <= sim.config().clients; ++c)
      if (ImGui::Selectable(to_string(ClientId{c}).c_str(), st.node == NodeId::of(ClientId{c}))) st.node = NodeId::of(ClientId{c});
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) item_tooltip("Show only events at or about this node.");
  same_line_if_fits(combo_w);
  ImGui::SetNextItemWidth(combo_w);
  const char* preview = st.kinds == 0xFFFFFFFFu ? "all kinds" : st.kinds == kMessages ? "messages"
                        : st.kinds == kProtocol ? "protocol" : "some kinds";
  if (ImGui::BeginCombo("##kinds", preview, ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("all kinds", false, ImGuiSelectableFlags_DontClosePopups)) st.kinds = 0xFFFFFFFFu;
    if (ImGui::Selectable("messages only", false, ImGuiSelectableFlags_DontClosePopups)) st.kinds = kMessages;
    if (ImGui::Selectable("protocol decisions", false, ImGuiSelectableFlags_DontClosePopups)) st.kinds = kProtocol;
    if (ImGui::Selectable("hide timers", false, ImGuiSelectableFlags_DontClosePopups)) st.kinds &= ~kTimers;
    ImGui::Separator();
    for (int k = 0; k < kTraceKindCount; ++k) {
      bool on = (st.kinds >> k) & 1u;
      ImGui::PushStyleColor(ImGuiCol_Text, theme::event_color(static_cast<TraceKind>(k)));
      if (ImGui::Checkbox(to_string(static_cast<TraceKind>(k)), &on)) st.kinds ^= 1u << k;
      ImGui::PopStyleColor();
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) item_tooltip("Choose which kinds of trace events to show.");
  same_line_if_fits(follow_w);
  ImGui::Checkbox("Follow", &st.follow);
  if (ImGui::IsItemHovered()) item_tooltip("Keep the current step's last event in view.");
  same_line_if_fits(ImGui::CalcTextSize(shown).x);
  ImGui::TextDisabled("%s", shown);
  if (ImGui::IsItemHovered()) item_tooltip("How many events pass the filters.");
}

void refresh_rows(const PanelContext& ctx, EventLogState& st) {
  const Trace& rec = ctx.session.record().trace();
  if (st.cache_generation != ctx.session.generation() || st.cache_kinds != st.kinds || st.cache_node != st.node) {
    st.rows.clear();
    st.scanned = rec.first_seq();
    st.cache_generation = ctx.session.generation();
    st.cache_kinds = st.kinds;
    st.cache_node = st.node;
    st.last_followed = UINT64_MAX;
  }
  const auto& ev = rec.events();
  for (; st.scanned < rec.first_seq() + ev.size(); ++st.scanned) {
    const TraceEvent& e = ev[st.scanned - rec.first_seq()];
    if (event_passes(e, st.kinds, st.node)) st.rows.push_back(st.scanned);
  }
}

/// "S1 -> S2  Acc m2 #1", "S2  m1", "S2 suspects S1" ... (the kind is drawn before it).
std::string detail(const Trace& rec, const TraceEvent& e) {
  std::string d = e.who.valid() ? to_string(e.who) : std::string();
  switch (e.kind) {
    case TraceKind::Send: d += " -> " + to_string(e.other); break;
    case TraceKind::Deliver:
    case TraceKind::Reply: d += " <- " + to_string(e.other); break;
    case TraceKind::Drop: d += " x- " + to_string(e.other); break;
    case TraceKind::Suspect:
    case TraceKind::Unsuspect:
    case TraceKind::LeaderChange:
    case TraceKind::LinkCut:
    case TraceKind::LinkMend: d += " " + to_string(e.other); break;
    default: break;
  }
  if (e.message.valid()) {
    const Envelope* env = rec.message(e.message);
    d += (d.empty() ? "" : "  ") + (env != nullptr ? short_label(env->payload) : to_string(e.message));
  }
  if (e.timer.valid()) d += (d.empty() ? "" : "  ") + to_string(e.timer);
  if (e.kind == TraceKind::Execute || e.kind == TraceKind::ClientRequest) d += (d.empty() ? "" : "  ") + to_string(e.request);
  return d;
}

/// One row of the log: the tick (a selectable that jumps there), the kind and
/// its detail, the why; a row after the cursor faded. Returns true if hovered.
bool draw_row(const PanelContext& ctx, const Trace& rec, std::uint64_t seq, bool is_current, bool future,
              bool scroll_here) {
  const TraceEvent& e = rec.events()[seq - rec.first_seq()];
  const float fs = ImGui::GetFontSize();
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  char buf[24];
  std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(e.tick));
  if (ImGui::Selectable(buf, is_current, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
    ctx.out.push(cmd::JumpToEvent{seq});
  const bool hovered = ImGui::IsItemHovered();
  if (scroll_here) ImGui::SetScrollHereY(0.8f);
  const float a = future ? 0.4f : 1.0f;
  ImGui::TableNextColumn();
  ImGui::TextColored(theme::vec(theme::fade(theme::event_color(e.kind), a)), "%s", to_string(e.kind));
  ImGui::SameLine(0, fs * 0.4f);
  ImGui::TextColored(theme::vec(theme::fade(theme::kText, a)), "%s", detail(rec, e).c_str());
  ImGui::TableNextColumn();
  ImGui::TextColored(theme::vec(theme::fade(theme::kTextDim, a)), "%s", e.why.c_str());
  // Cut off at the table's right edge: the whole why as a tooltip.
  if (ImGui::IsItemHovered() && ImGui::GetItemRectMax().x > ImGui::GetWindowDrawList()->GetClipRectMax().x)
    item_tooltip(e.why.c_str());
  return hovered;
}

/// The table of rows, only the visible ones drawn (ImGuiListClipper); with
/// Follow, scrolled to the cursor's row when it moved. Returns the hovered
/// event's seq, or UINT64_MAX.
std::uint64_t draw_rows(const PanelContext& ctx, EventLogState& st, std::ptrdiff_t current, std::uint64_t upto) {
  // Columns as wide as their text, the table scrolling both ways: no line is cut off
  // without a way to reach it (the footer also shows the whole hovered line).
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
  const float fs = ImGui::GetFontSize();
  const float footer_h = ImGui::GetTextLineHeightWithSpacing() * 3.0f + 6.0f;
  ImVec2 table_size = ImGui::GetContentRegionAvail();
  table_size.y = std::max(table_size.y - footer_h, fs * 4);
  std::uint64_t hovered = UINT64_MAX;
  if (!ImGui::BeginTable("##log", 3, flags, table_size)) return hovered;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("t", ImGuiTableColumnFlags_WidthFixed, fs * 2.2f);
  ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("why", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  const Trace& rec = ctx.session.record().trace();
  const bool jump_scroll = st.follow && current >= 0 && st.last_followed != static_cast<std::uint64_t>(current);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(st.rows.size()));
  if (jump_scroll) clipper.ForceDisplayRangeByIndices(static_cast<int>(current), static_cast<int>(current) + 1);
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const std::uint64_t seq = st.rows[static_cast<std::size_t>(r)];
      ImGui::PushID(r);
      if (draw_row(ctx, rec, seq, r == current, seq >= upto, r == current && jump_scroll)) hovered = seq;
      ImGui::PopID();
    }
  }
  // An empty last row as tall as the horizontal scrollbar: the last event can
  // always be scrolled clear of it (ImGui 1.86 counts a table's content
  // without the scrollbar, so the last row could sit under it unreachable).
  ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetStyle().ScrollbarSize + ImGui::GetFrameHeight());
  if (jump_scroll) st.last_followed = static_cast<std::uint64_t>(current);
  ImGui::EndTable();
  return hovered;
}

/// The footer: the whole line of event `shown` (UINT64_MAX: a hint instead).
void draw_footer(const Trace& rec, std::uint64_t shown) {
  ImGui::BeginChild("##log_detail", ImVec2(0, 0), false);
  ImGui::PushTextWrapPos(0);
  if (shown != UINT64_MAX) {
    const TraceEvent& e = rec.events()[shown - rec.first_seq()];
    ImGui::TextColored(theme::vec(theme::event_color(e.kind)), "t=%lld %s", static_cast<long long>(e.tick), to_string(e.kind));
    ImGui::SameLine();
    ImGui::TextWrapped("%s%s%s", detail(rec, e).c_str(), e.why.empty() ? "" : ": ", e.why.c_str());
  } else {
    ImGui::TextDisabled("Click a row to jump the whole view to that event.");
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

}  // namespace

void draw_event_log(const PanelContext& ctx, EventLogState& st) {
  filter_bar(ctx, st);
  refresh_rows(ctx, st);
  const std::uint64_t upto = ctx.session.sim().trace().size();
  // The last shown row at or before the cursor.
  const auto cur_it = std::lower_bound(st.rows.begin(), st.rows.end(), upto);
  const std::ptrdiff_t current = cur_it - st.rows.begin() - 1;
  const std::uint64_t hovered = draw_rows(ctx, st, current, upto);
  // The footer shows the hovered event, else the cursor's last one.
  const std::uint64_t shown = hovered != UINT64_MAX ? hovered
                              : current >= 0      ? st.rows[static_cast<std::size_t>(current)]
                                                  : UINT64_MAX;
  draw_footer(ctx.session.record().trace(), shown);
}

}  // namespace paxoslab::gui
