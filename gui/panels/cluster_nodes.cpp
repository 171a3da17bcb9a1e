// Cluster view, part 2: server and client nodes (role, crash, suspicions,
// leader belief, sigma, witnesses of a violation, selection).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <imgui_internal.h>

#include "core/sim/checker.hpp"
#include "gui/model/node_state.hpp"
#include "gui/panels/cluster_view.hpp"
#include "gui/panels/dots.hpp"
#include "gui/panels/fade.hpp"
#include "gui/panels/labels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/panels/thin_lines.hpp"

namespace paxoslab::gui {

namespace {
/// The ways to write a state sequence, longest first: whole (up to 6
/// entries), then its last 5, 3 and 1 entries after "...".
std::vector<std::string> state_forms(const std::vector<RequestId>& state) {
  std::vector<std::string> forms;
  if (state.size() <= 6) forms.push_back(format_state(state));
  for (const std::size_t keep : {std::size_t{5}, std::size_t{3}, std::size_t{1}}) {
    if (keep >= state.size()) continue;
    const std::string tail = format_state(std::vector<RequestId>(state.end() - static_cast<std::ptrdiff_t>(keep), state.end()));
    forms.push_back("<... " + tail.substr(1));
  }
  return forms;
}

/// The state `n` was seen with as a witness of a violation; nullptr if it is none.
const std::vector<RequestId>* witness_state(const Simulation& sim, NodeId n) {
  for (const auto& v : sim.checker().violations())
    for (const auto& w : v.witnesses)
      if (w.who == n) return &w.state;
  return nullptr;
}

/// How strongly a line changed `age_seconds` ago glows: 1 at once, 0 after kChangeFadeSeconds.
float change_glow(double age_seconds) {
  if (age_seconds < 0 || age_seconds >= kChangeFadeSeconds) return 0.0f;
  return static_cast<float>(1.0 - age_seconds / kChangeFadeSeconds);
}

/// Where the view's captions go: its box, its draw list and the captions' font.
struct Captions {
  const PanelContext& ctx;
  const ClusterGeometry& g;
  ImDrawList* dl;
  ImFont* font;
};

/// Draws the first of `forms` that fits, centred on top_center.x with its top
/// at top_center.y: 2 px inside the view, 1 px clear of every label and node
/// drawn so far. It sits on an opaque box of the view's colour (links and
/// message dots do not show through), amber while a change glows. False if
/// none fits: the Inspector and the node's tooltip still say it.
bool place_caption(const Captions& cap, ImVec2 top_center, ImU32 col, const std::vector<std::string>& forms,
                   float glow = 0.0f) {
  const std::string panel(current_panel());
  const Box view{cap.g.origin, ImVec2(cap.g.origin.x + cap.g.size.x, cap.g.origin.y + cap.g.size.y)};
  const float fs = cap.font->FontSize;
  for (const std::string& text : forms) {
    const ImVec2 ts = text_size(cap.font, fs, text);
    const ImVec2 at(std::floor(top_center.x - ts.x * 0.5f), std::floor(top_center.y));
    const Box box{ImVec2(at.x - 1, at.y), ImVec2(at.x + ts.x + 1, at.y + ts.y)};
    if (!view.contains(box, -2.0f) || !cap.ctx.layout.is_free(panel, box, 1.0f)) continue;
    cap.dl->AddRectFilled(box.min, box.max, theme::kBackground);
    if (glow > 0.0f) cap.dl->AddRectFilled(box.min, box.max, theme::fade(IM_COL32(150, 110, 20, 255), 0.8f * glow));
    draw_label(cap.ctx.layout, cap.dl, cap.font, fs, at, glow > 0.5f ? theme::kChanged : col, text);
    return true;
  }
  return false;
}

/// A witness's chip ("witness <m1 m2>", the state it saw) for the server at
/// c (radius r): centred at (c.x, below_y) under its captions, else right,
/// left or above the node, the state shortened as sigma is, on the first spot
/// inside the view clear of every label and node (none: the invariant bar
/// and the node's tooltip still say it). True if it went under the captions.
bool place_witness(const Captions& cap, ImVec2 c, float r, float below_y, const std::vector<RequestId>& state) {
  const std::string panel(current_panel());
  const Box view{cap.g.origin, ImVec2(cap.g.origin.x + cap.g.size.x, cap.g.origin.y + cap.g.size.y)};
  const float fs = cap.font->FontSize;
  const float line = std::ceil(fs) + 1.0f;
  for (const std::string& form : state_forms(state)) {
    const std::string text = "witness " + form;
    const float half = text_size(cap.font, fs, text).x * 0.5f + 4.0f;
    const ImVec2 spots[] = {ImVec2(c.x, below_y), ImVec2(c.x + r + 4 + half, c.y), ImVec2(c.x - r - 4 - half, c.y),
                            ImVec2(c.x, c.y - r - line * 1.5f - 6)};
    for (const ImVec2& at : spots) {
      const Box want = chip_box(cap.font, fs, at, text);
      if (!view.contains(want, -2.0f) || !cap.ctx.layout.is_free(panel, want, 1.0f)) continue;
      draw_label_box(cap.ctx.layout, cap.dl, cap.font, fs, at, text, IM_COL32(20, 20, 20, 255), theme::kWitness);
      return &at == &spots[0];
    }
  }
  return false;
}

/// Each server's state lines other than its role (Stage 4's rounds, what it
/// waits for), under its captions at `extra_y[s - 1]`, each only where it
/// fits (place_caption); a node's lines stop at the first that does not.
void draw_extra_lines(const Captions& cap, const NodeLineMemory& memory, double now_seconds, const std::vector<float>& extra_y) {
  const float line = std::ceil(cap.font->FontSize) + 1.0f;  // whole pixels: lines 1 px apart
  for (std::size_t idx = 0; idx < extra_y.size() && idx < memory.lines.size(); ++idx) {
    const ImVec2 c = cap.g.servers[idx];
    const int fade_from = fade_mark(cap.dl);  // dimmed with their server on a lesson page that does not name it
    float y = extra_y[idx];
    for (std::size_t k = 0; k < memory.lines[idx].size(); ++k) {
      const NodeLine& nl = memory.lines[idx][k];
      if (nl.kind == NodeLine::Kind::Role) continue;
      const ImU32 col = nl.kind == NodeLine::Kind::Waiting || nl.kind == NodeLine::Kind::NoOp ? theme::kTextDim : theme::kText;
      if (!place_caption(cap, ImVec2(c.x, y), col, {nl.text}, change_glow(now_seconds - memory.changed_at[idx][k]))) break;
      y += line;
    }
    if (!in_focus(cap.ctx, NodeId::of(ServerId{static_cast<int>(idx + 1)}))) fade_since(cap.dl, fade_from);
  }
}

/// A 16-sided polygon at c, no anti-aliased fringe, as 16 slices from its
/// centre: ImGui's AddCircleFilled fans from a point on the rim, 14 long thin
/// triangles that a software renderer shades across the disc's blocks again
/// and again; slices overlap only at the centre.
void fan_disc(ImDrawList* dl, ImVec2 c, float r, ImU32 col) {
  constexpr int kSides = 16;
  const ImVec2 uv = dl->_Data->TexUvWhitePixel;
  dl->PrimReserve(kSides * 3, kSides + 1);  // before reading the index: it may start a new vertex offset
  const auto i0 = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
  dl->PrimWriteVtx(c, uv, col);
  for (int k = 0; k < kSides; ++k) {
    const float a = 6.2831853f * static_cast<float>(k) / static_cast<float>(kSides);
    dl->PrimWriteVtx(ImVec2(c.x + r * std::cos(a), c.y + r * std::sin(a)), uv, col);
  }
  for (int k = 0; k < kSides; ++k) {
    dl->PrimWriteIdx(i0);
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(i0 + 1 + k));
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(i0 + 1 + (k + 1) % kSides));
  }
}

