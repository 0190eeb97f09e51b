#include "core/region_list.hpp"

#include <cstdlib>
#include <memory>
#include <utf8proc.h>

namespace veche::core {
namespace {

bool is_dash(utf8proc_int32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212; }

// Appends the code point as UTF-8.
void put(std::string& out, utf8proc_int32_t c) {
    utf8proc_uint8_t bytes[4];
    const auto n = utf8proc_encode_char(c, bytes);
    out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
}

}  // namespace

std::string region_list::key_of(std::string_view text) {
    utf8proc_uint8_t* folded = nullptr;
    const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                     static_cast<utf8proc_ssize_t>(text.size()), &folded,
                                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                                    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD));
    if (length < 0) return {};
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(folded, &std::free);
    std::string out;
    bool space = false;
    const auto* p = folded;
    auto left = length;
    while (left > 0) {
        utf8proc_int32_t c = 0;
        const auto n = utf8proc_iterate(p, left, &c);
        if (n <= 0) return {};
        p += n;
        left -= n;
        const auto category = utf8proc_category(c);
        if (c == ' ' || category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_CC) {
            space = true;
            continue;
        }
        if (is_dash(c)) {
            out.push_back('-');
            space = false;
            continue;
        }
        // A space goes in only between two words, never beside a dash.
        if (space && !out.empty() && out.back() != '-') out.push_back(' ');
        space = false;
        put(out, c == 0x0451 ? 0x0435 : c);  // ё → е
    }
    return out;
}

region_list::region_list(std::vector<std::string> names) : names_(std::move(names)) {
    // Full names first: a short form never hides a name.
    for (std::size_t i = 0; i < names_.size(); ++i) index_.emplace(key_of(names_[i]), i);
    constexpr auto ambiguous = static_cast<std::size_t>(-1);
    std::unordered_map<std::string, std::size_t> short_forms;
    for (std::size_t i = 0; i < names_.size(); ++i)
        for (const auto form : short_forms_of(names_[i])) {
            auto key = key_of(form);
            if (key.empty() || index_.count(key)) continue;
            // A short form two names share finds neither.
            const auto [it, fresh] = short_forms.try_emplace(std::move(key), i);
            if (!fresh && it->second != i) it->second = ambiguous;
        }
    for (auto& [key, i] : short_forms)
        if (i != ambiguous) index_.emplace(key, i);
}

std::vector<std::string_view> region_list::short_forms_of(std::string_view name) {
    std::vector<std::string_view> forms;
    // «Республика Саха (Якутия)»: «Республика Саха» and «Якутия».
    if (const auto open = name.rfind(" ("); open != std::string_view::npos && name.back() == ')') {
        forms.push_back(name.substr(0, open));
        forms.push_back(name.substr(open + 2, name.size() - open - 3));
    }
    // «Кемеровская область — Кузбасс»: «Кемеровская область» and «Кузбасс».
    constexpr std::string_view dash = " \u2014 ";
    if (const auto at = name.find(dash); at != std::string_view::npos) {
        forms.push_back(name.substr(0, at));
        forms.push_back(name.substr(at + dash.size()));
    }
    return forms;
}

std::optional<std::string> region_list::find(std::string_view text) const {
    const auto it = index_.find(key_of(text));
    if (it == index_.end()) return std::nullopt;
    return names_[it->second];
}

}  // namespace veche::core
