#pragma once
// Accepts TCP connections and starts an http_session for each, on its own strand.

#include "net/http_context.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>

namespace veche::net {

class listener : public std::enable_shared_from_this<listener> {
public:
    // Binds at once; throws boost::system::system_error when the address cannot be used.
    listener(asio::io_context& ioc, const tcp::endpoint& endpoint, std::shared_ptr<http_context> ctx);

    tcp::endpoint local_endpoint() const;
    void run();
    void stop();

private:
    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);

    asio::io_context& ioc_;
    tcp::acceptor acceptor_;
    asio::steady_timer retry_timer_;
    std::shared_ptr<http_context> ctx_;
};

}  // namespace veche::net
