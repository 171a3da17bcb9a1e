#include "gui/model/lesson_markdown.hpp"

#include <md4c.h>

namespace paxoslab::gui {

namespace {

/// The parse in progress: the style stack and the block being filled.
struct Builder {
  std::vector<MdBlock> blocks;
  struct ListLevel {
    bool ordered = false;
    int next = 1;
  };
  std::vector<ListLevel> lists;
  int strong = 0;
  int emphasis = 0;
  int code = 0;
  std::vector<std::string> links;
  bool in_block = false;  ///< A paragraph / heading / item / code block is open.
  bool item_open = false;  ///< A list item's own block has not received its paragraph yet.

  MdBlock& current() {
    if (!in_block) open(MdBlock::Kind::Paragraph, 0, 0);
    return blocks.back();
  }
  void open(MdBlock::Kind k, int level, int number) {
    MdBlock b;
    b.kind = k;
    b.level = level;
    b.number = number;
    blocks.push_back(std::move(b));
    in_block = true;
  }
  void add_text(std::string_view t) {
    MdBlock& b = current();
    const bool s = strong > 0;
    const bool e = emphasis > 0;
    const bool c = code > 0 || b.kind == MdBlock::Kind::Code;
    const std::string link = links.empty() ? std::string() : links.back();
    if (!b.runs.empty()) {
      MdRun& last = b.runs.back();
      if (last.strong == s && last.emphasis == e && last.code == c && last.link == link) {
        last.text.append(t);
        return;
      }
    }
    b.runs.push_back(MdRun{std::string(t), s, e, c, link});
  }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_UL: b.lists.push_back({false, 1}); break;
    case MD_BLOCK_OL: b.lists.push_back({true, static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)}); break;
    case MD_BLOCK_LI: {
      auto& l = b.lists.empty() ? b.lists.emplace_back() : b.lists.back();
      b.open(MdBlock::Kind::ListItem, static_cast<int>(b.lists.size()), l.ordered ? l.next++ : 0);
      b.item_open = true;
      break;
    }
    case MD_BLOCK_H: b.open(MdBlock::Kind::Heading, static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level), 0); break;
    case MD_BLOCK_CODE: b.open(MdBlock::Kind::Code, 0, 0); break;
    case MD_BLOCK_HR:
      b.open(MdBlock::Kind::Rule, 0, 0);
      b.in_block = false;
      break;
    case MD_BLOCK_P:
      // The first paragraph of a list item continues the item's block.
      if (b.item_open) {
        b.item_open = false;
      } else {
        b.open(MdBlock::Kind::Paragraph, 0, 0);
      }
      break;
    default: break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (!b.lists.empty()) b.lists.pop_back();
      break;
    case MD_BLOCK_LI: b.item_open = false; [[fallthrough]];
    case MD_BLOCK_H:
    case MD_BLOCK_CODE:
    case MD_BLOCK_P: b.in_block = false; break;
    default: break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_SPAN_STRONG: ++b.strong; break;
    case MD_SPAN_EM: ++b.emphasis; break;
    case MD_SPAN_CODE: ++b.code; break;
    case MD_SPAN_A: {
      const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
      b.links.emplace_back(a->href.text, a->href.size);
      break;
    }
    default: break;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_SPAN_STRONG: --b.strong; break;
    case MD_SPAN_EM: --b.emphasis; break;
    case MD_SPAN_CODE: --b.code; break;
    case MD_SPAN_A:
      if (!b.links.empty()) b.links.pop_back();
      break;
    default: break;
  }
  return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* t, MD_SIZE size, void* user) {
  auto& b = *static_cast<Builder*>(user);
  switch (type) {
    case MD_TEXT_BR: b.add_text(b.blocks.empty() || b.blocks.back().kind != MdBlock::Kind::Code ? " " : "\n"); break;
    case MD_TEXT_SOFTBR: b.add_text(" "); break;
    case MD_TEXT_NULLCHAR: break;
    case MD_TEXT_ENTITY: {
      const std::string_view e(t, size);
      if (e == "&amp;") b.add_text("&");
      else if (e == "&lt;") b.add_text("<");
      else if (e == "&gt;") b.add_text(">");
      else if (e == "&quot;") b.add_text("\"");
      else if (e == "&nbsp;") b.add_text(" ");
      else b.add_text(e);
      break;
    }
    default: b.add_text(std::string_view(t, size)); break;
  }
  return 0;
}

}  // namespace

std::string MdBlock::plain() const {
  std::string s;
  for (const auto& r : runs) s += r.text;
  return s;
}

std::vector<MdBlock> parse_lesson_markdown(std::string_view markdown) {
  Builder b;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_NOHTML | MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_STRIKETHROUGH;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = text;
  if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &b) != 0) {
    // md4c only fails on memory errors: fall back to the raw text.
    std::vector<MdBlock> raw(1);
    raw[0].runs.push_back(MdRun{std::string(markdown), false, false, false, {}});
    return raw;
  }
  // Code blocks end with a newline; drop it so drawing does not add an empty line.
  for (auto& block : b.blocks)
    if (block.kind == MdBlock::Kind::Code && !block.runs.empty() && !block.runs.back().text.empty() &&
        block.runs.back().text.back() == '\n')
      block.runs.back().text.pop_back();
  return b.blocks;
}

}  // namespace paxoslab::gui
