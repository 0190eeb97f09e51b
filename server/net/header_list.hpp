#pragma once
// Comma-separated header lists (RFC 9110 section 5.6.1): Accept-Encoding,
// If-None-Match. Beast's ext_list would do, but it hands an element without
// parameters the parameters of the one before it ("br;q=0.5, gzip" gives
// gzip q=0.5), so the few lines are ours.

#include <string_view>

namespace veche::net {

// Without the optional white space (spaces, tabs) at both ends.
inline std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Calls fn with each element of the list, trimmed; empty elements are skipped.
template <typename Fn>
void for_each_list_element(std::string_view list, std::string_view separators, Fn fn) {
    while (!list.empty()) {
        const auto end = list.find_first_of(separators);
        const auto element = trim_ows(list.substr(0, end));
        list = end == std::string_view::npos ? std::string_view{} : list.substr(end + 1);
        if (!element.empty()) fn(element);
    }
}

}  // namespace veche::net
