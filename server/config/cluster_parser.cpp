#include "config/cluster_parser.hpp"

#include "config/event_parser.hpp"
#include "config/json_object_reader.hpp"

#include <charconv>

namespace veche::config {
namespace {

constexpr std::string_view tls_scheme = "tls://";

// nats://HOST:PORT or tls://HOST:PORT: a host name or IPv4 address (no user, no path: credentials do not
// belong in a URL, which NATS clients show; they are the user and password_file keys).
bool is_nats_url(std::string_view url) {
    constexpr std::string_view plain_scheme = "nats://";
    const auto scheme = url.starts_with(plain_scheme) ? plain_scheme : url.starts_with(tls_scheme) ? tls_scheme : "";
    if (scheme.empty()) return false;
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
            r.fail("nats", "\"" + std::string(url) + "\" is not nats://HOST:PORT or tls://HOST:PORT (several: separated by commas)");
        c.nats.emplace_back(url);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    c.node = r.required_string("node");
    if (!is_valid_id(c.node)) r.fail("node", "\"" + c.node + "\" is not a valid id (1 to 64 of A-Z a-z 0-9 _ -)");
    if (!r.has("replicas")) r.fail("replicas", "missing (1 with one NATS server, 3 in production)");
    c.replicas = static_cast<int>(r.optional_integer("replicas", 1, 1, 3));
    if (c.replicas == 2) r.fail("replicas", "must be 1 or 3, not 2");
    const auto non_empty = [&r](const std::string& key) {
        auto v = r.optional_string(key).value_or("");
        if (r.has(key) && v.empty()) r.fail(key, "empty (leave it out instead)");
        return v;
    };
    c.tls_ca = non_empty("tls_ca");
    c.tls_name = non_empty("tls_name");
    c.user = non_empty("user");
    c.password_file = non_empty("password_file");
    for (const auto& url : c.nats)
        if (url.starts_with(tls_scheme) && c.tls_ca.empty())
            r.fail("tls_ca", "missing: " + url + " needs the CA file that signed the NATS servers' certificates");
    if (!c.tls_name.empty() && c.tls_ca.empty()) r.fail("tls_name", "needs tls_ca (it names the certificates TLS checks)");
    if (c.user.empty() != c.password_file.empty())
        r.fail(c.user.empty() ? "user" : "password_file", "missing: user and password_file go together");
    for (unsigned char ch : c.user)
        if (ch < 0x21 || ch == 0x7f) r.fail("user", "has a space or a control character");
    r.finish();
    return c;
}

}  // namespace veche::config
