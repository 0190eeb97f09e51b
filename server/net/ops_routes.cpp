#include "net/ops_routes.hpp"

#include "net/http_responses.hpp"

#include <nlohmann/json.hpp>

namespace veche::net {

ops_routes::ops_routes(const metrics_registry& metrics, const config::metrics_settings& settings,
                       const std::atomic<bool>& draining)
    : metrics_(metrics), draining_(draining) {
    for (const auto& text : settings.allow_from) {
        // Validated by the config loader; a bare address is a range of one.
        const auto slash = text.find('/');
        auto address = asio::ip::make_address(text.substr(0, slash));
        const int bits = address.is_v4() ? 32 : 128;
        const int prefix = slash == std::string::npos ? bits : std::stoi(text.substr(slash + 1));
        if (address.is_v4()) address = asio::ip::make_address_v6(asio::ip::v4_mapped, address.to_v4());
        allowed_.push_back({address.to_v6().to_bytes(), bits == 32 ? prefix + 96 : prefix});
    }
}

bool ops_routes::may_scrape(const asio::ip::address& remote) const {
    if (allowed_.empty()) return true;
    const auto v6 = remote.is_v4() ? asio::ip::make_address_v6(asio::ip::v4_mapped, remote.to_v4()) : remote.to_v6();
    const auto bytes = v6.to_bytes();
    for (const auto& range : allowed_) {
        // IPv4 ranges are kept as IPv4-mapped IPv6 ones: 96 more leading bits.
        int bits = range.prefix_bits;
        bool inside = true;
        for (std::size_t i = 0; i < bytes.size() && bits > 0 && inside; ++i, bits -= 8) {
            const auto mask = static_cast<unsigned char>(bits >= 8 ? 0xFF : 0xFF << (8 - bits));
            inside = (bytes[i] & mask) == (range.address[i] & mask);
        }
        if (inside) return true;
    }
    return false;
}

void ops_routes::install(router& r) const {
    r.add(http::verb::get, "/healthz", [this](request_context& ctx, responder respond) {
        if (draining_) return respond(json_response(ctx.req, http::status::service_unavailable, {{"status", "draining"}}));
        respond(json_response(ctx.req, http::status::ok, {{"status", "ok"}}));
    });
    r.add(http::verb::get, "/metrics", [this](request_context& ctx, responder respond) {
        if (!may_scrape(ctx.remote.address()))
            return respond(error_response(ctx.req, http::status::forbidden, "forbidden", "Metrics are not public"));
        respond(text_response(ctx.req, http::status::ok, "text/plain; version=0.0.4; charset=utf-8", metrics_.render()));
    });
}

}  // namespace veche::net
