// Sequence chart, part 2: drawing the visible items (timers, arrows, marks).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "gui/model/draw_budget.hpp"
#include "gui/panels/dots.hpp"
#include "gui/panels/fade.hpp"
#include "gui/panels/labels.hpp"
#include "gui/panels/sequence_chart.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/panels/thin_lines.hpp"

namespace paxoslab::gui {

float ChartFrame::y(NodeId n) const {
  for (std::size_t i = 0; i < lanes.size(); ++i)
    if (lanes[i] == n) return lane_y[i];
  return plot_min.y;
}

namespace {

/// Messages in flight between one pair of lanes whose lines start and end
/// within this many pixels of each other are one bundle: one line, a head dot
/// each (docs/gui.md, "Speed").
constexpr float kBundlePx = 8.0f;
constexpr float kEntryBundlePx = 24.0f;

/// What places a line in flight in its bundle: its ends; where it enters
/// from the plot's left edge (sent before the visible range; `left`: the
/// edge's column) the entry's height only to kEntryBundlePx, since where it
/// was sent is off the plot anyway. A stub's start counts to kBundlePx.
PixelSegment bundle_key(PixelSegment seen, float sent_x, float left) {
  if (seen.x0 > sent_x + 0.5f && seen.x0 < left + 0.5f) seen.y0 = std::round(seen.y0 / kEntryBundlePx) * kEntryBundlePx;
  return seen;
}

/// An arrow label waiting to be placed (after the marks, so it can avoid them).
struct LabelRequest {
  ImVec2 pos;
  const std::string* text;
  ImU32 col;
};

bool overlaps(const ImVec4& a, const ImVec4& b) { return a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w; }
/// True when `box` overlaps any of `taken`.
bool clashes(const std::vector<ImVec4>& taken, const ImVec4& box) {
  return std::any_of(taken.begin(), taken.end(), [&](const ImVec4& t) { return overlaps(t, box); });
}

/// One lane's timers of one kind, drawn together: the union of their
/// brackets as one dashed line, and each distinct pixel's end tick and fired
/// triangle once (a server's failure-detector timers, one per peer, run side
/// by side on its lane: drawn one by one they were overlapping dashes).
struct TimerStroke {
  float y = 0.0f;
  ImU32 col = 0;
  bool dim = false;
  std::vector<PixelSpan> spans;
  std::vector<float> ticks;  ///< x of set and end ticks
  std::vector<float> fired;  ///< x of fired triangles
};

void draw_stroke(ImDrawList* dl, const TimerStroke& s) {
  const int mark = fade_mark(dl);
  for (const PixelSpan& sp : merge_spans(s.spans, 0.0f)) dashed_line(dl, ImVec2(sp.x0, s.y), ImVec2(sp.x1, s.y), s.col, 1.2f, 4, 3);
  for (const float x : distinct_pixels(s.ticks)) line_px(dl, ImVec2(x, s.y - 4), ImVec2(x, s.y + 1), s.col, 1.0f);
  for (const float x : distinct_pixels(s.fired))
    dl->AddTriangleFilled(ImVec2(x - 4, s.y + 2), ImVec2(x + 4, s.y + 2), ImVec2(x, s.y + 7), s.col);
  if (s.dim) fade_since(dl, mark);
}

void draw_timers(const PanelContext& ctx, const ChartFrame& f, ImDrawList* dl, std::vector<ChartHit>& hits) {
  const ChartModel& m = ctx.chart;
  const double t0 = f.tick_at(f.plot_min.x);
  const double t1 = f.tick_at(f.plot_max.x);
  const auto& timers = m.timers();
  std::vector<TimerStroke> strokes;
  for (std::size_t i = m.first_timer_at(static_cast<Tick>(t0) - m.longest_timer_ticks() - 1);
       i < timers.size() && static_cast<double>(timers[i].set_tick) <= t1; ++i) {
    const ChartTimer& t = timers[i];
    if (t.set_seq >= f.upto) break;
    const bool ended = t.end_seq < f.upto;
    const double end = ended ? static_cast<double>(t.end_tick) : std::min(f.now, static_cast<double>(t.end_tick));
    if (end < t0) continue;
    const float y = f.y(t.owner) + 13.0f;
    const float xa = f.x(static_cast<double>(t.set_tick));
    const float xb = std::max(xa + 1.0f, f.x(end));
    const ImU32 col = t.kind == TimerKind::FailureDetector ? theme::fade(theme::kCandidate, 0.75f)
                                                           : IM_COL32(160, 165, 180, 200);
    auto it = std::find_if(strokes.begin(), strokes.end(), [&](const TimerStroke& s) { return s.y == y && s.col == col; });
    if (it == strokes.end()) it = strokes.insert(strokes.end(), TimerStroke{y, col, !in_focus(ctx, t.owner), {}, {}, {}});
    it->spans.push_back(PixelSpan{xa, xb});
    it->ticks.push_back(xa);
    if (ended) it->ticks.push_back(xb);
    if (ended && t.fired) it->fired.push_back(xb);
    hits.push_back(ChartHit{ChartHit::Type::Timer, i, ImVec2(xa, y - 5), ImVec2(xb, y + 6)});
  }
  for (const TimerStroke& s : strokes) draw_stroke(dl, s);
}

/// Where an arrow is drawn: from its send (p0) towards `full` (its receipt,
/// or where it was lost: at least a stub), up to p1 (the display time while
/// it is in flight).
struct ArrowPath {
  ImVec2 p0;
  ImVec2 full;
  ImVec2 p1;
};

ArrowPath arrow_path(const ChartFrame& f, const ChartArrow& a, bool ended, bool lost) {
  const double end_t = static_cast<double>(a.end_tick);
  ArrowPath r;
  r.p0 = ImVec2(f.x(static_cast<double>(a.sent_tick)), f.y(a.from));
  r.full = ImVec2(f.x(end_t), f.y(a.to));
  if (lost) {  // towards where it was going, cut off where it was lost (at least a stub)
    const double span = std::max<double>(1.0, static_cast<double>(a.arrival_tick - a.sent_tick));
    const auto k = static_cast<float>(std::clamp(static_cast<double>(a.end_tick - a.sent_tick) / span, 0.3, 1.0));
    const ImVec2 target(f.x(static_cast<double>(std::max(a.arrival_tick, a.sent_tick + 1))), f.y(a.to));
    r.full = ImVec2(r.p0.x + (target.x - r.p0.x) * k, r.p0.y + (target.y - r.p0.y) * k);
  }
  r.p1 = r.full;
  if (!ended) {  // in flight at the cursor: draw up to the display time
    const double span = std::max(1e-9, end_t - static_cast<double>(a.sent_tick));
    const auto k = static_cast<float>(std::clamp((f.now - static_cast<double>(a.sent_tick)) / span, 0.0, 1.0));
    r.p1 = ImVec2(r.p0.x + (r.full.x - r.p0.x) * k, r.p0.y + (r.full.y - r.p0.y) * k);
  }
  return r;
}

/// The arrow's end: a lost message's bar (the paper's), a delivered one's head.
void arrow_end(ImDrawList* dl, const ArrowPath& path, bool lost, ImU32 col) {
  const ImVec2 p0 = path.p0;
  const ImVec2 p1 = path.p1;
  if (!lost) {
    arrow_head(dl, p0, p1, 8.0f, col);
    return;
  }
  const float dx = p1.x - p0.x;
  const float dy = p1.y - p0.y;
  const float len = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
  const ImVec2 n(-dy / len * 7.0f, dx / len * 7.0f);
  line_px(dl, ImVec2(p1.x - n.x, p1.y - n.y), ImVec2(p1.x + n.x, p1.y + n.y), theme::kLinkCut, 3.0f);
}

/// The arrow's label at 45% of its way (a reply's at 70%), queued if the
/// arrow is long enough for it and the spot is drawn: right of `from_x` (a
/// stub's start) and, in flight, reached.
void queue_label(const ChartArrow& a, const ArrowPath& path, bool ended, float from_x, ImFont* font, ImU32 col,
                 std::vector<LabelRequest>& labels) {
  const ImVec2 p0 = path.p0;
  const ImVec2 full = path.full;
  const float len = std::abs(full.x - p0.x) + std::abs(full.y - p0.y);
  const float tw = font->CalcTextSizeA(font->FontSize, 1e9f, 0, a.label.c_str()).x;
  if (len < tw + 24.0f) return;
  const float at = a.kind == MsgKind::Reply ? 0.7f : 0.45f;
  const ImVec2 lp(p0.x + (full.x - p0.x) * at, p0.y + (full.y - p0.y) * at);
  if (lp.x < from_x) return;                        // left of the stub drawn
  if (!ended && (lp.x > path.p1.x + 1.0f)) return;  // the label's spot is not reached yet
  labels.push_back(LabelRequest{lp, &a.label, col});
}

/// An arrow entering from the plot's left edge (sent before the visible
/// range) and ending inside it is drawn as its last kStubPx: its sender is
/// off the plot anyway, and on the busy run ~100 lines in flight across the
/// whole plot were most of what the chart cost a software renderer
/// (docs/gui.md, "Speed"). Selected, it is drawn whole.
constexpr float kStubPx = 64.0f;

/// How one arrow is drawn this frame.
struct ArrowLook {
  ImU32 col = 0;       ///< its kind's colour (the head, the end)
  ImU32 line_col = 0;  ///< the line's: fainter in flight
  float thick = 1.0f;
  std::uint64_t style = 0;  ///< what must match for two lines to be the same pixels
};

ArrowLook arrow_look(const ChartArrow& a, bool ended, bool lost, bool selected, bool dim) {
  ArrowLook k;
  k.col = theme::message_color(a.kind);
  if (a.kind == MsgKind::Heartbeat) k.col = theme::fade(k.col, 0.5f);
  // Whole-pixel widths: ImGui draws them from the baked-lines texture, 2 triangles
  // a segment instead of 6 (docs/gui.md, "Speed").
  // In flight: a fainter line, 1 px (a 3 px quad instead of 4).
  k.thick = selected ? 3.0f : ended ? 2.0f : 1.0f;
  k.line_col = ended ? k.col : theme::fade(k.col, 0.7f);
  k.style = (static_cast<std::uint64_t>(k.line_col) << 8) | (ended ? 1u : 0u) | (lost ? 2u : 0u) | (dim ? 4u : 0u);
  return k;
}

void draw_arrows(const PanelContext& ctx, const ChartFrame& f, ImDrawList* dl, std::vector<ChartHit>& hits,
                 std::vector<LabelRequest>& labels) {
  const ChartModel& m = ctx.chart;
  const double t0 = f.tick_at(f.plot_min.x);
  const double t1 = f.tick_at(f.plot_max.x);
  ImFont* font = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  const auto& arrows = m.arrows();
  const DotStamp head = dot_stamp(3.5f);
  SegmentSet drawn;
  SegmentSet bundles(kBundlePx);
  SegmentSet heads;  // head dots on the same whole pixels in the same colour: once
  const auto head_dot = [&](ImVec2 p, ImU32 col) {
    if (heads.first(PixelSegment{p.x, p.y, p.x, p.y}, col)) dot(dl, head, p, 3.5f, col);
  };
  for (std::size_t i = m.first_arrow_at(static_cast<Tick>(t0) - m.longest_arrow_ticks() - 1);
       i < arrows.size() && static_cast<double>(arrows[i].sent_tick) <= t1; ++i) {
    const ChartArrow& a = arrows[i];
    if (a.sent_seq >= f.upto) break;
    const bool ended = a.end_seq < f.upto;
    if (static_cast<double>(a.end_tick) < t0 && ended) continue;
    const bool lost = ended && a.end == ChartArrow::End::Lost;
    const ArrowPath path = arrow_path(f, a, ended, lost);
    const ImVec2 p0 = path.p0;
    const ImVec2 p1 = path.p1;
    const bool selected = ctx.ui.selected_message == a.id;
    const bool dim = ctx.focus != nullptr && ctx.focus->active() && !selected &&
                     !in_focus(ctx, a.from, a.to, ctx.session.record().trace().message(a.id));
    const int mark = fade_mark(dl);
    const ArrowLook k = arrow_look(a, ended, lost, selected, dim);
    // Only the visible columns (of an arrow from the left edge its stub), and an
    // arrow landing on the pixels of one drawn before it in the same style (a
    // burst between two lanes) only once; in flight, side by side with one drawn
    // before (both ends within kBundlePx) only its head dot: one line for the
    // bundle, a dot per message.
    const float left = selected ? f.plot_min.x - 1 : stub_start(p0.x, p1.x, f.plot_min.x - 1, f.plot_max.x + 1, kStubPx);
    const auto seen = clip_to_columns(PixelSegment{p0.x, p0.y, p1.x, p1.y}, left, f.plot_max.x + 1);
    const ImVec2 q0 = seen ? ImVec2(seen->x0, seen->y0) : p0;
    if (!ended && !selected && seen && !bundles.first(bundle_key(*seen, p0.x, f.plot_min.x - 1), k.style)) {
      head_dot(p1, k.col);
    } else if (selected || (seen && drawn.first(*seen, k.style))) {
      const ImVec2 q1 = seen ? ImVec2(seen->x1, seen->y1) : p1;
      // A stub in flight fades in from its start: no hard edge where ~100 of them begin.
      if (!ended && !selected && left > f.plot_min.x - 0.5f) fading_line(dl, q0, q1, k.line_col);
      else line_px(dl, q0, q1, k.line_col, k.thick);
      if (!ended) head_dot(p1, k.col);  // in flight: a fainter line with a dot at its head
      if (selected) line_px(dl, q0, q1, theme::fade(theme::kSelection, 0.5f), 1.0f);
      if (ended) arrow_end(dl, path, lost, k.col);
    }
    if (dim) fade_since(dl, mark);
    hits.push_back(ChartHit{ChartHit::Type::Arrow, i, q0, p1});  // the part drawn
    if (ctx.prefs.show_message_labels && !a.label.empty() && !dim)  // dimmed: no label in the way
      queue_label(a, path, ended, left, font, k.col, labels);
  }
}

/// What the marks of one frame draw with, and where their words already are.
struct MarkPen {
  const PanelContext& ctx;
  ImDrawList* dl;
  ImFont* font;
  float fs;
  std::vector<ChartHit>& hits;
  std::vector<ImVec4>& taken;  ///< Boxes of the words and boxes drawn so far.
  /// Per lane: the right edge of its last execution box (marks come in tick
  /// order across all lanes, so two lanes' executions interleave).
  std::vector<std::pair<NodeId, float>> exec_right;

