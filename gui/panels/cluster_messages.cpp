// Cluster view, part 3: messages in flight (labelled markers moving along
// their link by simulated time) and lost messages falling away.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <string>

#include "gui/panels/cluster_view.hpp"
#include "gui/panels/dots.hpp"
#include "gui/panels/fade.hpp"
#include "gui/panels/labels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/panels/thin_lines.hpp"

namespace paxoslab::gui {

namespace {

/// How many ticks a lost message takes to fall away.
constexpr double kFallTicks = 15.0;

struct Track {
  ImVec2 start;
  ImVec2 end;
  ImVec2 normal;  // unit, to the right of the direction of travel
};

Track track(const ClusterGeometry& g, NodeId from, NodeId to) {
  const ImVec2 a = g.pos(from);
  const ImVec2 b = g.pos(to);
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float len = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
  const ImVec2 u(dx / len, dy / len);
  const float ra = from.is_client() ? std::min(g.node_radius, 20.0f) : g.node_radius;
  const float rb = to.is_client() ? std::min(g.node_radius, 20.0f) : g.node_radius;
  const ImVec2 normal(-u.y, u.x);
  const float side = 7.0f;  // keep the two directions of a link apart
  // Stop short of the nodes so a marker at either end does not cover them.
  const float gap = std::min(26.0f, std::max(0.0f, (len - ra - rb) * 0.25f));
  const float sa = ra + gap;
  const float sb = rb + gap;
  return Track{ImVec2(a.x + u.x * sa + normal.x * side, a.y + u.y * sa + normal.y * side),
               ImVec2(b.x - u.x * sb + normal.x * side, b.y - u.y * sb + normal.y * side), normal};
}

double fraction(double now, Tick sent, Tick arrival) {
  if (arrival <= sent) return 1.0;
  return std::clamp((now - static_cast<double>(sent)) / static_cast<double>(arrival - sent), 0.0, 1.0);
}

/// A message in flight where it is drawn this frame.
struct Placed {
  MessageId id;
  ImVec2 p;
  const Envelope* env = nullptr;
  float fraction = 0.0f;
};

/// The chip of a link's group: the lone message's label ("Acc r1 s1 m2"),
/// or its kind and a count ("Lrn ×5"), or "5 msgs" for mixed kinds; with
/// `terse`, a lone message shows only its kind.
std::string group_label(const std::vector<Placed>& group, bool terse) {
  const Payload& first = group.front().env->payload;
  std::string kind = short_label(first);
  kind = kind.substr(0, kind.find(' '));
  if (group.size() == 1) {
    std::string l = terse ? kind : short_label(first);
    if (group.front().env->duplicate_of.valid()) l += " (dup)";
    return l;
  }
  const bool same = std::all_of(group.begin(), group.end(),
                                [&](const Placed& m) { return m.env->payload.kind == first.kind; });
  return same ? kind + " \xC3\x97" + std::to_string(group.size()) : std::to_string(group.size()) + " msgs";
}

/// Where a lost message's crossed dot at `p` goes: there, or up to 20 px
/// away, the first spot inside the view clear of every label, node and mark
/// drawn so far; none if all are taken (the chart and the event log still
/// show the loss).
std::optional<ImVec2> cross_spot(const LayoutRecord& rec, const std::string& panel, ImVec2 p, const Box& canvas) {
  constexpr float kOffsets[][2] = {{0, 0},   {0, 10},  {0, -10}, {14, 0},  {-14, 0},
                                   {14, 10}, {-14, 10}, {0, 20}, {14, -10}, {-14, -10}, {0, -20}};
  for (const auto& o : kOffsets) {
    const ImVec2 q(p.x + o[0], p.y + o[1]);
    const Box b{ImVec2(q.x - 6, q.y - 6), ImVec2(q.x + 6, q.y + 6)};
    if (canvas.contains(b, 0.0f) && rec.is_free(panel, b, 1.0f)) return q;
  }
  return std::nullopt;
}

/// Draws the lost messages of the last kFallTicks falling away from their link:
/// a crossed chip where there is room, else a crossed dot where that is clear
/// of the view's text (cross_spot).
void draw_lost(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImFont* font, bool labels) {
  const float fs = font->FontSize;
  const double now = ctx.session.display_time();
  const Trace& rec = ctx.session.record().trace();
  const std::uint64_t upto = ctx.session.sim().trace().size();
  const std::string panel(current_panel());
  const Box canvas{g.origin, ImVec2(g.origin.x + g.size.x, g.origin.y + g.size.y)};
  int scanned = 0;
  for (std::uint64_t seq = upto; seq-- > rec.first_seq() && scanned < 400; ++scanned) {
    const TraceEvent& e = rec.events()[seq - rec.first_seq()];
    if (static_cast<double>(e.tick) < now - kFallTicks) break;
    if (e.kind != TraceKind::Drop) continue;
    const Envelope* env = rec.message(e.message);
    if (env == nullptr) continue;
    const Track t = track(g, env->from, env->to);
    const auto f = static_cast<float>(fraction(static_cast<double>(e.tick), env->sent_tick, env->arrival_tick));
    const float phase = std::clamp(static_cast<float>((now - static_cast<double>(e.tick)) / kFallTicks), 0.3f, 1.0f);
    const ImVec2 p(t.start.x + (t.end.x - t.start.x) * f, t.start.y + (t.end.y - t.start.y) * f + phase * g.node_radius * 2.2f);
    const float alpha = 1.0f - phase * 0.75f;
    const ImU32 cross = theme::fade(theme::kLinkCut, alpha);
    const std::string label = labels ? short_label(env->payload) : std::string();
    const Box want = chip_box(font, fs, p, label);
    if (!label.empty() && ctx.layout.is_free(panel, want, 2.0f) && canvas.contains(want, 0.0f)) {
      const Box b = draw_label_box(ctx.layout, dl, font, fs, p, label, theme::fade(IM_COL32(20, 20, 24, 255), alpha),
                                   theme::fade(theme::message_color(env->payload.kind), alpha * 0.8f));
      line_px(dl, b.min, b.max, cross, 2.0f);
      line_px(dl, ImVec2(b.min.x, b.max.y), ImVec2(b.max.x, b.min.y), cross, 2.0f);
    } else if (const auto spot = cross_spot(ctx.layout, panel, p, canvas)) {
      const ImVec2 q = *spot;
      dl->AddCircleFilled(q, 4.5f, theme::fade(theme::message_color(env->payload.kind), alpha * 0.8f), 8);
      line_px(dl, ImVec2(q.x - 5, q.y - 5), ImVec2(q.x + 5, q.y + 5), cross, 2.0f);
      line_px(dl, ImVec2(q.x - 5, q.y + 5), ImVec2(q.x + 5, q.y - 5), cross, 2.0f);
      ctx.layout.add_mark(panel, "lost " + short_label(env->payload), Box{ImVec2(q.x - 6, q.y - 6), ImVec2(q.x + 6, q.y + 6)});
    }
  }
}

/// Where a group's chip may go: at its lead message, beside it (either side
/// of the link), or at the group's middle message; the first free spot wins.
std::vector<ImVec2> chip_spots(const std::vector<Placed>& group, ImVec2 normal, float step) {
  const ImVec2 lead = group.front().p;
  const ImVec2 mid = group[group.size() / 2].p;
  return {lead,
          ImVec2(lead.x + normal.x * step, lead.y + normal.y * step),
          ImVec2(lead.x - normal.x * step, lead.y - normal.y * step),
          mid,
          ImVec2(mid.x + normal.x * step * 2, mid.y + normal.y * step * 2),
          ImVec2(lead.x + normal.x * step * 2, lead.y + normal.y * step * 2)};
}

}  // namespace

void draw_cluster_messages(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl,
                           ImDrawListSplitter& split, std::vector<MessageMarker>& out) {
  out.clear();
  const Simulation& sim = ctx.session.sim();
  const double now = ctx.session.display_time();
  ImFont* font = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  const float fs = font->FontSize;
  const auto& flight = sim.network().in_flight();
  const bool labels = ctx.prefs.show_message_labels;
  const bool terse = flight.size() > 10;
  const std::string panel(current_panel());
  const Box canvas{g.origin, ImVec2(g.origin.x + g.size.x, g.origin.y + g.size.y)};

  draw_lost(ctx, g, dl, font, labels);

  // Messages grouped by directed link, each group's most advanced first.
  std::map<std::tuple<int, int, int, int>, std::vector<Placed>> groups;
  for (const auto& [id, f] : flight) {
    const Envelope& env = f.envelope;
    const Track t = track(g, env.from, env.to);
    const auto fr = static_cast<float>(fraction(now, env.sent_tick, env.arrival_tick));
    ImVec2 p(t.start.x + (t.end.x - t.start.x) * fr, t.start.y + (t.end.y - t.start.y) * fr);
    if (env.duplicate_of.valid()) {  // beside its original, not on top of it
      p.x += t.normal.x * 9.0f;
      p.y += t.normal.y * 9.0f;
    }
    groups[{static_cast<int>(env.from.role), env.from.index, static_cast<int>(env.to.role), env.to.index}].push_back(
        Placed{env.id, p, &env, fr});
  }
  // Every message is a dot where it is (clickable on its own), under the nodes and captions...
  split.SetCurrentChannel(dl, 0);
  const DotStamp stamp = dot_stamp(4.5f);
  for (auto& [key, group] : groups) {
    std::stable_sort(group.begin(), group.end(), [](const Placed& a, const Placed& b) { return a.fraction > b.fraction; });
    for (const Placed& m : group) {
      const int fade_from = fade_mark(dl);  // a lesson page that does not name this message dims it
      dot(dl, stamp, m.p, 4.5f, theme::message_color(m.env->payload.kind));
      if (ctx.ui.selected_message == m.id) circle_px(dl, m.p, 7.0f, theme::kSelection, 12, 2.0f);
      else if (!in_focus(ctx, m.env->from, m.env->to, m.env)) fade_since(dl, fade_from);
      out.push_back(MessageMarker{m.id, m.p, ImVec2(m.p.x - 6, m.p.y - 6), ImVec2(m.p.x + 6, m.p.y + 6)});
    }
  }
  split.SetCurrentChannel(dl, 1);
  for (auto& [key, group] : groups) {
    const Track t = track(g, group.front().env->from, group.front().env->to);
    if (!labels) continue;
    // ...and each link's group has one chip where it covers no node, label or legend.
    const std::string label = group_label(group, terse);
    const bool selected = std::any_of(group.begin(), group.end(), [&](const Placed& m) { return ctx.ui.selected_message == m.id; });
    const Envelope* lead = group.front().env;
    const bool dim = !selected && !in_focus(ctx, lead->from, lead->to, lead);
    for (const ImVec2& c : chip_spots(group, t.normal, fs + 4.0f)) {
      const Box want = chip_box(font, fs, c, label);
      if (!canvas.contains(want, 0.0f) || !ctx.layout.is_free(panel, want, 1.0f)) continue;
      const int fade_from = fade_mark(dl);
      // An outline only when selected: chips stand 1 px apart on the dark view,
      // and four 1 px lines around every chip cost a software renderer more
      // blocks than half its fill (docs/gui.md, "Speed").
      const Box box = draw_label_box(ctx.layout, dl, font, fs, c, label, IM_COL32(16, 18, 22, 255),
                                     theme::message_color(group.front().env->payload.kind),
                                     selected ? theme::kSelection : 0);
      if (dim) fade_since(dl, fade_from);
      out.push_back(MessageMarker{group.front().id, c, box.min, box.max});
      break;
    }
  }
}

}  // namespace paxoslab::gui
