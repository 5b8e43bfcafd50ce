// Text on a page: measured and drawn through Cairo in Noto Sans CJK, or collected as text for
// back-ends that keep it (SVG). Shared by the page's parts.
#pragma once

#include <string>
#include <vector>

#include <cairo.h>

#include "core/print/page.hpp"

namespace ca::print::detail {

constexpr const char* kFont = "Noto Sans CJK SC";
constexpr double kMmPerScreenPixel = 25.4 / 96;  // scene symbol sizes are in 96-dpi screen pixels

class Writer {
public:
    Writer(cairo_t* cr, std::vector<PlacedText>* sink) : m_cr(cr), m_sink(sink) {}
    double width(const std::string& text, double size, bool bold = false) const {
        select(size, bold);
        cairo_text_extents_t e;
        cairo_text_extents(m_cr, text.c_str(), &e);
        return e.x_advance;
    }
    void text(const std::string& text, double x, double y, double size, scene::Color color, bool bold = false) const {
        if (m_sink) {
            m_sink->push_back({text, x, y, size, color, bold});
            return;
        }
        select(size, bold);
        cairo_set_source_rgba(m_cr, color.r / 255.0, color.g / 255.0, color.b / 255.0, color.a / 255.0);
        cairo_move_to(m_cr, x, y);
        cairo_show_text(m_cr, text.c_str());
    }

private:
    void select(double size, bool bold) const {
        cairo_select_font_face(m_cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(m_cr, size);
    }
    cairo_t* m_cr;
    std::vector<PlacedText>* m_sink;
};

}  // namespace ca::print::detail
