#pragma once
// The HTTP side of the server: the listener, the shared connection context
// and the routes every part installs into.

#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "net/http_context.hpp"
#include "net/listener.hpp"
#include "net/origin_policy.hpp"
#include "net/proxy_trust.hpp"
#include "net/router.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>

namespace veche::net {

class http_server {
public:
    http_server(asio::io_context& ioc, const config::settings& settings, std::shared_ptr<metrics_registry> metrics);

    router& routes() { return router_; }
    const origin_policy& origins() const { return origins_; }
    const std::shared_ptr<connection_registry>& connections() { return connections_; }
    const std::atomic<bool>& draining() const { return ctx_->draining; }
    void set_websocket_upgrade(decltype(http_context::websocket_upgrade) fn) { ctx_->websocket_upgrade = std::move(fn); }

    // Binds and starts accepting; throws boost::system::system_error if the address cannot be used.
    tcp::endpoint start(const config::listen_address& address);
    // Stops accepting and closes every connection (WebSockets with 1001).
    void begin_drain();

private:
    asio::io_context& ioc_;
    router router_;
    origin_policy origins_;
    proxy_trust proxies_;
    std::shared_ptr<connection_registry> connections_ = std::make_shared<connection_registry>();
    std::shared_ptr<http_context> ctx_;
    std::shared_ptr<listener> listener_;
};

}  // namespace veche::net
