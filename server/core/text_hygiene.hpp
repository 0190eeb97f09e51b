#pragma once
// What we do to text people type before it is stored: trim, normalise to NFC,
// strip control, bidi-override and zero-width characters, count code points.
// Nothing else changes: no HTML escaping (clients render text as text).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace veche::core {

struct clean_text {
    std::string text;
    std::size_t code_points = 0;
};

// Nothing when the input is not valid UTF-8. Line breaks are kept (as "\n")
// when keep_newlines, otherwise turned into spaces.
std::optional<clean_text> clean_user_text(std::string_view raw, bool keep_newlines);

// Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
bool is_valid_utf8(std::string_view bytes);

}  // namespace veche::core