/// A server's disc: the fill the baked disc scaled to it (one rectangle to a
/// software renderer; its edge lies under the ring), else a 16-sided polygon
/// without an anti-aliased fringe; the ring 24 segments of whole-pixel
/// width: at radius 16-30 px it strays from the circle by under 0.6 px, and a
/// software renderer shades fewer long thin triangles (docs/gui.md, "Speed").
void node_disc(ImDrawList* dl, ImVec2 c, float r, ImU32 fill, ImU32 ring, float thickness) {
  if (!scaled_disc(dl, dot_stamp(kDiscRadius), c, r, fill)) fan_disc(dl, c, r, fill);
  circle_px(dl, c, r, ring, 24, thickness);
}

void witness_ring(ImDrawList* dl, ImVec2 c, float r) {
  const float t = static_cast<float>(ImGui::GetTime());
  const float pulse = 0.65f + 0.35f * std::sin(t * 4.0f);
  circle_px(dl, c, r + 7, theme::fade(theme::kWitness, pulse), 24, 4.0f);
}

}  // namespace

void remember_node_lines(const PanelContext& ctx, NodeLineMemory& memory, double now_seconds) {
  const Simulation& sim = ctx.session.sim();
  const int n = sim.config().servers;
  const bool same_run = memory.generation == ctx.session.generation() && memory.lines.size() == static_cast<std::size_t>(n);
  memory.lines.resize(static_cast<std::size_t>(n));
  memory.changed_at.resize(static_cast<std::size_t>(n));
  for (int i = 1; i <= n; ++i) {
    ServerView scratch;
    const ServerView& v = view_of(ctx.session, ServerId{i}, scratch);
    auto lines = node_state_lines(sim, ServerId{i}, v);
    auto& stamps = memory.changed_at[static_cast<std::size_t>(i - 1)];
    auto& old = memory.lines[static_cast<std::size_t>(i - 1)];
    const std::vector<bool> changed = changed_lines(old, lines);
    std::vector<double> next(lines.size(), -1e9);
    for (std::size_t k = 0; k < lines.size(); ++k) {
      // Unchanged lines keep their stamp (a fade runs to its end); changed ones restart it.
      const auto it = std::find_if(old.begin(), old.end(), [&](const NodeLine& o) { return o.kind == lines[k].kind; });
      if (same_run && changed[k]) next[k] = now_seconds;
      else if (it != old.end()) next[k] = stamps[static_cast<std::size_t>(it - old.begin())];
    }
    old = std::move(lines);
    stamps = std::move(next);
  }
  memory.generation = ctx.session.generation();
}

