#include "net/content_coding.hpp"

#include <boost/beast/core/string.hpp>

#include <charconv>
#include <optional>

namespace veche::net {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "q=0.5" → 500; a missing q is 1000; a malformed one makes the element unusable (nothing).
std::optional<int> quality(std::string_view params) {
    int q = 1000;
    while (!params.empty()) {
        const auto semi = params.find(';');
        const auto param = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
        if (param.size() < 2 || !boost::beast::iequals(param.substr(0, 2), "q=")) continue;
        const auto value = param.substr(2);
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        if (value.empty() || value.size() > 5 || (value[0] != '0' && value[0] != '1')) return std::nullopt;
        int whole = value[0] - '0', thousandths = 0;
        if (value.size() > 1) {
            if (value[1] != '.') return std::nullopt;
            const auto digits = value.substr(2);
            for (std::size_t i = 0; i < 3; ++i) {
                const char c = i < digits.size() ? digits[i] : '0';
                if (c < '0' || c > '9') return std::nullopt;
                thousandths = thousandths * 10 + (c - '0');
            }
        }
        q = whole * 1000 + thousandths;
        if (q > 1000) return std::nullopt;
    }
    return q;
}

}  // namespace

std::string_view to_string(content_coding c) {
    switch (c) {
        case content_coding::br: return "br";
        case content_coding::gzip: return "gzip";
        case content_coding::identity: break;
    }
    return "identity";
}

content_coding choose_coding(std::string_view header, bool have_br, bool have_gzip) {
    // q per coding: -1 unnamed; "*" covers the unnamed ones.
    int br = -1, gzip = -1, identity = -1, any = -1;
    while (!header.empty()) {
        const auto comma = header.find(',');
        const auto element = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        const auto semi = element.find(';');
        const auto name = trim(element.substr(0, semi));
        const auto q = quality(semi == std::string_view::npos ? std::string_view{} : element.substr(semi + 1));
        if (!q || name.empty()) continue;
        if (boost::beast::iequals(name, "br")) br = *q;
        else if (boost::beast::iequals(name, "gzip") || boost::beast::iequals(name, "x-gzip")) gzip = *q;
        else if (boost::beast::iequals(name, "identity")) identity = *q;
        else if (name == "*") any = *q;
    }
    if (br < 0) br = any < 0 ? 0 : any;
    if (gzip < 0) gzip = any < 0 ? 0 : any;
    // Identity is acceptable unless refused by name or by "*;q=0".
    if (identity < 0) identity = any == 0 ? 0 : 1;
    auto best = content_coding::identity;
    int best_q = identity;
    if (have_gzip && gzip > 0 && gzip >= best_q) best = content_coding::gzip, best_q = gzip;
    if (have_br && br > 0 && br >= best_q) best = content_coding::br, best_q = br;
    return best;
}

}  // namespace veche::net
