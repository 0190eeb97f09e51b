#pragma once
// An independent UTF-8 decoder for the fuzz checks (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF), so they do not trust the
// code they check.

#include <optional>
#include <string_view>
#include <vector>

namespace veche::fuzz {

// The code points, or nothing when the bytes are not UTF-8.
inline std::optional<std::vector<char32_t>> decode_utf8(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        char32_t c = 0, min = 0;
        if (b < 0x80)
            n = 1, c = b;
        else if ((b & 0xE0) == 0xC0)
            n = 2, c = b & 0x1Fu, min = 0x80;
        else if ((b & 0xF0) == 0xE0)
            n = 3, c = b & 0x0Fu, min = 0x800;
        else if ((b & 0xF8) == 0xF0)
            n = 4, c = b & 0x07u, min = 0x10000;
        else
            return std::nullopt;
        if (i + n > s.size()) return std::nullopt;
        for (std::size_t k = 1; k < n; ++k) {
            const auto cont = static_cast<unsigned char>(s[i + k]);
            if ((cont & 0xC0) != 0x80) return std::nullopt;
            c = (c << 6) | (cont & 0x3Fu);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
        out.push_back(c);
        i += n;
    }
    return out;
}

}  // namespace veche::fuzz