namespace {

/// Server `s`'s disc at c (a witness's pulsing ring, the selection's ring),
/// its name and, if it crashed, a red cross.
void draw_server_disc(const PanelContext& ctx, ImDrawList* dl, ImFont* bold, ImVec2 c, float r, ServerId s, ImU32 ring,
                      bool hovered, bool witness) {
  const bool crashed = ctx.session.sim().crashed(s);
  if (witness) witness_ring(dl, c, r);
  if (ctx.ui.selected == NodeId::of(s)) circle_px(dl, c, r + 4, theme::kSelection, 24, 2.0f);
  node_disc(dl, c, r, crashed ? IM_COL32(55, 57, 62, 255) : IM_COL32(38, 44, 56, 255), ring, hovered ? 5.0f : 3.0f);
  const float fs = bold->FontSize * 1.1f;
  const std::string name = to_string(s);
  const ImVec2 ts = bold->CalcTextSizeA(fs, 1e9f, 0, name.c_str());
  draw_label(ctx.layout, dl, bold, fs, ImVec2(std::floor(c.x - ts.x * 0.5f), std::floor(c.y - ts.y * 0.5f)),
             crashed ? theme::kTextDim : theme::kText, name);
  if (!crashed) return;
  const float k = r * 0.8f;
  line_px(dl, ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), IM_COL32(230, 80, 80, 220), 3.0f);
  line_px(dl, ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), IM_COL32(230, 80, 80, 220), 3.0f);
}

/// Under server `s`: its role and leader belief (a changed line glows for a
/// moment), sigma (shortened to fit), whom it suspects, a witness's state;
/// above it, who suspects it. Each caption only where it fits
/// (place_caption, place_witness). Returns where its other state lines go
/// (draw_extra_lines).
float server_captions(const Captions& cap, ServerId s, ImU32 ring, const NodeLineMemory& memory, double now_seconds,
                      const std::vector<RequestId>* witness) {
  const Simulation& sim = cap.ctx.session.sim();
  const int n = sim.config().servers;
  const auto idx = static_cast<std::size_t>(s.value - 1);
  const ImVec2 c = cap.g.servers[idx];
  const float r = cap.g.node_radius;
  const float line = std::ceil(cap.font->FontSize) + 1.0f;  // whole pixels: lines 1 px apart
  float y = std::floor(c.y + r + 3);
  const auto put = [&](ImU32 col, const std::vector<std::string>& forms, float glow) {
    if (place_caption(cap, ImVec2(c.x, y), col, forms, glow)) y += line;
  };
  if (idx < memory.lines.size())
    for (std::size_t k = 0; k < memory.lines[idx].size(); ++k)
      if (memory.lines[idx][k].kind == NodeLine::Kind::Role)
        put(ring, {memory.lines[idx][k].text}, change_glow(now_seconds - memory.changed_at[idx][k]));
  put(theme::kText, state_forms(sim.executed(s)), 0.0f);
  if (cap.ctx.session.stage().uses_failure_detector && !sim.crashed(s)) {
    std::string sus;
    for (int p = 1; p <= n; ++p)
      if (sim.suspects(s, ServerId{p})) sus += (sus.empty() ? "suspects " : " ") + to_string(ServerId{p});
    if (!sus.empty()) put(theme::kCandidate, {sus}, 0.0f);
  }
  std::string by;
  for (int o = 1; o <= n; ++o)
    if (o != s.value && !sim.crashed(ServerId{o}) && sim.suspects(ServerId{o}, s))
      by += (by.empty() ? "suspected by " : " ") + to_string(ServerId{o});
  if (!by.empty()) place_caption(cap, ImVec2(c.x, std::floor(c.y - r - line - 2)), theme::kCandidate, {by});
  if (witness != nullptr && place_witness(cap, c, r, y + line * 0.5f + 1, *witness)) y += line + 2;
  return y;
}

