#include "fuzz_checks.hpp"

#include "core/text_hygiene.hpp"
#include "utf8_decode.hpp"

#include <exception>

namespace veche::fuzz {
namespace {

// What docs/protocol.md says is stripped: control characters, bidi
// embeddings, overrides, isolates and marks, zero-width characters other
// than U+200D, the soft hyphen and the Mongolian vowel separator.
bool must_be_stripped(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
           c == 0x200E || c == 0x200F || c == 0x061C || c == 0x200B || c == 0x200C || (c >= 0x2060 && c <= 0x2064) ||
           c == 0xFEFF || c == 0x180E || c == 0x00AD;
}

// White space that trimming removes: ASCII, NEL, the line and paragraph
// separators and Unicode's space separators (category Zs).
bool is_white(char32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

problem check_cleaned(std::string_view input, bool keep_newlines) {
    const auto cleaned = core::clean_user_text(input, keep_newlines);
    const bool valid = decode_utf8(input).has_value();
    if (cleaned.has_value() != valid) return valid ? "valid UTF-8 refused" : "invalid UTF-8 accepted";
    if (!cleaned) return std::nullopt;

    const auto out = decode_utf8(cleaned->text);
    if (!out) return "the cleaned text is not UTF-8";
    if (out->size() != cleaned->code_points) return "the code point count is wrong";
    for (const auto c : *out) {
        if (c == '\n' && keep_newlines) continue;
        if (must_be_stripped(c)) return "a character that must be stripped survived: U+" + std::to_string(c);
    }
    if (!out->empty() && (is_white(out->front()) || is_white(out->back()))) return "white space at an end";
    // Cleaning what is clean changes nothing: so it is NFC, trimmed and stripped for good.
    const auto again = core::clean_user_text(cleaned->text, keep_newlines);
    if (!again || again->text != cleaned->text) return "cleaning is not idempotent";
    return std::nullopt;
}

}  // namespace

problem check_text_hygiene(std::string_view input) {
    try {
        if (auto p = check_cleaned(input, true)) return "keeping line breaks: " + *p;
        if (auto p = check_cleaned(input, false)) return "without line breaks: " + *p;
        return std::nullopt;
    } catch (const std::exception& e) {
        return std::string("threw: ") + e.what();
    }
}

}  // namespace veche::fuzz
