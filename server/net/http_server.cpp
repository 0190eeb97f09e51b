#include "net/http_server.hpp"

#include <boost/asio/ip/address.hpp>

namespace veche::net {
namespace {

// The public address is the forum's own origin, whatever else is listed.
std::vector<std::string> allowed_origins(const config::settings& settings) {
    auto origins = settings.auth.allowed_origins;
    if (!settings.http.public_url.empty()) origins.push_back(settings.http.public_url);
    return origins;
}

}  // namespace

http_server::http_server(asio::io_context& ioc, const config::settings& settings,
                         std::shared_ptr<metrics_registry> metrics)
    : ioc_(ioc), origins_(allowed_origins(settings)), proxies_(settings.http.trusted_proxies) {
    // Built in place: the context holds an atomic and cannot be moved.
    ctx_.reset(new http_context{
        router_,
        settings.http,
        origins_,
        proxies_,
        connections_,
        metrics,
        http_metrics{
            metrics->make_counter("veche_http_connections_accepted_total", "TCP connections accepted"),
            metrics->make_gauge("veche_http_connections_open", "HTTP connections open (before WebSocket upgrade)"),
            metrics->make_counter("veche_http_requests_total", "HTTP requests received"),
            metrics->make_counter("veche_http_refused_origin_total", "Upgrades and POSTs refused for their Origin"),
            metrics->make_counter("veche_http_timeouts_total", "HTTP connections closed for being too slow or idle"),
            metrics->make_counter("veche_http_refused_requests_total",
                                  "Requests refused as malformed: framing, headers, size or request path"),
        },
        {},
        {},
    });
    router_.count_refusals(ctx_->metrics.refused_requests);
}

tcp::endpoint http_server::start(const config::listen_address& address) {
    beast::error_code ec;
    auto ip = asio::ip::make_address(address.host, ec);
    if (ec) {
        // A host name such as "localhost": resolve it once, at start-up.
        tcp::resolver resolver(ioc_);
        ip = resolver.resolve(address.host, std::to_string(address.port)).begin()->endpoint().address();
    }
    const tcp::endpoint endpoint{ip, address.port};
    listener_ = std::make_shared<listener>(ioc_, endpoint, ctx_);
    listener_->run();
    return listener_->local_endpoint();
}

void http_server::begin_drain() {
    ctx_->draining = true;
    if (listener_) listener_->stop();
    connections_->close_all();
}

}  // namespace veche::net
