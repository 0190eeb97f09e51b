#include "config/config_error.hpp"

#include <cstdio>

namespace veche::config {
namespace {

std::string escaped(const char* format, unsigned value) {
    char buf[8];
    std::snprintf(buf, sizeof buf, format, value);
    return buf;
}

// The length of the UTF-8 sequence at the start of s (RFC 3629), 0 when it is not one.
std::size_t sequence_length(std::string_view s, char32_t& c) {
    const auto b = static_cast<unsigned char>(s[0]);
    std::size_t n = 0;
    char32_t min = 0;
    if (b >= 0xC2 && b <= 0xDF)
        n = 2, c = b & 0x1Fu, min = 0x80;
    else if (b >= 0xE0 && b <= 0xEF)
        n = 3, c = b & 0x0Fu, min = 0x800;
    else if (b >= 0xF0 && b <= 0xF4)
        n = 4, c = b & 0x07u, min = 0x10000;
    else
        return 0;
    if (s.size() < n) return 0;
    for (std::size_t i = 1; i < n; ++i) {
        const auto cont = static_cast<unsigned char>(s[i]);
        if ((cont & 0xC0) != 0x80) return 0;
        c = (c << 6) | (cont & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    return n;
}

}  // namespace

std::string config_error::printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto b = static_cast<unsigned char>(text[0]);
        if (b < 0x80) {
            if (b >= 0x20 && b != 0x7F)
                out += text[0];
            else if (b == '\n')
                out += "\\n";
            else if (b == '\t')
                out += "\\t";
            else if (b == '\r')
                out += "\\r";
            else
                out += escaped("\\x%02X", b);
            text.remove_prefix(1);
            continue;
        }
        char32_t c = 0;
        const auto n = sequence_length(text, c);
        if (n == 0) {
            out += escaped("\\x%02X", b);
            text.remove_prefix(1);
            continue;
        }
        if (c <= 0x9F)
            out += escaped("\\u%04X", static_cast<unsigned>(c));
        else
            out.append(text.substr(0, n));
        text.remove_prefix(n);
    }
    return out;
}

}  // namespace veche::config
