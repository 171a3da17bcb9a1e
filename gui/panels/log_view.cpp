#include "gui/panels/log_view.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <vector>

#include "gui/panels/labels.hpp"
#include "gui/panels/widgets.hpp"

namespace paxoslab::gui {

namespace {

constexpr double kGlowSeconds = 1.5;
constexpr ImU32 kQuorum = IM_COL32(80, 220, 255, 255);
constexpr ImU32 kExecutedFill = IM_COL32(38, 104, 68, 255);
constexpr ImU32 kDecidedFill = IM_COL32(40, 78, 130, 255);
constexpr ImU32 kAcceptedFill = IM_COL32(46, 50, 60, 255);
constexpr ImU32 kNoopFill = IM_COL32(58, 60, 66, 255);

struct Metrics {
  ImFont* font = nullptr;
  float fs = 13;
  float row_h = 20;
  float cell_w = 40;
  float name_w = 60;
  float round_w = 0;  // Stage 4's "promised" column
};

float row_height(float font_px) { return std::round(font_px * 0.86f + 5.0f); }

/// `text` centred in the box (mn, mx), through the layout record; `may_scroll`
/// for the cells (the view scrolls to them).
void text_in(LayoutRecord& rec, ImDrawList* dl, const Metrics& m, ImVec2 mn, ImVec2 mx, ImU32 col, const std::string& text,
             bool may_scroll = false) {
  const ImVec2 ts = text_size(m.font, m.fs, text);
  draw_label(rec, dl, m.font, m.fs, ImVec2(std::floor((mn.x + mx.x - ts.x) * 0.5f), std::floor((mn.y + mx.y - ts.y) * 0.5f)),
             col, text, may_scroll);
}

ImU32 cell_fill(const LogCell& c) {
  switch (c.state) {
    case LogCell::State::Executed: return c.noop ? kNoopFill : kExecutedFill;
    case LogCell::State::Decided: return c.noop ? kNoopFill : kDecidedFill;
    case LogCell::State::Accepted: return kAcceptedFill;
    case LogCell::State::Empty: break;
  }
  return 0;
}

std::string cell_tooltip(const LogViewModel& m, std::size_t row, std::int64_t col, const LogCell& c) {
  const int n = static_cast<int>(m.rows.size());
  const std::string who = to_string(m.rows[row].server);
  std::string t = who + ", " + m.axis_name() + " " + std::to_string(col) + ": ";
  switch (c.state) {
    case LogCell::State::Empty: return t + "nothing yet";
    case LogCell::State::Accepted:
      if (m.axis == LogViewModel::Axis::Slot)
        return t + "accepted (vrnd, vval) = " + c.text + ", not decided yet";
      return t + to_string(c.value) + " sent in an Accept, waiting for Learns (" + servers_text(c.quorum, n) + " so far)";
    case LogCell::State::Decided:
    case LogCell::State::Executed: break;
  }
  if (m.axis != LogViewModel::Axis::Slot) {
    t += to_string(c.value) + " executed";
    if (c.outstanding) t += "; waiting for Learns (" + servers_text(c.quorum, n) + " so far)";
    return t;
  }
  t += (c.value.is_noop() ? std::string("a no-op") : to_string(c.value)) + " decided in rnd " + std::to_string(c.decided_rnd);
  t += c.quorum != 0 ? " by the Learns of " + servers_text(c.quorum, n) + " (outlined)" : std::string(" on a Commit");
  if (c.state != LogCell::State::Executed) return t + "; not executed yet (an earlier slot is open)";
  if (!c.noop) return t + "; executed";
  return t + (c.value.is_noop() ? "; nothing to execute" : "; already executed at an earlier slot, so a no-op (Fig. 11)");
}

/// The caption's parts, most important first: what the outlines show, in
/// words, with the intersection of the two quorums.
std::vector<std::string> caption(const LogViewModel& m, std::pair<std::size_t, std::int64_t> focus, std::size_t promise_row) {
  const int n = static_cast<int>(m.rows.size());
  const LogCell* c = m.cell(focus.first, focus.second);
  std::vector<std::string> t;
  std::uint32_t q = 0;
  if (c != nullptr && c->quorum != 0) {
    q = c->quorum;
    const std::string who = to_string(m.rows[focus.first].server);
    t.push_back(m.axis == LogViewModel::Axis::Slot
                    ? std::string(m.axis_name()) + " " + std::to_string(focus.second) + " decided at " + who + " by " +
                          servers_text(q, n)
                    : who + " waits on j " + std::to_string(focus.second) + ": Learn from " + servers_text(q, n));
  }
  if (promise_row < m.rows.size() && m.rows[promise_row].promisers != 0) {
    const LogRow& r = m.rows[promise_row];
    t.push_back("rnd " + std::to_string(r.rnd) + " promised by " + servers_text(r.promisers, n));
    if (q != 0) t.push_back("in both: " + servers_text(q & r.promisers, n));
  }
  if (t.empty()) {
    switch (m.axis) {
      case LogViewModel::Axis::Sigma: t.emplace_back("sigma per server: the requests it executed, in order"); break;
      case LogViewModel::Axis::SequenceNumber: t.emplace_back("per server: the request executed as number j"); break;
      case LogViewModel::Axis::Slot: t.emplace_back("per server: accepted (vrnd, vval), decided, executed"); break;
    }
  }
  return t;
}

/// As many of `parts` as fit in `width` pixels, joined by spaces (the first is
/// shortened with "..." if even it does not fit).
std::string fit_parts(const std::vector<std::string>& parts, ImFont* font, float fs, float width) {
  std::string out;
  for (const std::string& p : parts) {
    const std::string next = out.empty() ? p : out + "   " + p;
    if (text_size(font, fs, next).x > width) break;
    out = next;
  }
  if (!out.empty() || parts.empty()) return out;
  std::string s = parts.front();
  while (s.size() > 1 && text_size(font, fs, s + "...").x > width) s.pop_back();
  return s + "...";
}

void update_changes(const LogViewModel& model, LogViewState& st, std::uint64_t generation, double now) {
  if (st.last_generation != generation || st.last.rows.size() != model.rows.size()) {
    st.changed_at.clear();
  } else {
    for (const auto& rc : changed_cells(st.last, model)) st.changed_at[rc] = now;
  }
  for (auto it = st.changed_at.begin(); it != st.changed_at.end();)
    it = now - it->second > kGlowSeconds ? st.changed_at.erase(it) : std::next(it);
  st.last = model;
  st.last_generation = generation;
}

/// The sizes of one frame's grid: the cells are as wide as the widest text.
Metrics metrics_for(const PanelContext& ctx, const LogViewModel& model) {
  Metrics mt;
  mt.font = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  mt.fs = mt.font->FontSize;
  mt.row_h = row_height(ImGui::GetFontSize());
  float widest = mt.font->CalcTextSizeA(mt.fs, 1e9f, 0, "m99").x;
  for (const auto& row : model.rows)
    for (const auto& c : row.cells) widest = std::max(widest, mt.font->CalcTextSizeA(mt.fs, 1e9f, 0, c.text.c_str()).x);
  mt.cell_w = std::ceil(widest + 12.0f);
  mt.name_w = std::ceil(mt.font->CalcTextSizeA(mt.fs, 1e9f, 0, "S7 candidate").x + 10.0f);
  if (model.axis == LogViewModel::Axis::Slot)
    mt.round_w = std::ceil(mt.font->CalcTextSizeA(mt.fs, 1e9f, 0, "promised").x + 12.0f);
  return mt;
}

/// One frame of the log view: what every part draws from, and the tooltip
/// and hovered cell the parts find.
struct LogFrame {
  const PanelContext& ctx;
  const LogViewModel& model;
  LogViewState& st;
  Metrics mt;
  double now = 0;
  ImVec2 mouse{};
  ImVec2 origin{};  ///< Top left of the fixed columns.
  ImDrawList* dl = nullptr;
  std::string tip{};