/// Client `i` (0-based): its box, name and the state of its last reply
/// (shortened to fit), or "waiting".
void draw_client(const Captions& cap, ImFont* bold, std::size_t i, bool hovered) {
  const Simulation& sim = cap.ctx.session.sim();
  const NodeId node = NodeId::of(ClientId{static_cast<int>(i + 1)});
  const ImVec2 c = cap.g.clients[i];
  const float cr = std::min(cap.g.node_radius, 20.0f);
  ImDrawList* dl = cap.dl;
  const std::vector<RequestId>* wstate = witness_state(sim, node);
  if (wstate != nullptr) witness_ring(dl, c, cr);
  // Square corners: a rounded box is a fan of thin triangles, a square one a
  // rectangle to a software renderer (docs/gui.md, "Speed").
  if (cap.ctx.ui.selected == node)
    dl->AddRect(ImVec2(c.x - cr - 4, c.y - cr - 4), ImVec2(c.x + cr + 4, c.y + cr + 4), theme::kSelection, 0.0f, 0, 1.0f);
  dl->AddRectFilled(ImVec2(c.x - cr, c.y - cr), ImVec2(c.x + cr, c.y + cr), IM_COL32(34, 48, 44, 255));
  dl->AddRect(ImVec2(c.x - cr, c.y - cr), ImVec2(c.x + cr, c.y + cr), theme::kClient, 0.0f, 0, hovered ? 3.0f : 2.0f);
  const std::string name = to_string(node);
  const ImVec2 ts = bold->CalcTextSizeA(bold->FontSize, 1e9f, 0, name.c_str());
  draw_label(cap.ctx.layout, dl, bold, bold->FontSize, ImVec2(std::floor(c.x - ts.x * 0.5f), std::floor(c.y - ts.y * 0.5f)),
             theme::kText, name);
  const ClientState& st = sim.clients()[i];
  if (!st.replies.empty())
    place_caption(cap, ImVec2(c.x, c.y + cr + 3), wstate == nullptr ? theme::kClient : theme::kWitness,
                  state_forms(sim.reply_state(st.replies.back())));
  else if (!st.unanswered.empty())
    place_caption(cap, ImVec2(c.x, c.y + cr + 3), theme::kTextDim, {"waiting"});
}

}  // namespace

NodeId draw_cluster_nodes(const PanelContext& ctx, const ClusterGeometry& g, ImDrawList* dl, ImVec2 mouse,
                          const NodeLineMemory& memory, double now_seconds) {
  const Simulation& sim = ctx.session.sim();
  const int n = sim.config().servers;
  const float r = g.node_radius;
  ImFont* bold = ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont();
  const Captions cap{ctx, g, dl, ctx.fonts.small ? ctx.fonts.small : ImGui::GetFont()};
  NodeId hovered;
  const auto near = [&](ImVec2 c, float rad) {
    return (mouse.x - c.x) * (mouse.x - c.x) + (mouse.y - c.y) * (mouse.y - c.y) <= rad * rad;
  };
  std::vector<float> extra_y(static_cast<std::size_t>(n), 0.0f);  // where each node's other state lines go
  for (int i = 1; i <= n; ++i) {
    const ServerId s{i};
    const NodeId node = NodeId::of(s);
    const ImVec2 c = g.servers[static_cast<std::size_t>(i - 1)];
    const int fade_from = fade_mark(dl);  // a lesson page that does not name this server dims it
    ServerView scratch;
    const ServerView& v = view_of(ctx.session, s, scratch);
    const ImU32 ring = sim.crashed(s) ? theme::kCrashed : theme::role_color(v.role.c_str());
    if (near(c, r + 2)) hovered = node;
    const std::vector<RequestId>* wstate = witness_state(sim, node);
    draw_server_disc(ctx, dl, bold, c, r, s, ring, hovered == node, wstate != nullptr);
    extra_y[static_cast<std::size_t>(i - 1)] = server_captions(cap, s, ring, memory, now_seconds, wstate);
    if (!in_focus(ctx, node)) fade_since(dl, fade_from);
  }
  draw_extra_lines(cap, memory, now_seconds, extra_y);
  for (std::size_t i = 0; i < g.clients.size(); ++i) {
    const NodeId node = NodeId::of(ClientId{static_cast<int>(i + 1)});
    const int fade_from = fade_mark(dl);
    if (near(g.clients[i], std::min(r, 20.0f) + 2)) hovered = node;
    draw_client(cap, bold, i, hovered == node);
    if (!in_focus(ctx, node)) fade_since(dl, fade_from);
  }
  return hovered;
}

}  // namespace paxoslab::gui
