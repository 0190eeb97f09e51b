#include "config/cluster_parser.hpp"

#include "config/event_parser.hpp"
#include "config/json_object_reader.hpp"

#include <charconv>

namespace veche::config {
namespace {

// nats://HOST:PORT: a host name or IPv4 address (no user, no path: credentials do not belong in a URL here).
bool is_nats_url(std::string_view url) {
    constexpr std::string_view scheme = "nats://";
    if (!url.starts_with(scheme)) return false;
    const auto rest = url.substr(scheme.size());
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 253) return false;
    for (char c : rest.substr(0, colon))
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'))
            return false;
    const auto port = rest.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    return ec == std::errc{} && end == port.data() + port.size() && value >= 1 && value <= 65535;
}

}  // namespace

cluster_settings parse_cluster(const nlohmann::json& value) {
    json_object_reader r(value, "cluster");
    cluster_settings c;
    const auto nats = r.required_string("nats");
    std::string_view rest = nats;
    while (true) {
        const auto comma = rest.find(',');
        const auto url = rest.substr(0, comma);
        if (!is_nats_url(url))
            r.fail("nats", "\"" + std::string(url) + "\" is not nats://HOST:PORT (several: separated by commas)");
        c.nats.emplace_back(url);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    c.node = r.required_string("node");
    if (!is_valid_id(c.node)) r.fail("node", "\"" + c.node + "\" is not a valid id (1 to 64 of A-Z a-z 0-9 _ -)");
    if (!r.has("replicas")) r.fail("replicas", "missing (1 with one NATS server, 3 in production)");
    c.replicas = static_cast<int>(r.optional_integer("replicas", 1, 1, 3));
    if (c.replicas == 2) r.fail("replicas", "must be 1 or 3, not 2");
    r.finish();
    return c;
}

}  // namespace veche::config