  bool slots() const { return model.axis == LogViewModel::Axis::Slot; }
  float fixed_w() const { return mt.name_w + mt.round_w; }
  std::size_t rows() const { return model.rows.size(); }
};

bool inside(ImVec2 p, ImVec2 mn, ImVec2 mx) { return p.x >= mn.x && p.x < mx.x && p.y >= mn.y && p.y < mx.y; }

std::string promised_tooltip(const LogRow& row, int n) {
  return row.promisers != 0
             ? to_string(row.server) + " leads rnd " + std::to_string(row.rnd) + ": the Promises of " +
                   servers_text(row.promisers, n) + " made it (outlined; phase 1, Fig. 10). It promised rnd " +
                   std::to_string(row.promised) + " itself."
             : to_string(row.server) + " promised rnd " + std::to_string(row.promised) +
                   ": it ignores Prepare and Accept of lower rounds.";
}

/// The fixed columns: each server with its role, and Stage 4's promised round.
void draw_fixed_columns(LogFrame& f) {
  const Metrics& mt = f.mt;
  const ImVec2 o = f.origin;
  const int n = static_cast<int>(f.rows());
  text_in(f.ctx.layout, f.dl, mt, o, ImVec2(o.x + mt.name_w, o.y + mt.row_h), theme::kTextDim, "server");
  if (f.slots())
    text_in(f.ctx.layout, f.dl, mt, ImVec2(o.x + mt.name_w, o.y), ImVec2(o.x + f.fixed_w(), o.y + mt.row_h),
            theme::kTextDim, "promised");
  const bool window_hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows);
  for (std::size_t r = 0; r < f.rows(); ++r) {
    const LogRow& row = f.model.rows[r];
    const float y = o.y + mt.row_h * static_cast<float>(r + 1);
    const ImU32 role_col = row.crashed ? theme::kCrashed : theme::role_color(row.role.c_str());
    const bool marked = !row.crashed && (row.role == "leader" || row.role == "candidate");
    std::string name = to_string(row.server) + (row.crashed ? " crashed" : marked ? " " + row.role : std::string());
    draw_label(f.ctx.layout, f.dl, mt.font, mt.fs, ImVec2(o.x + 4, y + (mt.row_h - mt.fs) * 0.5f), role_col, name);
    if (!f.slots()) continue;
    const ImVec2 mn(o.x + mt.name_w, y + 1);
    const ImVec2 mx(o.x + f.fixed_w() - 4, y + mt.row_h - 1);
    std::string pr = std::to_string(row.promised);
    if (row.promisers != 0) pr = "rnd " + std::to_string(row.rnd);
    text_in(f.ctx.layout, f.dl, mt, mn, mx, row.crashed ? theme::kTextDim : theme::kText, pr);
    if (window_hovered && inside(f.mouse, mn, mx)) {
      f.st.hovered = {r, 0};
      f.tip = promised_tooltip(row, n);
    }
  }
}

/// One cell (mn, mx) of row `r`, column `k`: its fill by state, the outline
/// of an outstanding one, the glow of a recent change, its text.
void draw_cell(LogFrame& f, ImDrawList* cdl, std::size_t r, std::int64_t k, ImVec2 mn, ImVec2 mx) {
  const LogCell* c = f.model.cell(r, k);
  if (c == nullptr || c->state == LogCell::State::Empty) {
    cdl->AddRect(mn, mx, IM_COL32(48, 52, 60, 255), 3.0f);
    return;
  }
  const float fade = f.model.rows[r].crashed ? 0.45f : 1.0f;
  cdl->AddRectFilled(mn, mx, theme::fade(cell_fill(*c), fade), 3.0f);
  if (c->state == LogCell::State::Accepted) cdl->AddRect(mn, mx, IM_COL32(110, 118, 132, 255), 3.0f);
  if (c->outstanding) cdl->AddRect(mn, mx, theme::kCandidate, 3.0f, 0, 1.5f);
  const auto g = f.st.changed_at.find({r, k});
  const float glow = g == f.st.changed_at.end() ? 0.0f : static_cast<float>(1.0 - (f.now - g->second) / kGlowSeconds);
  if (glow > 0.0f) cdl->AddRectFilled(mn, mx, theme::fade(IM_COL32(170, 125, 20, 255), 0.75f * glow), 3.0f);
  const ImU32 tc = glow > 0.5f ? theme::kChanged : c->noop ? theme::kTextDim : theme::kText;
  text_in(f.ctx.layout, cdl, f.mt, mn, mx, theme::fade(tc, fade), c->text, true);
}

/// Scrolls the cells with the mouse wheel, or to the newest column when the
/// view was at the end (or has not followed yet).
void scroll_cells(LogFrame& f) {
  const bool at_end = ImGui::GetScrollX() >= ImGui::GetScrollMaxX() - 1.0f;
  if (ImGui::IsWindowHovered() && ImGui::GetIO().MouseWheel != 0.0f) {
    ImGui::SetScrollX(ImGui::GetScrollX() - ImGui::GetIO().MouseWheel * f.mt.cell_w * 2.0f);
  } else if (f.model.columns != f.st.followed_columns && (at_end || f.st.followed_columns < 0)) {
    ImGui::SetScrollX(f.mt.cell_w * static_cast<float>(f.model.columns));
    f.st.followed_columns = f.model.columns;
  }
}

/// Every column's header and cells, from `base` (inside the scrolling child).
void draw_cells(LogFrame& f, ImDrawList* cdl, ImVec2 base) {
  const Metrics& mt = f.mt;
  const bool cells_hovered = ImGui::IsWindowHovered();
  for (std::int64_t k = 1; k <= f.model.columns; ++k) {
    const float x = base.x + mt.cell_w * static_cast<float>(k - 1);
    text_in(f.ctx.layout, cdl, mt, ImVec2(x, base.y), ImVec2(x + mt.cell_w, base.y + mt.row_h), theme::kTextDim,
            (k == 1 ? std::string(f.model.axis_name()) + " 1" : std::to_string(k)), true);
    for (std::size_t r = 0; r < f.rows(); ++r) {
      const ImVec2 mn(x + 1, base.y + mt.row_h * static_cast<float>(r + 1) + 1);
      const ImVec2 mx(x + mt.cell_w - 1, mn.y + mt.row_h - 2);
      if (cells_hovered && inside(f.mouse, mn, mx)) {
        f.st.hovered = {r, k};
        const LogCell* hc = f.model.cell(r, k);
        f.tip = hc ? cell_tooltip(f.model, r, k, *hc) : to_string(f.model.rows[r].server) + ": nothing yet";
      }
      draw_cell(f, cdl, r, k, mn, mx);
    }
  }
}

/// The cell whose quorum (or learns) is outlined: the hovered one if it has
/// one, else Stage 4's default focus or the first outstanding cell.
std::pair<std::size_t, std::int64_t> focus_cell(const LogFrame& f) {
  const LogViewModel& model = f.model;
  std::pair<std::size_t, std::int64_t> focus = f.slots() ? default_focus(model) : std::pair<std::size_t, std::int64_t>{0, 0};
  if (!f.slots())
    for (std::size_t r = 0; r < f.rows() && focus.second == 0; ++r)
      for (std::size_t k = 0; k < model.rows[r].cells.size(); ++k)
        if (model.rows[r].cells[k].outstanding) focus = {r, static_cast<std::int64_t>(k + 1)};
  if (f.st.hovered.second > 0) {
    const LogCell* hc = model.cell(f.st.hovered.first, f.st.hovered.second);
    if (hc != nullptr && hc->quorum != 0) focus = f.st.hovered;
  }
  return focus;
}

/// The row whose promisers are outlined: the hovered promised cell, else the
/// first live leader with a promise quorum; rows() if none.
std::size_t promise_row_of(const LogFrame& f) {
  std::size_t promise_row = f.rows();
  for (std::size_t r = 0; r < f.rows(); ++r)
    if (!f.model.rows[r].crashed && f.model.rows[r].promisers != 0 && promise_row == f.rows()) promise_row = r;
  if (f.st.hovered.second == 0 && f.st.hovered.first < f.rows() && f.model.rows[f.st.hovered.first].promisers != 0)
    promise_row = f.st.hovered.first;
  return promise_row;
}

/// Outlines the focused cell's column at every server of its quorum.
void outline_quorum(const LogFrame& f, ImDrawList* cdl, ImVec2 base, std::pair<std::size_t, std::int64_t> focus) {
  const LogCell* fc = f.model.cell(focus.first, focus.second);
  if (fc == nullptr || fc->quorum == 0) return;
  const float x = base.x + f.mt.cell_w * static_cast<float>(focus.second - 1);
  for (std::size_t r = 0; r < f.rows(); ++r) {
    if ((fc->quorum & (1u << r)) == 0 && r != focus.first) continue;
    const ImVec2 mn(x + 1, base.y + f.mt.row_h * static_cast<float>(r + 1) + 1);
    cdl->AddRect(mn, ImVec2(x + f.mt.cell_w - 1, mn.y + f.mt.row_h - 2), kQuorum, 3.0f, 0, r == focus.first ? 3.0f : 2.0f);
  }
}

/// Outlines the promised cells of the servers whose Promises made `promise_row`'s round.
void outline_promisers(const LogFrame& f, std::size_t promise_row) {
  if (promise_row >= f.rows() || !f.slots()) return;
  const std::uint32_t p = f.model.rows[promise_row].promisers;
  for (std::size_t r = 0; r < f.rows(); ++r) {
    if ((p & (1u << r)) == 0) continue;
    const float y = f.origin.y + f.mt.row_h * static_cast<float>(r + 1);
    f.dl->AddRect(ImVec2(f.origin.x + f.mt.name_w, y + 1), ImVec2(f.origin.x + f.fixed_w() - 4, y + f.mt.row_h - 1),
                  theme::kLeader, 3.0f, 0, r == promise_row ? 3.0f : 2.0f);
  }
}

}  // namespace