  float& last_exec_x(NodeId node) {
    for (auto& [n, x] : exec_right)
      if (n == node) return x;
    return exec_right.emplace_back(node, -1e9f).second;
  }
  /// `text` at `box`'s corner only where no word is yet (a burst at 7 servers
  /// would print them over each other); true if drawn.
  bool word_if_free(const ImVec4& box, ImU32 col, const char* text) {
    if (clashes(taken, box)) return false;
    draw_label(ctx.layout, dl, font, fs, ImVec2(box.x, box.y), col, text, true);
    taken.push_back(box);
    return true;
  }
};

/// An execution's or a no-op's box on its lane; boxes close together on one
/// lane (about the same tick) line up to the right of each other.
void draw_execute_mark(MarkPen& pen, const ChartMark& mk, std::size_t i, float x, float y) {
  const float half = (chip_box(pen.font, pen.fs, ImVec2(0, 0), mk.label).max.x) + 1.0f;
  float& right = pen.last_exec_x(mk.node);
  const float cx = std::max(x, right + 2.0f + half);
  right = cx + half;
  // A no-op is greyed: the slot's value does not run here (Fig. 11).
  const bool noop = mk.type == ChartMark::Type::NoOp;
  const Box bx = noop ? draw_label_box(pen.ctx.layout, pen.dl, pen.font, pen.fs, ImVec2(cx, y), mk.label, theme::kTextDim,
                                       IM_COL32(48, 52, 60, 255), IM_COL32(120, 125, 135, 255), true)
                      : draw_label_box(pen.ctx.layout, pen.dl, pen.font, pen.fs, ImVec2(cx, y), mk.label,
                                       IM_COL32(230, 255, 235, 255), IM_COL32(38, 110, 62, 255),
                                       IM_COL32(130, 220, 150, 255), true);
  pen.hits.push_back(ChartHit{ChartHit::Type::Mark, i, bx.min, bx.max});
  pen.taken.push_back(ImVec4(bx.min.x, bx.min.y, bx.max.x, bx.max.y));
}

/// A suspicion's word left of its tick; several at one tick line up leftwards;
/// with no room after 4 tries only a dot marks it (its tooltip names it).
void draw_suspect_mark(MarkPen& pen, const ChartMark& mk, std::size_t i, float x, float y) {
  const float fs = pen.fs;
  const float w = pen.font->CalcTextSizeA(fs, 1e9f, 0, mk.label.c_str()).x;
  float right = x - 3;
  for (int tries = 0; tries < 4; ++tries, right -= w + 4) {
    const ImVec4 box(right - w, y - fs - 11, right, y - 11);
    if (pen.word_if_free(box, theme::kCandidate, mk.label.c_str())) {
      pen.hits.push_back(ChartHit{ChartHit::Type::Mark, i, ImVec2(box.x, box.y), ImVec2(box.z, box.w)});
      return;
    }
  }
  pen.dl->AddNgonFilled(ImVec2(x, y - 15), 2.5f, theme::kCandidate, 4);
  pen.hits.push_back(ChartHit{ChartHit::Type::Mark, i, ImVec2(x - 4, y - 19), ImVec2(x + 4, y - 11)});
}

/// A leader change: on its own lane a flag (its word where there is room),
/// else a small diamond.
void draw_leader_mark(MarkPen& pen, const ChartMark& mk, std::size_t i, float x, float y) {
  const float fs = pen.fs;
  if (mk.node == mk.other) {
    line_px(pen.dl, ImVec2(x, y - 10), ImVec2(x, y - fs - 12), theme::kLeader, 2.0f);
    pen.word_if_free(ImVec4(x + 3, y - fs - 13, x + 50, y - 13), theme::kLeader, "Leader");
    pen.hits.push_back(ChartHit{ChartHit::Type::Mark, i, ImVec2(x - 2, y - fs - 13), ImVec2(x + 50, y - 10)});
  } else {
    pen.dl->AddNgonFilled(ImVec2(x, y - 9), 3.0f, theme::fade(theme::kLeader, 0.7f), 4);
    pen.hits.push_back(ChartHit{ChartHit::Type::Mark, i, ImVec2(x - 4, y - 13), ImVec2(x + 4, y - 5)});
  }
}

void draw_mark(MarkPen& pen, const ChartFrame& f, const ChartMark& mk, std::size_t i) {
  ImDrawList* dl = pen.dl;
  const float fs = pen.fs;
  const float x = f.x(static_cast<double>(mk.tick));
  const float y = f.y(mk.node);
  const auto word_width = [&](const char* t) { return pen.font->CalcTextSizeA(fs, 1e9f, 0, t).x; };
  switch (mk.type) {
    case ChartMark::Type::Execute:
    case ChartMark::Type::NoOp: draw_execute_mark(pen, mk, i, x, y); break;
    case ChartMark::Type::Crash: {
      // A crash right after an execution on the same lane: beside its box, not over its name.
      const float sx = std::max(x, pen.last_exec_x(mk.node) + 11.0f);
      star(dl, ImVec2(sx, y), 9.0f, IM_COL32(235, 70, 70, 255), IM_COL32(255, 200, 200, 255));
      pen.hits.push_back(ChartHit{ChartHit::Type::Mark, i, ImVec2(sx - 9, y - 9), ImVec2(sx + 9, y + 9)});
      break;
    }
    case ChartMark::Type::Restart:
      // Its word above the lane, clear of the execution boxes on it (as the
      // leader's); the ring and its tooltip say it otherwise.
      circle_px(dl, ImVec2(x, y), 7.0f, IM_COL32(120, 200, 255, 255), 16, 2.0f);
      pen.word_if_free(ImVec4(x + 3, y - fs - 13, x + 3 + word_width("restart"), y - 13), IM_COL32(120, 200, 255, 255),
                       "restart");
      pen.hits.push_back(ChartHit{ChartHit::Type::Mark, i, ImVec2(x - 8, y - 8), ImVec2(x + 8, y + 8)});
      break;
    case ChartMark::Type::Leader: draw_leader_mark(pen, mk, i, x, y); break;
    case ChartMark::Type::Suspect: draw_suspect_mark(pen, mk, i, x, y); break;
    case ChartMark::Type::Violation:
      line_px(dl, ImVec2(x, f.plot_min.y), ImVec2(x, f.plot_max.y), theme::kViolation, 2.0f);
      pen.word_if_free(ImVec4(x + 4, f.plot_min.y + 2, x + 4 + word_width("violation"), f.plot_min.y + 2 + fs),
                       theme::kViolation, "violation");
      pen.hits.push_back(ChartHit{ChartHit::Type::Mark, i, ImVec2(x - 3, f.plot_min.y), ImVec2(x + 3, f.plot_max.y)});
      break;
    case ChartMark::Type::Request: break;  // the request arrows say it
  }
}

void draw_marks(const PanelContext& ctx, const ChartFrame& f, ImDrawList* dl, std::vector<ChartHit>& hits,
                std::vector<ImVec4>& taken) {
  const ChartModel& m = ctx.chart;
  const double t0 = f.tick_at(f.plot_min.x);
  const double t1 = f.tick_at(f.plot_max.x);
  ImFont* font = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  MarkPen pen{ctx, dl, font, font->FontSize, hits, taken, {}};
  const auto& marks = m.marks();
  for (std::size_t i = m.first_mark_at(static_cast<Tick>(t0) - 3); i < marks.size() && static_cast<double>(marks[i].tick) <= t1 + 3; ++i) {
    const ChartMark& mk = marks[i];
    if (mk.seq >= f.upto) break;
    const int fade_from = fade_mark(dl);
    draw_mark(pen, f, mk, i);
    if (mk.type != ChartMark::Type::Violation && !in_focus(ctx, mk.node)) fade_since(dl, fade_from);
  }
}

}  // namespace

void draw_chart_items(const PanelContext& ctx, const ChartFrame& f, ImDrawList* dl, std::vector<ChartHit>& hits) {
  if (ctx.prefs.show_timers) draw_timers(ctx, f, dl, hits);
  std::vector<LabelRequest> labels;
  std::vector<ImVec4> taken;
  draw_arrows(ctx, f, dl, hits, labels);
  draw_marks(ctx, f, dl, hits, taken);
  // Arrow labels last, each only where it overlaps no mark and no label placed before it.
  ImFont* font = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  const float fs = font->FontSize;
  for (const auto& l : labels) {
    const ImVec2 ts = font->CalcTextSizeA(fs, 1e9f, 0, l.text->c_str());
    const ImVec4 box(l.pos.x - ts.x * 0.5f - 5, l.pos.y - ts.y * 0.5f - 2, l.pos.x + ts.x * 0.5f + 5, l.pos.y + ts.y * 0.5f + 2);
    bool clash = false;
    const std::size_t from = taken.size() > 400 ? taken.size() - 400 : 0;
    for (std::size_t i = from; i < taken.size() && !clash; ++i) clash = overlaps(taken[i], box);
    if (clash) continue;
    draw_label_box(ctx.layout, dl, font, fs, l.pos, *l.text, l.col, IM_COL32(24, 27, 33, 225), 0, true);
    taken.push_back(box);
  }
}

std::string chart_hit_text(const PanelContext& ctx, const ChartHit& h) {
  char buf[256];
  const ChartModel& m = ctx.chart;
  const Trace& rec = ctx.session.record().trace();
  switch (h.type) {
    case ChartHit::Type::Arrow: {
      const ChartArrow& a = m.arrows()[h.index];
      const Envelope* env = rec.message(a.id);
      const std::string what = env ? describe(env->payload) : a.label;
      const char* end = a.end == ChartArrow::End::Lost ? "lost" : a.end == ChartArrow::End::Open ? "due" : "delivered";
      std::snprintf(buf, sizeof buf, "%s %s%s\n%s -> %s, sent t=%lld, %s t=%lld\nClick: select.  Double-click: jump there.",
                    to_string(a.id).c_str(), what.c_str(), a.duplicate ? " (duplicate)" : "", to_string(a.from).c_str(),
                    to_string(a.to).c_str(), static_cast<long long>(a.sent_tick), end, static_cast<long long>(a.end_tick));
      return buf;
    }
    case ChartHit::Type::Mark: {
      const ChartMark& mk = m.marks()[h.index];
      const TraceEvent& e = rec.events()[mk.seq - rec.first_seq()];
      return to_text(e) + "\nDouble-click: jump there.";
    }
    case ChartHit::Type::Timer: {
      const ChartTimer& t = m.timers()[h.index];
      std::snprintf(buf, sizeof buf, "%s timer %s: %s\nset t=%lld, %s t=%lld", to_string(t.owner).c_str(),
                    to_string(t.id).c_str(), t.purpose.c_str(), static_cast<long long>(t.set_tick),
                    t.end_seq == UINT64_MAX ? "due" : (t.fired ? "fired" : "cancelled"), static_cast<long long>(t.end_tick));
      return buf;
    }
  }
  return {};
}

}  // namespace paxoslab::gui
