// Widget text capture for the layout record (see text_capture.cpp): ImGui's
// calls to ImDrawList::AddText are wrapped at link time so the texts of
// buttons, lines and tabs can be checked for clipping.
#pragma once

#include "gui/panels/layout_record.hpp"

namespace paxoslab::gui {

/// Makes `rec` the record the current ImGui context's widget texts go to
/// (stored in ImGui::GetIO().UserData; nullptr detaches). While
/// rec->capture_widgets() is on, each text ImGui draws is added to it.
void attach_layout_record(LayoutRecord* rec);

/// While on, ImGui does not skip widgets outside their window's visible
/// region (it draws them for its text log), so their text is seen by the
/// capture; visible output is unchanged. Call begin before the panels and end
/// after them, in the same frame.
void begin_widget_capture();
void end_widget_capture();

}  // namespace paxoslab::gui
