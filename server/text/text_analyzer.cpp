#include "text/text_analyzer.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace veche::text {
namespace {

bool is_word_char(utf8proc_int32_t c) {
    switch (utf8proc_category(c)) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            return false;
    }
}

bool is_mark(utf8proc_int32_t c) {
    const auto cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME;
}

void append_utf8(std::string& out, utf8proc_int32_t c) {
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(c, buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// FNV-1a: trigram hashes only need to be well spread, not secret.
std::uint32_t hash(std::string_view bytes) {
    std::uint32_t h = 2166136261u;
    for (const unsigned char b : bytes) h = (h ^ b) * 16777619u;
    return h;
}

// Byte offsets where each code point of a (valid UTF-8) word starts, and its end.
std::vector<std::size_t> code_point_starts(std::string_view word) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < word.size(); ++i)
        if ((static_cast<unsigned char>(word[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(word.size());
    return starts;
}

}  // namespace

std::vector<std::string> text_analyzer::words(std::string_view text) {
    utf8proc_uint8_t* folded = nullptr;
    const auto len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                  static_cast<utf8proc_ssize_t>(text.size()), &folded,
                                  static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
    if (len < 0) return {};
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded, &std::free);
    std::vector<std::string> out;
    std::string word;
    const utf8proc_uint8_t* p = folded;
    auto left = len;
    while (left > 0) {
        utf8proc_int32_t c = 0;
        const auto n = utf8proc_iterate(p, left, &c);
        if (n <= 0) break;
        p += n;
        left -= n;
        if (is_mark(c)) continue;  // a stress accent is not a word break
        if (!is_word_char(c)) {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
            continue;
        }
        append_utf8(word, c == 0x0451 ? 0x0435 : c);  // ё → е
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

analysed_text text_analyzer::analyse(std::string_view text) const {
    analysed_text out;
    for (const auto& word : words(text)) {
        if (is_stop_word(word)) continue;
        out.stems.push_back(stemmer_.stem(word));
        const auto padded = " " + word + " ";
        const auto starts = code_point_starts(padded);
        for (std::size_t i = 0; i + 3 < starts.size(); ++i)
            out.trigrams.push_back(hash(std::string_view(padded).substr(starts[i], starts[i + 3] - starts[i])));
    }
    std::sort(out.trigrams.begin(), out.trigrams.end());
    out.trigrams.erase(std::unique(out.trigrams.begin(), out.trigrams.end()), out.trigrams.end());
    return out;
}

}  // namespace veche::text
