// Sequence chart, part 1: the frame (ruler, lanes, zoom/scroll/follow) and the mouse.
#include "gui/panels/sequence_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/panels/backdrop.hpp"
#include "gui/panels/fade.hpp"
#include "gui/panels/labels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/panels/thin_lines.hpp"

namespace paxoslab::gui {

namespace {

std::vector<NodeId> lane_order(int servers, int clients) {
  std::vector<NodeId> lanes;
  const int top = (clients + 1) / 2;  // the paper: C1 above the servers, C2 below
  for (int c = 1; c <= top; ++c) lanes.push_back(NodeId::of(ClientId{c}));
  for (int s = 1; s <= servers; ++s) lanes.push_back(NodeId::of(ServerId{s}));
  for (int c = top + 1; c <= clients; ++c) lanes.push_back(NodeId::of(ClientId{c}));
  return lanes;
}

bool lane_is_witness(const Simulation& sim, NodeId n) {
  for (const auto& v : sim.checker().violations())
    for (const auto& w : v.witnesses)
      if (w.who == n) return true;
  return false;
}

/// A "nice" ruler step (1, 2, 5 x 10^k ticks) at least `min_px` apart.
double ruler_step(double px_per_tick, double min_px) {
  const double raw = min_px / px_per_tick;
  double p = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (p * m >= raw) return std::max(1.0, p * m);
  return std::max(1.0, p * 10);
}

void draw_ruler(LayoutRecord& rec, const ChartFrame& f, ImDrawList* dl, ImFont* font, ImVec2 top_left, float height) {
  const float fs = font->FontSize;
  dl->AddRectFilled(ImVec2(f.plot_min.x, top_left.y), ImVec2(f.plot_max.x, top_left.y + height), IM_COL32(36, 40, 48, 255));
  const double step = ruler_step(f.px_per_tick, 70.0);
  const double t0 = std::floor(f.tick_at(f.plot_min.x) / step) * step;
  for (double t = std::max(0.0, t0); f.x(t) <= f.plot_max.x; t += step) {
    const float x = f.x(t);
    if (x < f.plot_min.x) continue;
    vline(dl, x, top_left.y + height - 5, top_left.y + height, theme::kTextDim);  // whole pixels: no fringe
    vline(dl, x, f.plot_min.y, f.plot_max.y, theme::fade(theme::kGrid, 0.45f));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", t);
    draw_label(rec, dl, font, fs, ImVec2(x + 3, top_left.y + (height - fs) * 0.5f - 1), theme::kTextDim, buf, true);
  }
}

}  // namespace

namespace {

/// "Export": the chart as drawn, to an SVG or PNG file for slides.
void draw_export_button(const PanelContext& ctx, ChartState& st) {
  if (ImGui::Button("Export")) ImGui::OpenPopup("##export_chart");
  if (ImGui::IsItemHovered())
    item_tooltip("Save the chart exactly as shown, for slides: SVG (vector, text stays text) or PNG. Saved in the "
                 "folder the app was started from; an existing file is never replaced.");
  if (!ImGui::BeginPopup("##export_chart")) return;
  ImGui::TextUnformatted("File name (without extension):");
  ImGui::SetNextItemWidth(260);
  ImGui::InputText("##export_name", st.export_name, sizeof st.export_name);
  const std::string name = st.export_name[0] != 0 ? st.export_name : "paxos-lab-chart";
  if (ImGui::Button("Save SVG")) {
    ctx.out.push(cmd::ExportChart{name + ".svg"});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Save PNG")) {
    ctx.out.push(cmd::ExportChart{name + ".png"});
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace

namespace {

/// What the toolbar's buttons asked for this frame.
struct ToolbarPress {
  bool fit = false;
  bool zoom_in = false;
  bool zoom_out = false;
};

/// The row above the chart: Follow, Fit, zoom, Labels, Timers, help, Export.
ToolbarPress draw_toolbar(const PanelContext& ctx, ChartState& st) {
  ToolbarPress press;
  ImGui::Checkbox("Follow", &st.follow);
  if (ImGui::IsItemHovered()) item_tooltip("Keep the current time in view while stepping and playing.");
  ImGui::SameLine();
  press.fit = ImGui::Button("Fit");
  if (ImGui::IsItemHovered()) item_tooltip("Zoom to show the whole run.");
  ImGui::SameLine();
  press.zoom_in = ImGui::Button("+");
  if (ImGui::IsItemHovered()) item_tooltip("Zoom in (Ctrl + mouse wheel).");
  ImGui::SameLine();
  press.zoom_out = ImGui::Button("-");
  if (ImGui::IsItemHovered()) item_tooltip("Zoom out (Ctrl + mouse wheel).");
  ImGui::SameLine(0, 16);
  bool labels = ctx.prefs.show_message_labels;
  if (ImGui::Checkbox("Labels", &labels)) ctx.out.push(cmd::SetViewOptions{labels, ctx.prefs.show_timers});
  if (ImGui::IsItemHovered()) item_tooltip("Message labels on the arrows and on the markers in the cluster view.");
  ImGui::SameLine();
  bool timers = ctx.prefs.show_timers;
  if (ImGui::Checkbox("Timers", &timers)) ctx.out.push(cmd::SetViewOptions{ctx.prefs.show_message_labels, timers});
  if (ImGui::IsItemHovered()) item_tooltip("Dashed brackets from when a timer is set to when it fires or is cancelled.");
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered())
    item_tooltip("Mouse wheel: scroll in time.  Ctrl + wheel: zoom.  Drag: pan.  Click the time ruler: jump the whole "
                 "view to that time.  Hover an arrow, box or bracket for details; double-click it to jump there.");
  ImGui::SameLine(0, 16);
  draw_export_button(ctx, st);
  return press;
}

/// The canvas's geometry: the plot right of the lane names and below the
/// ruler, one lane per node (the time mapping is filled in later).
ChartFrame frame_geometry(const Session& session, ImFont* font, ImFont* bold, ImVec2 origin, ImVec2 size) {
  const Simulation& sim = session.sim();
  ChartFrame f;
  const float label_w = bold->CalcTextSizeA(bold->FontSize, 1e9f, 0, "S7").x + 22.0f;
  const float ruler_h = font->FontSize + 8.0f;
  f.plot_min = ImVec2(origin.x + label_w, origin.y + ruler_h);
  f.plot_max = ImVec2(origin.x + size.x, origin.y + size.y);
  f.lanes = lane_order(sim.config().servers, sim.config().clients);
  const float lane_h = (f.plot_max.y - f.plot_min.y) / static_cast<float>(f.lanes.size());
  for (std::size_t i = 0; i < f.lanes.size(); ++i)
    f.lane_y.push_back(std::floor(f.plot_min.y + lane_h * (static_cast<float>(i) + 0.55f)));
  f.upto = sim.trace().size();
  f.now = session.display_time();
  return f;
}

/// The zoom that is not the user's: fitted once per run, a lesson page's
/// framed moment, "Whole run" and the Fit button.
void apply_framing(const PanelContext& ctx, ChartState& st, float plot_w, bool fit) {
  const Session& session = ctx.session;
  if (st.fitted_generation != session.generation()) {
    st.fitted_generation = session.generation();
    const double span = std::clamp(static_cast<double>(session.expected_end_tick()) * 1.15 + 12.0, 60.0, 600.0);
    st.px_per_tick = plot_w / span;
    st.left_tick = -24.0 / st.px_per_tick;
    st.follow = true;
    st.applied_frame.reset();
  }
  if (st.frame && st.frame != st.applied_frame) {  // a lesson page frames its moment
    st.applied_frame = st.frame;
    st.px_per_tick = std::clamp(plot_w / std::max(1.0, st.frame->last - st.frame->first), 0.02, 60.0);
    st.left_tick = st.frame->first;
    st.follow = false;
  } else if (!st.frame && st.applied_frame) {  // "Whole run"
    st.applied_frame.reset();
    fit = true;
  }
  if (fit) {
    st.px_per_tick = plot_w / std::max(50.0, static_cast<double>(ctx.chart.last_tick()) * 1.08 + 10.0);
    st.left_tick = -24.0 / st.px_per_tick;
    st.follow = false;
  }
}

/// The user's zoom and pan: the +/- buttons, the (Ctrl +) wheel, dragging;
/// then Follow keeps the current time in view.
void apply_pan_zoom(ChartState& st, const ChartFrame& f, ToolbarPress press, bool hovered, bool active) {
  const ImGuiIO& io = ImGui::GetIO();
  const float plot_w = f.plot_max.x - f.plot_min.x;
  auto zoom = [&](double factor, double anchor_tick) {
    const double ppt = std::clamp(st.px_per_tick * factor, 0.02, 60.0);
    st.left_tick = anchor_tick - (anchor_tick - st.left_tick) * st.px_per_tick / ppt;
    st.px_per_tick = ppt;
  };
  if (press.zoom_in) zoom(1.5, st.left_tick + plot_w / st.px_per_tick * 0.5);
  if (press.zoom_out) zoom(1.0 / 1.5, st.left_tick + plot_w / st.px_per_tick * 0.5);
  if (hovered && io.MouseWheel != 0.0f) {
    if (io.KeyCtrl) {
      const double mouse_tick = st.left_tick + static_cast<double>(io.MousePos.x - f.plot_min.x) / st.px_per_tick;
      zoom(std::pow(1.2, static_cast<double>(io.MouseWheel)), mouse_tick);
    } else {
      st.left_tick -= static_cast<double>(io.MouseWheel) * 60.0 / st.px_per_tick;
      st.follow = false;
    }
  }
  if (hovered && io.MouseWheelH != 0.0f) {
    st.left_tick -= static_cast<double>(io.MouseWheelH) * 60.0 / st.px_per_tick;
    st.follow = false;
  }
  const bool on_ruler = io.MouseClickedPos[0].y < f.plot_min.y;
  if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f) && !on_ruler) {
    st.left_tick -= static_cast<double>(io.MouseDelta.x) / st.px_per_tick;
    st.follow = false;
  }
  if (st.follow) {
    const double visible = plot_w / st.px_per_tick;
    if (f.now > st.left_tick + visible * 0.92 || f.now < st.left_tick) st.left_tick = f.now - visible * 0.75;
  }
  st.left_tick = std::max(-24.0 / st.px_per_tick, st.left_tick);
}

/// Each lane's line and name (a witness of a violation in red, a crashed
/// server's name dimmed, nodes out of the lesson's focus faded).
void draw_lanes(const PanelContext& ctx, const ChartFrame& f, ImDrawList* dl, ImFont* bold, float name_x) {
  const Simulation& sim = ctx.session.sim();
  for (std::size_t i = 0; i < f.lanes.size(); ++i) {
    const NodeId n = f.lanes[i];
    const bool witness = lane_is_witness(sim, n);
    const bool crashed = n.is_server() && sim.crashed(n.server());
    const int mark = fade_mark(dl);
    const ImU32 col = witness ? theme::kWitness : n.is_client() ? theme::fade(theme::kClient, 0.6f) : theme::kLink;
    if (witness) line_px(dl, ImVec2(f.plot_min.x, f.lane_y[i]), ImVec2(f.plot_max.x, f.lane_y[i]), col, 3.0f);
    else hline(dl, f.plot_min.x, f.plot_max.x, f.lane_y[i], col);  // whole pixels: no fringe
    const std::string name = to_string(n);
    const ImU32 tc = witness ? theme::kWitness : crashed ? theme::kTextDim : n.is_client() ? theme::kClient : theme::kText;
    draw_label(ctx.layout, dl, bold, bold->FontSize, ImVec2(name_x, f.lane_y[i] - bold->FontSize * 0.5f), tc, name);
    if (!in_focus(ctx, n)) fade_since(dl, mark);
  }
}

/// What is under the mouse: the nearest arrow within 5 px, but a mark or a
/// timer's box under it wins. Null when nothing is.
const ChartHit* hit_under(const std::vector<ChartHit>& hits, ImVec2 mouse) {
  const ChartHit* best = nullptr;
  float best_d = 25.0f;
  for (const auto& h : hits) {
    if (h.type == ChartHit::Type::Arrow) {
      const float d = distance_sq_to_segment(mouse, h.a, h.b);
      if (d < best_d) {
        best_d = d;
        best = &h;
      }
    } else if (mouse.x >= h.a.x - 2 && mouse.x <= h.b.x + 2 && mouse.y >= h.a.y - 2 && mouse.y <= h.b.y + 2) {
      best = &h;
      best_d = 0.0f;
    }
  }
  return best;
}

/// The mouse over the time ruler: the tick in a tooltip; a click jumps to
/// the last recorded event at or before it.
void ruler_mouse(const PanelContext& ctx, double mouse_tick) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "t = %.0f\nClick: jump the whole view to this time.", std::max(0.0, mouse_tick));
  item_tooltip(buf);
  if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return;
  const auto& ev = ctx.session.record().trace().events();
  const auto it = std::upper_bound(ev.begin(), ev.end(), mouse_tick,
                                   [](double t, const TraceEvent& e) { return t < static_cast<double>(e.tick); });
  if (it == ev.begin()) ctx.out.push(cmd::JumpStart{});
  else ctx.out.push(cmd::JumpToEvent{std::prev(it)->seq});
}

