#include "gui/panels/layout_record.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace paxoslab::gui {

Box Box::intersect(const Box& o) const {
  Box r{ImVec2(std::max(min.x, o.min.x), std::max(min.y, o.min.y)),
        ImVec2(std::min(max.x, o.max.x), std::min(max.y, o.max.y))};
  if (r.empty()) r.max = r.min;
  return r;
}

bool Box::overlaps(const Box& o, float slack) const {
  return std::min(max.x, o.max.x) - std::max(min.x, o.min.x) > slack &&
         std::min(max.y, o.max.y) - std::max(min.y, o.min.y) > slack;
}

bool Box::contains(const Box& o, float slack) const {
  return o.min.x >= min.x - slack && o.min.y >= min.y - slack && o.max.x <= max.x + slack &&
         o.max.y <= max.y + slack;
}

void LayoutRecord::begin_frame(bool capture_widgets) {
  capture_widgets_ = capture_widgets;
  capture_texts_ = false;
  texts_.clear();
  labels_.clear();
  obstacles_.clear();
  widgets_.clear();
}

void LayoutRecord::add_obstacle(std::string_view panel, std::string_view what, Box box) {
  obstacles_.push_back(Obstacle{std::string(panel), std::string(what), box, false});
}

void LayoutRecord::add_mark(std::string_view panel, std::string_view what, Box box) {
  obstacles_.push_back(Obstacle{std::string(panel), std::string(what), box, true});
}

bool LayoutRecord::is_free(std::string_view panel, const Box& box, float margin, std::string_view except) const {
  const Box grown{ImVec2(box.min.x - margin, box.min.y - margin), ImVec2(box.max.x + margin, box.max.y + margin)};
  for (const DrawnLabel& l : labels_)
    if (l.panel == panel && !l.visible.empty() && grown.overlaps(l.visible, 0.0f)) return false;
  for (const Obstacle& o : obstacles_)
    if (o.panel == panel && (except.empty() || o.what != except) && grown.overlaps(o.box, 0.0f)) return false;
  return true;
}

namespace {

/// What of a widget's text cannot be reached: outside the visible part in a
/// direction its window does not scroll.
bool widget_clipped(const WidgetText& w) {
  const float slack = 1.0f;
  if (w.visible.empty()) return !(w.can_scroll_x || w.can_scroll_y);
  const bool cut_x = w.box.min.x < w.visible.min.x - slack || w.box.max.x > w.visible.max.x + slack;
  const bool cut_y = w.box.min.y < w.visible.min.y - slack || w.box.max.y > w.visible.max.y + slack;
  return (cut_x && !w.can_scroll_x) || (cut_y && !w.can_scroll_y);
}

/// A label meets an obstacle: they overlap, and the label is not a node's
/// name wholly inside the node's own shape.
bool meets(const DrawnLabel& l, const Obstacle& o) {
  if (!l.visible.overlaps(o.box)) return false;
  return o.mark || !o.box.contains(l.visible, 0.0f);
}

}  // namespace

LayoutReport LayoutRecord::report() const {
  LayoutReport r;
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const DrawnLabel& a = labels_[i];
    if (a.visible.empty()) continue;
    for (std::size_t j = i + 1; j < labels_.size(); ++j) {
      const DrawnLabel& b = labels_[j];
      if (b.panel != a.panel || b.visible.empty() || !a.visible.overlaps(b.visible)) continue;
      r.overlaps.push_back(LayoutOverlap{a.panel, a.text, b.text, a.box, b.box, "text"});
    }
    for (const Obstacle& o : obstacles_)
      if (o.panel == a.panel && meets(a, o)) r.overlaps.push_back(LayoutOverlap{a.panel, a.text, o.what, a.box, o.box, "shape"});
  }
  for (const DrawnLabel& l : labels_)
    if (!l.may_scroll && !l.visible.empty() && !l.visible.contains(l.box))
      r.clipped.push_back(LayoutClip{l.panel, l.text, l.box, l.visible});
  for (const WidgetText& w : widgets_)
    if (widget_clipped(w)) r.clipped.push_back(LayoutClip{w.panel, w.text, w.box, w.visible});
  return r;
}

std::string layout_report_json(const LayoutReport& report) {
  const auto box = [](const Box& b) { return nlohmann::json::array({b.min.x, b.min.y, b.max.x, b.max.y}); };
  nlohmann::json out;
  out["overlaps"] = nlohmann::json::array();
  out["clipped"] = nlohmann::json::array();
  for (const LayoutOverlap& o : report.overlaps)
    out["overlaps"].push_back({{"panel", o.panel},
                               {"kind", o.kind},
                               {"texts", nlohmann::json::array({o.text_a, o.text_b})},
                               {"boxes", nlohmann::json::array({box(o.box_a), box(o.box_b)})}});
  for (const LayoutClip& c : report.clipped)
    out["clipped"].push_back({{"panel", c.panel},
                              {"texts", nlohmann::json::array({c.text})},
                              {"box", box(c.box)},
                              {"visible", box(c.visible)}});
  return out.dump(2) + "\n";
}

}  // namespace paxoslab::gui
