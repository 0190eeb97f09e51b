#include "config/public_url.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace veche::config {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// A DNS name as browsers put it in an origin: no percent-escapes, no leading dot or dash.
bool is_host_name(std::string_view host) {
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-' || host.back() == '-')
        return false;
    return std::all_of(host.begin(), host.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-'; });
}

}  // namespace

std::optional<std::string> parse_public_url(std::string_view text) {
    namespace urls = boost::urls;
    const auto parsed = urls::parse_absolute_uri(text);
    if (!parsed) return std::nullopt;
    const auto& url = *parsed;
    const auto scheme = url.scheme_id();
    if (scheme != urls::scheme::http && scheme != urls::scheme::https) return std::nullopt;
    // An origin and nothing else (a lone "/" names the same one).
    if (!url.has_authority() || url.has_userinfo() || url.has_query() || url.has_fragment()) return std::nullopt;
    if (!url.encoded_path().empty() && url.encoded_path() != "/") return std::nullopt;
    const std::string_view host = url.encoded_host();
    const auto type = url.host_type();
    if (type == urls::host_type::name ? !is_host_name(host)
                                       : type != urls::host_type::ipv4 && type != urls::host_type::ipv6)
        return std::nullopt;

    std::string origin = lower(url.scheme()) + "://" + lower(host);
    if (url.has_port()) {
        const std::string_view port = url.port();  // digits only, by the grammar
        if (port.empty() || port.size() > 5) return std::nullopt;
        const auto number = std::stoul(std::string(port));
        if (number == 0 || number > 65535) return std::nullopt;
        const bool default_port = (scheme == urls::scheme::http && number == 80) ||
                                  (scheme == urls::scheme::https && number == 443);
        if (!default_port) origin += ':' + std::to_string(number);
    }
    return origin;
}

}  // namespace veche::config