/// The mouse over an arrow, mark or timer: its tooltip; a click on an arrow
/// selects the message, a double-click jumps to the event.
void item_mouse(const PanelContext& ctx, const ChartHit& hit) {
  item_tooltip(chart_hit_text(ctx, hit).c_str());
  std::uint64_t jump = UINT64_MAX;
  if (hit.type == ChartHit::Type::Arrow) {
    const ChartArrow& a = ctx.chart.arrows()[hit.index];
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) ctx.out.push(cmd::SelectMessage{a.id});
    jump = a.end_seq != UINT64_MAX ? a.end_seq : a.sent_seq;
  } else if (hit.type == ChartHit::Type::Mark) {
    jump = ctx.chart.marks()[hit.index].seq;
  } else {
    jump = ctx.chart.timers()[hit.index].set_seq;
  }
  if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && jump != UINT64_MAX) ctx.out.push(cmd::JumpToEvent{jump});
}

}  // namespace

void draw_sequence_chart(const PanelContext& ctx, ChartState& st) {
  ImFont* font = ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont();
  ImFont* bold = ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont();
  const ToolbarPress press = draw_toolbar(ctx, st);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 200.0f);
  size.y = std::max(size.y, 80.0f);
  const ImVec2 canvas_max(origin.x + size.x, origin.y + size.y);
  st.canvas_min = origin;
  st.canvas_max = canvas_max;
  ImGui::InvisibleButton("##chart_canvas", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();

  ChartFrame f = frame_geometry(ctx.session, font, bold, origin, size);
  apply_framing(ctx, st, f.plot_max.x - f.plot_min.x, press.fit);
  apply_pan_zoom(st, f, press, hovered, active);
  f.left_tick = st.left_tick;
  f.px_per_tick = st.px_per_tick;
  st.plot_min = f.plot_min;
  st.plot_max = f.plot_max;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, canvas_max, true);
  fill_backdrop(dl, origin, canvas_max, theme::kBackground);
  draw_ruler(ctx.layout, f, dl, font, origin, f.plot_min.y - origin.y);
  draw_lanes(ctx, f, dl, bold, origin.x + 8);
  dl->PushClipRect(ImVec2(f.plot_min.x, origin.y), f.plot_max, true);
  std::vector<ChartHit> hits;
  draw_chart_items(ctx, f, dl, hits);
  const float xn = f.x(f.now);
  line_px(dl, ImVec2(xn, origin.y), ImVec2(xn, f.plot_max.y), theme::kNow, 2.0f);
  dl->AddTriangleFilled(ImVec2(xn - 5, origin.y), ImVec2(xn + 5, origin.y), ImVec2(xn, origin.y + 6), theme::kNow);
  dl->PopClipRect();
  dl->PopClipRect();

  if (!hovered) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (mouse.y < f.plot_min.y) ruler_mouse(ctx, f.tick_at(mouse.x));
  else if (const ChartHit* hit = hit_under(hits, mouse)) item_mouse(ctx, *hit);
}

}  // namespace paxoslab::gui
