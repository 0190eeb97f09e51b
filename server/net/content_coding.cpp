#include "net/content_coding.hpp"

#include "net/header_list.hpp"

#include <boost/beast/core/string.hpp>

#include <optional>

namespace veche::net {
namespace {

// "0.5" → 500 (RFC 9110 qvalue: at most three decimals, 0 to 1); nothing when malformed.
std::optional<int> quality(std::string_view value) {
    if (value.empty() || value.size() > 5 || (value[0] != '0' && value[0] != '1')) return std::nullopt;
    int thousandths = 0;
    if (value.size() > 1) {
        if (value[1] != '.') return std::nullopt;
        const auto digits = value.substr(2);
        for (std::size_t i = 0; i < 3; ++i) {
            const char c = i < digits.size() ? digits[i] : '0';
            if (c < '0' || c > '9') return std::nullopt;
            thousandths = thousandths * 10 + (c - '0');
        }
    }
    const int q = (value[0] - '0') * 1000 + thousandths;
    return q > 1000 ? std::nullopt : std::optional<int>(q);
}

// The q of "gzip;q=0.5" (1000 when it has none); nothing when its q is malformed.
std::optional<int> quality_of(std::string_view params) {
    std::optional<int> q = 1000;
    for_each_list_element(params, ";", [&](std::string_view param) {
        if (param.size() >= 2 && boost::beast::iequals(param.substr(0, 2), "q=")) q = quality(trim_ows(param.substr(2)));
    });
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
    for_each_list_element(header, ",", [&](std::string_view element) {
        const auto semi = element.find(';');
        const auto name = trim_ows(element.substr(0, semi));
        const auto q = quality_of(semi == std::string_view::npos ? std::string_view{} : element.substr(semi + 1));
        if (!q) return;
        if (boost::beast::iequals(name, "br")) br = *q;
        else if (boost::beast::iequals(name, "gzip") || boost::beast::iequals(name, "x-gzip")) gzip = *q;
        else if (boost::beast::iequals(name, "identity")) identity = *q;
        else if (name == "*") any = *q;
    });
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
