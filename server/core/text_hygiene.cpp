#include "core/text_hygiene.hpp"

#include <cstdlib>
#include <memory>
#include <utf8proc.h>
#include <vector>

namespace veche::core {
namespace {

// Characters that change how text around them is shown without being seen:
// bidi embeddings, overrides and isolates, marks, zero-width spaces and joiners
// that are not needed for emoji (U+200D stays: it joins emoji sequences).
bool is_invisible_formatting(utf8proc_int32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F ||
           c == 0x061C || c == 0x200B || c == 0x200C || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF ||
           c == 0x180E || c == 0x00AD;
}

bool is_space(utf8proc_int32_t c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85) return true;
    const auto cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(bytes.data());
    auto left = static_cast<utf8proc_ssize_t>(bytes.size());
    while (left > 0) {
        utf8proc_int32_t c = 0;
        const auto n = utf8proc_iterate(p, left, &c);
        if (n <= 0 || c < 0) return false;
        p += n;
        left -= n;
    }
    return true;
}

std::optional<clean_text> clean_user_text(std::string_view raw, bool keep_newlines) {
    // Decode, dropping what must go, then normalise the rest.
    std::vector<utf8proc_int32_t> kept;
    kept.reserve(raw.size());
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(raw.data());
    auto left = static_cast<utf8proc_ssize_t>(raw.size());
    while (left > 0) {
        utf8proc_int32_t c = 0;
        const auto n = utf8proc_iterate(p, left, &c);
        if (n <= 0 || c < 0) return std::nullopt;
        p += n;
        left -= n;
        if (c == '\r') {
            // "\r\n" and a lone "\r" are both one line break.
            if (left > 0 && *p == '\n') continue;
            c = '\n';
        }
        if (c == '\n' || c == 0x2028 || c == 0x2029) {
            kept.push_back(keep_newlines ? '\n' : ' ');
            continue;
        }
        if (c == '\t') {
            kept.push_back(' ');
            continue;
        }
        const auto cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_CC || is_invisible_formatting(c)) continue;
        kept.push_back(c);
    }

    std::size_t begin = 0, end = kept.size();
    while (begin < end && is_space(kept[begin])) ++begin;
    while (end > begin && is_space(kept[end - 1])) --end;

    std::string utf8;
    utf8.reserve((end - begin) * 2);
    utf8proc_uint8_t buf[4];
    for (std::size_t i = begin; i < end; ++i) {
        const auto n = utf8proc_encode_char(kept[i], buf);
        utf8.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
    }
    if (utf8.empty()) return clean_text{};

    utf8proc_uint8_t* normalized = nullptr;
    const auto len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                  static_cast<utf8proc_ssize_t>(utf8.size()), &normalized,
                                  static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (len < 0) return std::nullopt;
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(normalized, &std::free);
    clean_text out{std::string(reinterpret_cast<const char*>(normalized), static_cast<std::size_t>(len)), 0};
    for (unsigned char ch : out.text)
        if ((ch & 0xC0) != 0x80) ++out.code_points;
    return out;
}

}  // namespace veche::core