float log_view_height(int servers, float font_px) {
  const float rh = row_height(font_px);
  return rh * static_cast<float>(servers + 2) + 10.0f /* scrollbar */ + 8.0f /* padding */;
}

void draw_log_view(const PanelContext& ctx, LogViewState& st) {
  const Session& session = ctx.session;
  const Simulation& sim = session.sim();
  const LogViewModel model =
      session.frame_fresh() ? build_log_view(sim, session.frame().views) : build_log_view(sim);
  LogFrame f{ctx, model, st, metrics_for(ctx, model)};
  f.now = ImGui::GetTime();
  update_changes(model, st, session.generation(), f.now);
  f.origin = ImGui::GetCursorScreenPos();
  f.mouse = ImGui::GetIO().MousePos;
  f.dl = ImGui::GetWindowDrawList();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float grid_h = f.mt.row_h * static_cast<float>(f.rows() + 1);
  st.hovered = {static_cast<std::size_t>(-1), 0};

  draw_fixed_columns(f);
  // The cells, in a horizontally scrolling child.
  ImGui::SetCursorScreenPos(ImVec2(f.origin.x + f.fixed_w(), f.origin.y));
  const float caption_h = f.mt.row_h;
  const ImVec2 child_size(std::max(40.0f, avail.x - f.fixed_w()), std::max(grid_h + 12.0f, avail.y - caption_h));
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, 10.0f);
  ImGui::BeginChild("##log_cells", child_size, false, ImGuiWindowFlags_HorizontalScrollbar);
  const ImVec2 base = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(f.mt.cell_w * static_cast<float>(model.columns), grid_h));
  scroll_cells(f);
  ImDrawList* cdl = ImGui::GetWindowDrawList();
  draw_cells(f, cdl, base);
  const std::pair<std::size_t, std::int64_t> focus = focus_cell(f);
  const std::size_t promise_row = promise_row_of(f);
  outline_quorum(f, cdl, base, focus);
  ImGui::EndChild();
  ImGui::PopStyleVar();
  outline_promisers(f, promise_row);

  // The caption line.
  const std::string cap = fit_parts(caption(model, focus, promise_row), f.mt.font, f.mt.fs, avail.x - 8.0f);
  const float cy = f.origin.y + child_size.y + 2;
  draw_label(ctx.layout, f.dl, f.mt.font, f.mt.fs, ImVec2(f.origin.x + 4, cy), theme::kTextDim, cap);
  ImGui::SetCursorScreenPos(ImVec2(f.origin.x, cy));
  ImGui::Dummy(ImVec2(avail.x, caption_h - 2));
  if (!f.tip.empty()) item_tooltip(f.tip.c_str());
}

}  // namespace paxoslab::gui
