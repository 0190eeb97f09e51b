#include "net/request_target.hpp"

#include "core/text_hygiene.hpp"

#include <boost/url/params_view.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>

namespace veche::net {
namespace {

constexpr std::string_view malformed = "Malformed request path";

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }

bool acceptable_segment(std::string_view s) {
    if (s == "." || s == "..") return false;
    if (std::any_of(s.begin(), s.end(), [](char c) { return c == '/' || c == '\\' || is_control(c); }))
        return false;
    return core::is_valid_utf8(s);
}

}  // namespace

std::variant<request_target, std::string_view> request_target::parse(std::string_view target) {
    const auto url = boost::urls::parse_origin_form(target);
    if (!url) return malformed;
    request_target out;
    // Split by hand: Boost.URL's segment view hides a leading "/./", and every "." must be seen here.
    const std::string_view path = url->encoded_path();
    for (std::size_t pos = 1; pos <= path.size();) {
        const auto slash = std::min(path.find('/', pos), path.size());
        // parse_origin_form checked every escape: this cannot throw.
        auto decoded = boost::urls::pct_string_view(path.substr(pos, slash - pos)).decode();
        // "//x" or "/a//b": no file or route has an empty name; only "/a/" may end with one.
        if (decoded.empty() && slash < path.size()) return malformed;
        if (!acceptable_segment(decoded)) return malformed;
        out.segments_.push_back(std::move(decoded));
        pos = slash + 1;
    }
    if (out.segments_.size() == 1 && out.segments_.front().empty()) out.segments_.clear();  // "/"
    out.path_.push_back('/');
    for (std::size_t i = 0; i < out.segments_.size(); ++i) {
        if (i > 0) out.path_.push_back('/');
        out.path_.append(out.segments_[i]);
    }
    if (url->has_query()) out.query_ = std::string(url->encoded_query());
    return out;
}

std::optional<std::string> request_target::query_param(std::string_view name) const {
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    // query_ passed parse(): this cannot throw.
    for (const auto& p : boost::urls::params_view(query_, opts))
        if (p.key == name) return p.value;
    return std::nullopt;
}

std::size_t request_target::query_count(std::string_view name) const {
    std::size_t n = 0;
    for (const auto& p : boost::urls::params_encoded_view(query_))
        if (p.key.decode() == name) ++n;
    return n;
}

}  // namespace veche::net
