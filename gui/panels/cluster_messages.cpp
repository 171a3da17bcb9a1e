// Cluster view, part 3: messages in flight (labelled markers moving along
// their link by simulated time) and lost messages falling away.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <string>

#include "gui/panels/cluster_view.hpp"
#include "gui/panels/labels.hpp"
#include "gui/panels/widgets.hpp"

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

}  // namespace

void draw_cluster_messages(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl,
                           std::vector<MessageMarker>& out) {
  out.clear();
  const Simulation& sim = ctx.session.sim();
  const double now = ctx.session.display_time();
  ImFont* font = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  const float fs = font->FontSize;
  const auto& flight = sim.network().in_flight();
  const bool labels = ctx.prefs.show_message_labels && flight.size() <= 80;
  const bool crowded = flight.size() > 10;
  std::map<std::tuple<int, int, int, int, int>, int> stack;  // (from, to, bucket) -> markers there

  // Lost messages first, under the live ones: scan the trace back over the last kFallTicks.
  const Trace& rec = ctx.session.record().trace();
  const std::uint64_t upto = sim.trace().size();
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
    std::string label = labels ? short_label(env->payload) : std::string("  ");
    const ImVec2 ts = font->CalcTextSizeA(fs, 1e9f, 0.0f, label.c_str());
    const ImVec2 half(ts.x * 0.5f + 4.0f, ts.y * 0.5f + 1.0f);  // label_box's padding
    if (g.covers_node(ImVec2(p.x - half.x, p.y - half.y), ImVec2(p.x + half.x, p.y + half.y), 3.0f)) label = "  ";
    const Box bx = draw_label_box(ctx.layout, dl, font, fs, p, label, theme::fade(IM_COL32(20, 20, 24, 255), alpha),
                                  theme::fade(theme::message_color(env->payload.kind), alpha * 0.8f));
    const ImVec4 box(bx.min.x, bx.min.y, bx.max.x, bx.max.y);
    dl->AddLine(ImVec2(box.x, box.y), ImVec2(box.z, box.w), theme::fade(theme::kLinkCut, alpha), 2.0f);
    dl->AddLine(ImVec2(box.x, box.w), ImVec2(box.z, box.y), theme::fade(theme::kLinkCut, alpha), 2.0f);
  }

  for (const auto& [id, f] : flight) {
    const Envelope& env = f.envelope;
    const Track t = track(g, env.from, env.to);
    const auto fr = static_cast<float>(fraction(now, env.sent_tick, env.arrival_tick));
    const int bucket = static_cast<int>(fr * 12.0f);
    const int k = stack[{static_cast<int>(env.from.role), env.from.index, static_cast<int>(env.to.role), env.to.index, bucket}]++;
    const float off = static_cast<float>(k) * (fs + 4.0f);
    const ImVec2 p(t.start.x + (t.end.x - t.start.x) * fr + t.normal.x * off,
                   t.start.y + (t.end.y - t.start.y) * fr + t.normal.y * off);
    const ImU32 col = theme::message_color(env.payload.kind);
    const bool selected = ctx.ui.selected_message == env.id;
    MessageMarker m;
    m.id = env.id;
    m.center = p;
    std::string label;
    if (labels) {
      label = short_label(env.payload);
      if (crowded) label = label.substr(0, label.find(' '));  // "Lrn", "Acc": hover for the rest
      if (env.duplicate_of.valid()) label += " (dup)";
      // A label box over a node would hide it and its caption: near a node the marker is a dot.
      const ImVec2 ts = font->CalcTextSizeA(fs, 1e9f, 0.0f, label.c_str());
      const ImVec2 half(ts.x * 0.5f + 4.0f, ts.y * 0.5f + 1.0f);  // label_box's padding
      if (g.covers_node(ImVec2(p.x - half.x, p.y - half.y), ImVec2(p.x + half.x, p.y + half.y), 3.0f)) label.clear();
    }
    if (!label.empty()) {
      const Box box = draw_label_box(ctx.layout, dl, font, fs, p, label, IM_COL32(16, 18, 22, 255), col,
                                     selected ? theme::kSelection : IM_COL32(0, 0, 0, 120));
      m.min = box.min;
      m.max = box.max;
    } else {
      dl->AddCircleFilled(p, 5.0f, col, 8);
      if (selected) dl->AddCircle(p, 7.0f, theme::kSelection, 12, 1.5f);
      m.min = ImVec2(p.x - 6, p.y - 6);
      m.max = ImVec2(p.x + 6, p.y + 6);
    }
    out.push_back(m);
  }
}

}  // namespace paxoslab::gui
