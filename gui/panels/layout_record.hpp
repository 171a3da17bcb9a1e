// The layout record: every text the panels drew this frame, with its box and
// panel, so overlapping and clipped text can be found from what was actually
// drawn (`paxos-lab --layout-report FILE.json`).
//
// Two sources fill it:
//  - draw_label / draw_label_box (gui/panels/labels.hpp): every text a panel
//    draws itself with the draw list (cluster view, sequence chart, legends,
//    message chips). These are checked for overlaps with each other and for
//    being cut off by their panel's clip rectangle.
//  - ImGui's own widget text (buttons, text lines, tabs), captured where ImGui
//    hands it to ImDrawList::AddText (gui/app/text_capture.cpp) while
//    capture_widgets() is on. These are checked for being drawn outside their
//    window's visible region in a direction the window cannot scroll.
//
// The record lives in the App (one per frame, cleared by begin_frame) and
// reaches the panels through PanelContext::layout; nothing here is global.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace paxoslab::gui {

/// An axis-aligned box in screen pixels, min inclusive, max exclusive.
struct Box {
  ImVec2 min{0, 0};
  ImVec2 max{0, 0};
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
  bool empty() const { return max.x <= min.x || max.y <= min.y; }
  /// The common part of two boxes (empty() if they do not meet).
  Box intersect(const Box& o) const;
  /// True if the boxes share more than `slack` pixels in both directions.
  bool overlaps(const Box& o, float slack = 1.0f) const;
  /// True if `o` lies inside this box, allowing `slack` pixels at each edge.
  bool contains(const Box& o, float slack = 1.0f) const;
};

/// One text a panel drew with the draw list.
struct DrawnLabel {
  std::string panel;  ///< The top-level window it was drawn in ("Cluster", "Sequence chart").
  std::string text;
  Box box;            ///< The label as drawn (a chip's box includes its padding).
  Box visible;        ///< box clipped to the clip rectangle in force.
  bool may_scroll = false;  ///< Cut off by a pannable view (the chart): not "clipped".
};

/// Something labels must not cover, and that must not cover labels.
struct Obstacle {
  std::string panel;
  std::string what;
  Box box;
  /// A shape drawn over the view (a lost message's cross, a timer's pie): no
  /// text may meet it. Otherwise a node's shape, which may hold its own name
  /// (a label wholly inside it) but no other text.
  bool mark = false;
};

/// One ImGui widget's text as drawn.
struct WidgetText {
  std::string panel;  ///< Its window's name (children: "Parent/child").
  std::string text;
  Box box;
  Box visible;        ///< The part inside the clip rectangle in force.
  bool can_scroll_x = false;  ///< Its window scrolls horizontally (a hidden part is reachable).
  bool can_scroll_y = false;
};

/// Any text drawn (widgets and labels alike) with how it looks, for the
/// chart export (gui/app/chart_export.hpp); recorded only on request.
struct DrawnText {
  std::string panel;   ///< Its window's name.
  std::string text;
  ImVec2 pos{0, 0};    ///< Top-left, screen pixels.
  float font_size = 0;
  float baseline = 0;  ///< y of the text's baseline.
  ImU32 color = 0;
  bool bold = false;   ///< Drawn with a bold font.
  Box clip;            ///< The clip rectangle in force.
};

struct LayoutOverlap {
  std::string panel;
  std::string text_a;  ///< A label's text.
  std::string text_b;  ///< The other label's text, or the obstacle's `what` (kind "shape").
  Box box_a;
  Box box_b;
  /// "text": two labels overlap; "shape": a label meets an obstacle or a
  /// mark (a chip or caption on a node, a lost message's cross on a caption).
  std::string kind = "text";
};

struct LayoutClip {
  std::string panel;
  std::string text;
  Box box;      ///< Where it was drawn.
  Box visible;  ///< What of it can be seen (empty if nothing).
};

/// What --layout-report writes.
struct LayoutReport {
  std::vector<LayoutOverlap> overlaps;
  std::vector<LayoutClip> clipped;
};

class LayoutRecord {
 public:
  /// Forgets the last frame. With `capture_widgets`, ImGui widget text is
  /// recorded too (the App then also turns off ImGui's culling of items
  /// outside their window for the frame, so hidden widgets are seen).
  void begin_frame(bool capture_widgets);
  bool capture_widgets() const { return capture_widgets_; }
  /// Records every text drawn this frame as a DrawnText (set after begin_frame).
  void set_capture_texts(bool on) { capture_texts_ = on; }
  bool capture_texts() const { return capture_texts_; }
  void add_drawn_text(DrawnText t) { texts_.push_back(std::move(t)); }
  const std::vector<DrawnText>& drawn_texts() const { return texts_; }

  void add_label(DrawnLabel label) { labels_.push_back(std::move(label)); }
  void add_obstacle(std::string_view panel, std::string_view what, Box box);
  /// Records a shape drawn over the view's text layer (Obstacle::mark): later
  /// labels keep clear of it (is_free) and the report counts text it meets.
  void add_mark(std::string_view panel, std::string_view what, Box box);
  void add_widget_text(WidgetText t) { widgets_.push_back(std::move(t)); }
  /// draw_label sets this around its own AddText so the widget capture does
  /// not record the same text twice.
  void set_in_label(bool on) { in_label_ = on; }
  bool in_label() const { return in_label_; }

  /// True if `box` in `panel` meets no label drawn so far and no obstacle
  /// (with `margin` pixels to spare): labels call it to find a free place.
  /// Obstacles named `except` do not count (a mark on its own node's rim).
  bool is_free(std::string_view panel, const Box& box, float margin = 1.0f, std::string_view except = {}) const;

  const std::vector<DrawnLabel>& labels() const { return labels_; }
  const std::vector<Obstacle>& obstacles() const { return obstacles_; }
  const std::vector<WidgetText>& widget_texts() const { return widgets_; }

  /// Every pair of labels in one panel whose visible boxes overlap (kind
  /// "text"), every label meeting an obstacle or mark of its panel other than
  /// a node's name inside its own shape (kind "shape"), every label cut off
  /// by its panel (unless may_scroll), and every widget text not fully
  /// visible in a direction its window cannot scroll.
  LayoutReport report() const;

 private:
  bool capture_widgets_ = false;
  bool capture_texts_ = false;
  bool in_label_ = false;
  std::vector<DrawnText> texts_;
  std::vector<DrawnLabel> labels_;
  std::vector<Obstacle> obstacles_;
  std::vector<WidgetText> widgets_;
};

/// The report as JSON: {"overlaps": [{"panel", "kind": "text"|"shape", "texts": [a, b],
/// "boxes": [[x0,y0,x1,y1], ...]}],
/// "clipped": [{"panel", "texts": [t], "box": [...], "visible": [...]}]}.
std::string layout_report_json(const LayoutReport& report);

}  // namespace paxoslab::gui
